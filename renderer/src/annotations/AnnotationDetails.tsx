import { useTranslation } from 'react-i18next';
import { ANNOTATION_COLORS, type Annotation } from '#protocol/collab/annotations.ts';
import { cssColor } from './colors.ts';
import type { Annotations } from './use-annotations.ts';

/** The selected annotation: its content, and for my own, colour, sharing, note text and delete. */
export function AnnotationDetails({ annotation, annotations, onClose }: { annotation: Annotation; annotations: Annotations; onClose(): void }) {
  const { t } = useTranslation();
  const mine = annotations.isMine(annotation);
  return (
    <aside className="annotation-details" data-testid="annotation-details" aria-label={t(`annotations.selected.${annotation.kind}`)}>
      <header>
        <strong>{t(`annotations.selected.${annotation.kind}`)}</strong>
        <span className="muted">
          {mine ? (annotation.shared ? t('annotations.sharedWithMeeting') : t('annotations.private')) : t('annotations.by', { name: annotation.authorName })}
        </span>
        <button type="button" className="button secondary" onClick={onClose}>
          {t('annotations.close')}
        </button>
      </header>
      {annotation.kind === 'highlight' && <blockquote>{annotation.text}</blockquote>}
      {annotation.kind === 'note' &&
        (mine ? (
          <textarea
            aria-label={t('annotations.noteBody')}
            placeholder={t('annotations.notePlaceholder')}
            value={annotation.body}
            autoFocus={annotation.body === ''}
            onChange={(event) => annotations.update({ ...annotation, body: event.target.value })}
          />
        ) : (
          <p className="note-body">{annotation.body}</p>
        ))}
      {mine && (
        <div className="annotation-actions">
          {ANNOTATION_COLORS.map((color) => (
            <button
              key={color}
              type="button"
              className="color-chip"
              aria-label={t(`annotations.colors.${color}`)}
              aria-pressed={annotation.color === color}
              style={{ background: cssColor(color) }}
              onClick={() => annotations.update({ ...annotation, color })}
            />
          ))}
          <button type="button" className="button secondary" onClick={() => annotations.setShared(annotation, !annotation.shared)}>
            {annotation.shared ? t('annotations.unshare') : t('annotations.share')}
          </button>
          <button
            type="button"
            className="button danger"
            onClick={() => {
              annotations.remove(annotation);
              onClose();
            }}
          >
            {t('annotations.delete')}
          </button>
        </div>
      )}
    </aside>
  );
}
