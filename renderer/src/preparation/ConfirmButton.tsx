import { useState } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * A button for a step that cannot be undone: the first press asks in place
 * (no modal, which is awkward on tablets), the second carries it out.
 */
export function ConfirmButton({
  label,
  ariaLabel,
  question,
  confirmLabel,
  disabled,
  onConfirm,
}: {
  label: string;
  ariaLabel?: string;
  question: string;
  confirmLabel: string;
  disabled?: boolean;
  onConfirm: () => void;
}) {
  const { t } = useTranslation();
  const [asking, setAsking] = useState(false);
  if (!asking) {
    return (
      <button type="button" className="button danger" aria-label={ariaLabel} disabled={disabled} onClick={() => setAsking(true)}>
        {label}
      </button>
    );
  }
  return (
    <div className="confirm-box" role="alertdialog" aria-label={question}>
      <p>{question}</p>
      <div className="button-row">
        <button
          type="button"
          className="button primary"
          onClick={() => {
            setAsking(false);
            onConfirm();
          }}
        >
          {confirmLabel}
        </button>
        <button type="button" className="button secondary" autoFocus onClick={() => setAsking(false)}>
          {t('preparation.cancel')}
        </button>
      </div>
    </div>
  );
}
