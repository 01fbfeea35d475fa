import type { Kysely } from 'kysely';
import { collabAccess, type CollabAccess } from '#protocol/collab/access.ts';
import type { DocName } from '#protocol/collab/doc-names.ts';
import { meetingOfDocumentVersion, meetingRoleOf } from '../meetings/membership.ts';
import type { Database } from '../store/schema.ts';

/**
 * Resolves the meeting behind a document name and applies the shared access
 * rules. Annotation documents carry a document *version* id.
 */
export async function resolveCollabAccess(db: Kysely<Database>, doc: DocName, userId: string): Promise<CollabAccess> {
  const meetingId = 'meetingId' in doc ? doc.meetingId : await meetingOfDocumentVersion(db, doc.documentId);
  const meetingRole = meetingId ? await meetingRoleOf(db, meetingId, userId) : null;
  return collabAccess(doc, { userId, meetingRole });
}
