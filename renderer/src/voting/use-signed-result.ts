import { useCallback, useEffect, useState } from 'react';
import { canonicalJson, outcomeOf, type PollOutcome, type PollResult } from '#protocol/voting.ts';
import { useSession } from '../app/session-context.tsx';
import { verifyResultSignature, type SignatureVerdict } from './result-signature.ts';
import { loadSignedResult } from './voting-commands.ts';

export type SignedResultState =
  | { phase: 'loading' }
  | { phase: 'done'; result: PollResult; verdict: SignatureVerdict }
  | { phase: 'failed'; error: unknown };

/** A whole hall learns the outcome at once; their follow-up requests are spread over this window. */
const SPREAD_MS = 2500;

/**
 * The full signed result behind a live outcome: the lists of names or
 * receipts, and the server's signature verified in this browser. The
 * signature must cover exactly the outcome on screen, or the check fails.
 */
export function useSignedResult(outcome: PollOutcome): { state: SignedResultState; retry: () => void } {
  const { token } = useSession();
  const [state, setState] = useState<SignedResultState>({ phase: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const shown = canonicalJson(outcome);
  const pollId = outcome.pollId;

  useEffect(() => {
    let live = true;
    setState({ phase: 'loading' });
    const timer = setTimeout(
      () => {
        loadSignedResult(pollId, token)
          .then(async ({ raw, signed }) => {
            const verdict = await verifyResultSignature(raw);
            // A valid signature over a different result would still mislead the reader.
            const matches = canonicalJson(outcomeOf(signed.result)) === shown;
            return { result: signed.result, verdict: verdict === 'valid' && !matches ? ('invalid' as const) : verdict };
          })
          .then(
            (done) => live && setState({ phase: 'done', ...done }),
            (error: unknown) => live && setState({ phase: 'failed', error }),
          );
      },
      attempt === 0 ? Math.random() * SPREAD_MS : 0,
    );
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [pollId, token, shown, attempt]);

  const retry = useCallback(() => setAttempt((count) => count + 1), []);
  return { state, retry };
}
