import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { PollReason } from '#protocol/voting.ts';

/**
 * A chair's action that needs a reason for the minutes (cancel, rerun): the
 * button opens the reason field in place, and the action goes only with one.
 */
export function ReasonAction({
  label,
  reasonLabel,
  confirmLabel,
  disabled,
  onConfirm,
}: {
  label: string;
  reasonLabel: string;
  confirmLabel: string;
  disabled: boolean;
  onConfirm(reason: string): Promise<void>;
}) {
  const { t } = useTranslation();
  const [asking, setAsking] = useState(false);
  const [reason, setReason] = useState('');
  const [tooShort, setTooShort] = useState(false);

  if (!asking) {
    return (
      <button type="button" className="button danger" disabled={disabled} onClick={() => setAsking(true)}>
        {label}
      </button>
    );
  }
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = PollReason.safeParse({ reason });
    if (!parsed.success) {
      setTooShort(true);
      return;
    }
    // A refusal is shown by the caller; the reason stays here for another try.
    onConfirm(parsed.data.reason).then(
      () => {
        setAsking(false);
        setReason('');
      },
      () => {},
    );
  };
  return (
    <form className="reason-action" onSubmit={submit} aria-label={label}>
      <label className="session-field">
        {reasonLabel}
        <textarea
          value={reason}
          rows={2}
          maxLength={1000}
          autoFocus
          aria-invalid={tooShort}
          onChange={(event) => {
            setReason(event.target.value);
            setTooShort(false);
          }}
        />
      </label>
      <p className={tooShort ? 'error' : 'hint'} role={tooShort ? 'alert' : undefined}>
        {tooShort ? t('voting.actions.reasonTooShort') : t('voting.actions.reasonHint')}
      </p>
      <div className="session-buttons">
        <button type="submit" className="button primary" disabled={disabled}>
          {confirmLabel}
        </button>
        <button type="button" className="button secondary" onClick={() => setAsking(false)}>
          {t('voting.actions.back')}
        </button>
      </div>
    </form>
  );
}
