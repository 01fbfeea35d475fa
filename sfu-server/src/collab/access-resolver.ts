import type { Kysely } from 'kysely';
import { collabAccess, type CollabAccess } from '#protocol/collab/access.ts';
import type { DocName } from '#protocol/collab/doc-names.ts';
import { meetingOfDocument, meetingRoleOf } from '../meetings/membership.ts';
import type { Database } from '../store/schema.ts';

/** Resolves the meeting behind a document name and applies the shared access rules. */
export async function resolveCollabAccess(db: Kysely<Database>, doc: DocName, userId: string): Promise<CollabAccess> {
  const meetingId = 'meetingId' in doc ? doc.meetingId : await meetingOfDocument(db, doc.documentId);
  const meetingRole = meetingId ? await meetingRoleOf(db, meetingId, userId) : null;
  return collabAccess(doc, { userId, meetingRole });
}
