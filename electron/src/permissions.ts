import { originOf } from './navigation.ts';

/** Permissions the app's own pages may use; Chromium's names. */
const ALLOWED = new Set(['media', 'display-capture', 'fullscreen', 'clipboard-sanitized-write']);

/**
 * Camera, microphone and screen capture (and copying a receipt code, going
 * full screen) only for the app's own origin; every other permission, and
 * every other origin, is refused.
 */
export function permissionAllowed(permission: string, requestingUrl: string, appOrigin: string, mediaTypes: readonly string[] = []): boolean {
  let origin: string;
  try {
    origin = originOf(new URL(requestingUrl));
  } catch {
    return false;
  }
  if (origin !== appOrigin || origin === 'null') return false;
  if (!ALLOWED.has(permission)) return false;
  return permission !== 'media' || mediaTypes.every((type) => type === 'audio' || type === 'video');
}
