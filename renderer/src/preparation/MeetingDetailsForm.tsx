import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { MeetingDraft } from '#protocol/meetings.ts';
import { errorText } from '../app/error-text.ts';
import { tomorrowMorningInVietnam, vietnamDateAndTime, vietnamInstant } from './vietnam-time.ts';

type SaveState = { phase: 'idle' } | { phase: 'saving' } | { phase: 'saved'; at: Date } | { phase: 'failed'; message: string };

/**
 * Title, convening body, date and time (Vietnam time) and place of a meeting.
 * Creates a meeting when `initial` is absent, otherwise edits it.
 */
export function MeetingDetailsForm({
  initial,
  onSubmit,
  onCancel,
}: {
  initial?: MeetingDraft;
  onSubmit: (draft: MeetingDraft) => Promise<void>;
  onCancel?: () => void;
}) {
  const { t, i18n } = useTranslation();
  const creating = !initial;
  const start = initial ? vietnamDateAndTime(initial.startsAt) : tomorrowMorningInVietnam();
  const [title, setTitle] = useState(initial?.title ?? '');
  const [body, setBody] = useState(initial?.body ?? '');
  const [date, setDate] = useState(start.date);
  const [time, setTime] = useState(start.time);
  const [location, setLocation] = useState(initial?.location ?? '');
  const [save, setSave] = useState<SaveState>({ phase: 'idle' });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const draft = MeetingDraft.safeParse({ title, body, startsAt: vietnamInstant(date, time), location });
    if (!draft.success) {
      setSave({ phase: 'failed', message: t('preparation.details.incomplete') });
      return;
    }
    setSave({ phase: 'saving' });
    try {
      await onSubmit(draft.data);
      setSave({ phase: 'saved', at: new Date() });
    } catch (error) {
      setSave({ phase: 'failed', message: errorText(t, error) });
    }
  };
  // Any edit after a save makes the "saved" line stale.
  const edited = <T,>(set: (value: T) => void) => (value: T) => {
    set(value);
    if (save.phase === 'saved' || save.phase === 'failed') setSave({ phase: 'idle' });
  };
  const savedAt = (at: Date) =>
    new Intl.DateTimeFormat(i18n.language === 'vi' ? 'vi-VN' : 'en-GB', { timeStyle: 'short' }).format(at);

  return (
    <form className="meeting-details-form" onSubmit={(event) => void submit(event)} noValidate aria-busy={save.phase === 'saving'}>
      <label className="field">
        <span>{t('preparation.details.title')}</span>
        <input value={title} onChange={(event) => edited(setTitle)(event.target.value)} maxLength={300} />
        <small className="hint">{t('preparation.details.titleExample')}</small>
      </label>
      <label className="field">
        <span>{t('preparation.details.body')}</span>
        <input value={body} onChange={(event) => edited(setBody)(event.target.value)} maxLength={300} />
        <small className="hint">{t('preparation.details.bodyExample')}</small>
      </label>
      <div className="field-row">
        <label className="field">
          <span>{t('preparation.details.date')}</span>
          <input type="date" value={date} onChange={(event) => edited(setDate)(event.target.value)} />
        </label>
        <label className="field">
          <span>{t('preparation.details.time')}</span>
          <input type="time" value={time} onChange={(event) => edited(setTime)(event.target.value)} />
        </label>
      </div>
      <label className="field">
        <span>{t('preparation.details.location')}</span>
        <input value={location} onChange={(event) => edited(setLocation)(event.target.value)} maxLength={300} />
        <small className="hint">{t('preparation.details.locationExample')}</small>
      </label>
      <div className="button-row">
        <button type="submit" className="button primary" disabled={save.phase === 'saving'}>
          {creating ? t('preparation.details.create') : t('preparation.details.save')}
        </button>
        {onCancel && (
          <button type="button" className="button secondary" onClick={onCancel}>
            {t('preparation.cancel')}
          </button>
        )}
      </div>
      <p className="save-state" role="status" data-state={save.phase}>
        {save.phase === 'saving' && (creating ? t('preparation.details.creating') : t('preparation.saving'))}
        {save.phase === 'saved' && !creating && t('preparation.details.saved', { time: savedAt(save.at) })}
      </p>
      {save.phase === 'failed' && (
        <p className="error" role="alert">
          {save.message}
        </p>
      )}
    </form>
  );
}
