import { useTranslation } from 'react-i18next';
import type * as Y from 'yjs';
import { agendaTitle, readAgenda, type AgendaEntry } from '#protocol/collab/agenda.ts';
import { applyTextEdit } from '../collab/text-binding.ts';
import { useDocView } from '../collab/use-collab-doc.ts';

const NO_ITEMS: AgendaEntry[] = [];

/** The agenda as drafted in `meeting:<id>:agenda`; secretaries edit titles in place. */
export function AgendaPanel({
  doc,
  canEdit,
  selectedItemId,
  onSelect,
}: {
  doc: Y.Doc | undefined;
  canEdit: boolean;
  selectedItemId: string | null;
  onSelect: (itemId: string) => void;
}) {
  const { t } = useTranslation();
  const items = useDocView(doc, readAgenda, NO_ITEMS);

  return (
    <section className="agenda-panel" aria-labelledby="agenda-heading">
      <h2 id="agenda-heading">{t('agenda.title')}</h2>
      {canEdit && <p className="hint">{t('agenda.editHint')}</p>}
      {items.length === 0 && <p className="muted">{t('agenda.empty')}</p>}
      <ol className="agenda-items">
        {items.map((item, index) => (
          <li key={item.id} className={item.id === selectedItemId ? 'agenda-item selected' : 'agenda-item'} data-testid="agenda-item">
            <button type="button" className="agenda-select" onClick={() => onSelect(item.id)} aria-current={item.id === selectedItemId}>
              <span className="agenda-number">{index + 1}</span>
              {!canEdit && <span className="agenda-title" data-testid="agenda-title">{item.title}</span>}
            </button>
            {canEdit && doc && (
              <input
                className="agenda-title-input"
                aria-label={t('agenda.itemTitle', { number: index + 1 })}
                value={item.title}
                onFocus={() => onSelect(item.id)}
                onChange={(event) => {
                  const text = agendaTitle(doc, item.id);
                  if (text) applyTextEdit(text, event.target.value);
                }}
              />
            )}
            <span className="agenda-meta">
              {t('agenda.presenter', { name: item.presenter })} · {t('agenda.minutes', { count: item.plannedMinutes })}
            </span>
          </li>
        ))}
      </ol>
    </section>
  );
}
