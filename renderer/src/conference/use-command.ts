import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../app/error-text.ts';

/**
 * One conference request at a time from a control group: `pending` while it
 * runs, a sentence when it fails. Success shows itself through the live
 * document, so there is nothing to undo here.
 */
export function useCommand(): { pending: boolean; error: string | null; run(command: () => Promise<unknown>): void } {
  const { t } = useTranslation();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = useCallback(
    (command: () => Promise<unknown>) => {
      setPending(true);
      setError(null);
      command()
        .catch((failure: unknown) => setError(t('conference.actionFailed', { reason: errorText(t, failure) })))
        .finally(() => setPending(false));
    },
    [t],
  );
  return { pending, error, run };
}
