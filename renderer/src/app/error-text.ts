import type { TFunction } from 'i18next';
import { ApiFailure } from '../api/http.ts';
import { SignalFailure } from '../conference/signaling-client.ts';

/** A sentence for the person in front of the screen, whatever failed. */
export function errorText(t: TFunction, error: unknown): string {
  if (error instanceof ApiFailure || error instanceof SignalFailure) {
    return error.code === 'network' ? t('errors.network') : t(`errors.${error.code}`);
  }
  return t('errors.internal');
}
