import { z } from 'zod';
import type * as Y from 'yjs';

/**
 * Layout of `meeting:<id>:live`: trusted session state, written only by the
 * server (every client connection is read-only). Values are plain JSON,
 * replaced whole, and validated when read.
 *
 * Root map `session`:
 * - `presentation`: what the presenter shows, or null
 *
 * Root map `documents`: document id → its latest version, so a reader of an
 * older version learns at once that a newer one exists.
 */
export const LIVE_SESSION = 'session';
export const LIVE_DOCUMENTS = 'documents';

export const Presentation = z.object({
  documentId: z.string(),
  versionId: z.string(),
  page: z.number().int().positive(),
  presenterId: z.string(),
  presenterName: z.string(),
});
export type Presentation = z.infer<typeof Presentation>;

export const LatestVersion = z.object({ versionId: z.string(), version: z.number().int().positive() });
export type LatestVersion = z.infer<typeof LatestVersion>;

export function readPresentation(doc: Y.Doc): Presentation | null {
  const parsed = Presentation.safeParse(doc.getMap(LIVE_SESSION).get('presentation'));
  return parsed.success ? parsed.data : null;
}

export function writePresentation(doc: Y.Doc, presentation: Presentation | null): void {
  doc.getMap(LIVE_SESSION).set('presentation', presentation);
}

export function readLatestVersions(doc: Y.Doc): Map<string, LatestVersion> {
  const latest = new Map<string, LatestVersion>();
  doc.getMap(LIVE_DOCUMENTS).forEach((value, documentId) => {
    const parsed = LatestVersion.safeParse(value);
    if (parsed.success) latest.set(documentId, parsed.data);
  });
  return latest;
}

export function writeLatestVersion(doc: Y.Doc, documentId: string, latest: LatestVersion): void {
  doc.getMap(LIVE_DOCUMENTS).set(documentId, latest);
}
