import { useEffect, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type * as Y from 'yjs';
import { agendaTitle, readAgenda, type AgendaEntry } from '#protocol/collab/agenda.ts';
import { AgendaItemDraft, type AgendaItem, type AgendaItemUpdate, type MeetingDetail } from '#protocol/meetings.ts';
import { errorText } from '../app/error-text.ts';
import { useSession } from '../app/session-context.tsx';
import { useDocView } from '../collab/use-collab-doc.ts';
import { CollabTitleInput } from './CollabTitleInput.tsx';
import { ConfirmButton } from './ConfirmButton.tsx';
import { DocumentShelf } from './DocumentShelf.tsx';
import { addAgendaItem, deleteAgendaItem, reorderAgenda, updateAgendaItem } from './requests.ts';
import { ErrorMessage } from '../app/ErrorMessage.tsx';

const NO_ENTRIES: AgendaEntry[] = [];
/** Drag type of an agenda item being reordered, so file drops and item drops never mix. */
const ITEM_DRAG_TYPE = 'application/x-dien-hong-agenda-item';

/**
 * The agenda as a secretary prepares it: titles drafted live in the shared
 * Yjs document, presenter and duration saved through the API, order changed
 * with buttons (touch) or by dragging (mouse), and each item's documents.
 */
export function AgendaEditor({
  meeting,
  agendaDoc,
  locked,
  onDetail,
  onReload,
}: {
  meeting: MeetingDetail;
  /** `meeting:<id>:agenda`, once connected. */
  agendaDoc: Y.Doc | undefined;
  /** Nothing may change (a closed meeting); form controls are disabled by the surrounding fieldset. */
  locked: boolean;
  onDetail: (detail: MeetingDetail) => void;
  onReload: () => Promise<void>;
}) {
  const { t } = useTranslation();
  const { token } = useSession();
  const entries = useDocView(agendaDoc, readAgenda, NO_ENTRIES);
  const [pendingOrder, setPendingOrder] = useState<string[] | null>(null);
  const [dragged, setDragged] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const items = [...meeting.agenda].sort((a, b) =>
    pendingOrder ? pendingOrder.indexOf(a.id) - pendingOrder.indexOf(b.id) : a.position - b.position,
  );

  const reorder = async (itemIds: string[]) => {
    setError(null);
    // Shown at once; the server's answer replaces it (or the old order comes back).
    setPendingOrder(itemIds);
    try {
      onDetail(await reorderAgenda(token, meeting.id, itemIds));
    } catch (failure) {
      setError(errorText(t, failure));
    } finally {
      setPendingOrder(null);
    }
  };
  const move = (index: number, delta: number) => {
    const ids = items.map((item) => item.id);
    const [moved] = ids.splice(index, 1);
    if (!moved) return;
    ids.splice(index + delta, 0, moved);
    void reorder(ids);
  };
  const dropOn = (targetId: string) => {
    if (!dragged || dragged === targetId) return;
    const ids = items.map((item) => item.id).filter((id) => id !== dragged);
    const from = items.findIndex((item) => item.id === dragged);
    const to = items.findIndex((item) => item.id === targetId);
    // Dropping on a later item puts the dragged one after it, on an earlier one before it.
    ids.splice(ids.indexOf(targetId) + (from < to ? 1 : 0), 0, dragged);
    void reorder(ids);
  };

  return (
    <section className="prep-section prep-agenda" aria-labelledby="prep-agenda-heading">
      <h2 id="prep-agenda-heading">{t('preparation.agenda.heading')}</h2>
      <p className="hint">{t('preparation.agenda.hint')}</p>
      {items.length === 0 && <p className="muted">{t('preparation.agenda.empty')}</p>}
      {pendingOrder && (
        <p className="muted" role="status">
          {t('preparation.agenda.reordering')}
        </p>
      )}
      <ErrorMessage>{error}</ErrorMessage>
      <ol className="prep-agenda-items">
        {items.map((item, index) => (
          <AgendaItemCard
            key={item.id}
            item={item}
            number={index + 1}
            isFirst={index === 0}
            isLast={index === items.length - 1}
            titleEntry={entries.find((entry) => entry.id === item.id)}
            agendaDoc={agendaDoc}
            reordering={pendingOrder !== null}
            locked={locked}
            dragging={dragged === item.id}
            onMove={(delta) => move(index, delta)}
            onDragStart={() => setDragged(item.id)}
            onDragEnd={() => setDragged(null)}
            onDropItem={() => dropOn(item.id)}
            acceptsItemDrop={dragged !== null && dragged !== item.id}
            onDetail={onDetail}
            onReload={onReload}
          />
        ))}
      </ol>
      <AddAgendaItemForm meetingId={meeting.id} onDetail={onDetail} />
    </section>
  );
}

function AgendaItemCard({
  item,
  number,
  isFirst,
  isLast,
  titleEntry,
  agendaDoc,
  reordering,
  locked,
  dragging,
  acceptsItemDrop,
  onMove,
  onDragStart,
  onDragEnd,
  onDropItem,
  onDetail,
  onReload,
}: {
  item: AgendaItem;
  number: number;
  isFirst: boolean;
  isLast: boolean;
  titleEntry: AgendaEntry | undefined;
  agendaDoc: Y.Doc | undefined;
  reordering: boolean;
  locked: boolean;
  dragging: boolean;
  acceptsItemDrop: boolean;
  onMove: (delta: number) => void;
  onDragStart: () => void;
  onDragEnd: () => void;
  onDropItem: () => void;
  onDetail: (detail: MeetingDetail) => void;
  onReload: () => Promise<void>;
}) {
  const { t } = useTranslation();
  const { token } = useSession();
  const [saving, setSaving] = useState<'idle' | 'saving' | 'saved'>('idle');
  const [removing, setRemoving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const titleText = agendaDoc && titleEntry ? agendaTitle(agendaDoc, item.id) : null;

  const save = async (update: AgendaItemUpdate) => {
    setSaving('saving');
    setError(null);
    try {
      onDetail(await updateAgendaItem(token, item.id, update));
      setSaving('saved');
    } catch (failure) {
      setSaving('idle');
      setError(errorText(t, failure));
    }
  };
  const remove = async () => {
    setRemoving(true);
    setError(null);
    try {
      onDetail(await deleteAgendaItem(token, item.id));
    } catch (failure) {
      setRemoving(false);
      setError(errorText(t, failure));
    }
  };

  return (
    <li
      className={['prep-agenda-item', dragging && 'dragging', acceptsItemDrop && 'drop-target'].filter(Boolean).join(' ')}
      data-testid="prep-agenda-item"
      aria-busy={removing}
      onDragOver={(event) => {
        if (!acceptsItemDrop || !event.dataTransfer.types.includes(ITEM_DRAG_TYPE)) return;
        event.preventDefault();
        event.dataTransfer.dropEffect = 'move';
      }}
      onDrop={(event) => {
        if (!event.dataTransfer.types.includes(ITEM_DRAG_TYPE)) return;
        event.preventDefault();
        onDropItem();
      }}
    >
      <div className="prep-item-head">
        <span
          className="drag-handle"
          draggable={!locked}
          role="img"
          aria-label={t('preparation.agenda.dragHandle', { number })}
          title={t('preparation.agenda.dragHandle', { number })}
          onDragStart={(event) => {
            event.dataTransfer.setData(ITEM_DRAG_TYPE, item.id);
            event.dataTransfer.effectAllowed = 'move';
            onDragStart();
          }}
          onDragEnd={onDragEnd}
        >
          ⠿
        </span>
        <span className="agenda-number">{number}</span>
        {titleText && titleEntry ? (
          <CollabTitleInput text={titleText} value={titleEntry.title} label={t('preparation.agenda.itemTitle', { number })} />
        ) : (
          <input
            className="prep-title-input"
            aria-label={t('preparation.agenda.itemTitle', { number })}
            value={item.title}
            title={t('preparation.agenda.titleConnecting')}
            disabled
          />
        )}
      </div>
      <div className="prep-item-fields">
        <CommitField
          label={t('preparation.agenda.presenterShort')}
          ariaLabel={t('preparation.agenda.presenter', { number })}
          value={item.presenter}
          maxLength={200}
          onCommit={(presenter) => void save({ presenter: presenter.trim() })}
        />
        <CommitField
          label={t('preparation.agenda.minutesShort')}
          ariaLabel={t('preparation.agenda.minutes', { number })}
          value={String(item.plannedMinutes)}
          numeric
          onCommit={(minutes) => {
            const plannedMinutes = Number(minutes);
            if (Number.isInteger(plannedMinutes) && plannedMinutes >= 0 && plannedMinutes <= 24 * 60) void save({ plannedMinutes });
            else setError(t('preparation.agenda.add.incomplete'));
          }}
        />
        <span className="save-state" role="status">
          {saving === 'saving' && t('preparation.saving')}
          {saving === 'saved' && t('preparation.saved')}
        </span>
      </div>
      <div className="button-row prep-item-actions">
        <button
          type="button"
          className="button secondary"
          aria-label={t('preparation.agenda.moveUpLabel', { number })}
          disabled={isFirst || reordering}
          onClick={() => onMove(-1)}
        >
          ↑ {t('preparation.agenda.moveUp')}
        </button>
        <button
          type="button"
          className="button secondary"
          aria-label={t('preparation.agenda.moveDownLabel', { number })}
          disabled={isLast || reordering}
          onClick={() => onMove(1)}
        >
          ↓ {t('preparation.agenda.moveDown')}
        </button>
        <ConfirmButton
          label={removing ? t('preparation.agenda.removing') : t('preparation.agenda.remove')}
          question={t('preparation.agenda.confirmRemove', { number })}
          confirmLabel={t('preparation.agenda.confirmRemoveYes')}
          disabled={removing}
          onConfirm={() => void remove()}
        />
      </div>
      <ErrorMessage>{error}</ErrorMessage>
      <DocumentShelf item={item} number={number} locked={locked} onUploaded={onReload} />
    </li>
  );
}

/**
 * An input saved when the secretary leaves it or presses Enter (no save
 * button per field); Escape puts back the saved value.
 */
function CommitField({
  label,
  ariaLabel,
  value,
  numeric,
  maxLength,
  onCommit,
}: {
  label: string;
  ariaLabel: string;
  value: string;
  numeric?: boolean;
  maxLength?: number;
  onCommit: (value: string) => void;
}) {
  const [draft, setDraft] = useState(value);
  const input = useRef<HTMLInputElement>(null);
  // A newer saved value (ours or a colleague's) shows up unless the field is being typed in.
  useEffect(() => {
    if (document.activeElement !== input.current) setDraft(value);
  }, [value]);

  const commit = () => {
    if (draft.trim() !== value.trim()) onCommit(draft);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter') {
      event.preventDefault();
      commit();
    }
    if (event.key === 'Escape') setDraft(value);
  };

  return (
    <label className="field">
      <span>{label}</span>
      <input
        ref={input}
        aria-label={ariaLabel}
        value={draft}
        inputMode={numeric ? 'numeric' : undefined}
        type={numeric ? 'number' : 'text'}
        min={numeric ? 0 : undefined}
        max={numeric ? 24 * 60 : undefined}
        maxLength={maxLength}
        onChange={(event) => setDraft(event.target.value)}
        onBlur={commit}
        onKeyDown={onKeyDown}
      />
    </label>
  );
}

function AddAgendaItemForm({ meetingId, onDetail }: { meetingId: string; onDetail: (detail: MeetingDetail) => void }) {
  const { t } = useTranslation();
  const { token } = useSession();
  const [title, setTitle] = useState('');
  const [presenter, setPresenter] = useState('');
  const [minutes, setMinutes] = useState('15');
  const [adding, setAdding] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const draft = AgendaItemDraft.safeParse({ title, presenter, plannedMinutes: Number(minutes) });
    if (!draft.success || minutes.trim() === '') {
      setError(t('preparation.agenda.add.incomplete'));
      return;
    }
    setAdding(true);
    setError(null);
    try {
      onDetail(await addAgendaItem(token, meetingId, draft.data));
      setTitle('');
      setPresenter('');
    } catch (failure) {
      setError(errorText(t, failure));
    } finally {
      setAdding(false);
    }
  };

  return (
    <form className="add-agenda-item" onSubmit={(event) => void submit(event)} noValidate aria-busy={adding}>
      <h3>{t('preparation.agenda.add.heading')}</h3>
      <label className="field">
        <span>{t('preparation.agenda.add.title')}</span>
        <input value={title} maxLength={500} onChange={(event) => setTitle(event.target.value)} />
      </label>
      <div className="field-row">
        <label className="field">
          <span>{t('preparation.agenda.add.presenter')}</span>
          <input value={presenter} maxLength={200} onChange={(event) => setPresenter(event.target.value)} />
        </label>
        <label className="field">
          <span>{t('preparation.agenda.add.minutes')}</span>
          <input type="number" inputMode="numeric" min={0} max={24 * 60} value={minutes} onChange={(event) => setMinutes(event.target.value)} />
        </label>
      </div>
      <div className="button-row">
        <button type="submit" className="button primary" disabled={adding}>
          {adding ? t('preparation.agenda.add.adding') : t('preparation.agenda.add.submit')}
        </button>
      </div>
      <ErrorMessage>{error}</ErrorMessage>
    </form>
  );
}
