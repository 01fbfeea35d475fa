import type { TFunction } from 'i18next';
import { ApiFailure } from '../api/http.ts';
import { SignalFailure } from '../conference/signaling-client.ts';

/** Finer reasons the server gives for refusing a session command, each with its own sentence. */
const EXPLAINED_REASONS = ['already_voted', 'poll_not_open', 'not_eligible'] as const;
type ExplainedReason = (typeof EXPLAINED_REASONS)[number];

function isExplained(reason: string | undefined): reason is ExplainedReason {
  return (EXPLAINED_REASONS as readonly (string | undefined)[]).includes(reason);
}

/** A sentence for the person in front of the screen, whatever failed. */
export function errorText(t: TFunction, error: unknown): string {
  if (error instanceof ApiFailure && isExplained(error.reason)) return t(`errors.reasons.${error.reason}`);
  if (error instanceof ApiFailure || error instanceof SignalFailure) {
    return error.code === 'network' ? t('errors.network') : t(`errors.${error.code}`);
  }
  return t('errors.internal');
}
