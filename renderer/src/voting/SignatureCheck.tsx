import { useTranslation } from 'react-i18next';
import { errorText } from '../app/error-text.ts';
import type { SignedResultState } from './use-signed-result.ts';

/** "Chữ ký số: hợp lệ", or why it could not be said. */
export function SignatureCheck({ state, onRetry }: { state: SignedResultState; onRetry: () => void }) {
  const { t } = useTranslation();
  if (state.phase === 'loading') {
    return (
      <p className="signature-check checking" data-testid="signature-check" data-verdict="checking">
        {t('voting.signature.checking')}
      </p>
    );
  }
  if (state.phase === 'failed') {
    return (
      <div className="signature-check unavailable" data-testid="signature-check" data-verdict="unavailable">
        <p>{t('voting.signature.unavailable', { reason: errorText(t, state.error) })}</p>
        <button type="button" className="button secondary" onClick={onRetry}>
          {t('voting.signature.retry')}
        </button>
      </div>
    );
  }
  if (state.verdict === 'valid') {
    return (
      <p className="signature-check valid" data-testid="signature-check" data-verdict="valid">
        <strong>✓ {t('voting.signature.valid')}</strong> — {t('voting.signature.validDetail')}
      </p>
    );
  }
  return (
    <p className={`signature-check ${state.verdict}`} role="alert" data-testid="signature-check" data-verdict={state.verdict}>
      {state.verdict === 'invalid' ? t('voting.signature.invalid') : t('voting.signature.unsupported')}
    </p>
  );
}
