import type { Kysely } from 'kysely';
import { formatDocName } from '#protocol/collab/doc-names.ts';
import { writePresentation } from '#protocol/collab/live.ts';
import type { PresentationRequest } from '#protocol/meetings.ts';
import type { Principal } from '../auth/tokens.ts';
import type { CollabHub } from '../collab/collab-hub.ts';
import { HttpError } from '../http/errors.ts';
import type { Database } from '../store/schema.ts';

// Server commands on the live session state in `meeting:<id>:live`, which
// every client reads and only the server writes. Callers have already
// checked permissions.

const liveDoc = (meetingId: string) => formatDocName({ kind: 'live', meetingId });

/** Shows a page of one document version to everyone following the presenter. */
export async function startPresentation(
  db: Kysely<Database>,
  hub: CollabHub,
  meetingId: string,
  presenter: Principal,
  request: PresentationRequest,
): Promise<void> {
  const version = await db
    .selectFrom('document_versions')
    .innerJoin('documents', 'documents.id', 'document_versions.document_id')
    .innerJoin('agenda_items', 'agenda_items.id', 'documents.agenda_item_id')
    .select('document_versions.page_count')
    .where('document_versions.id', '=', request.versionId)
    .where('documents.id', '=', request.documentId)
    .where('agenda_items.meeting_id', '=', meetingId)
    .executeTakeFirst();
  if (!version) throw new HttpError(404, 'not_found', 'no such document version in this meeting');
  if (request.page > version.page_count) {
    throw new HttpError(400, 'bad_request', `page ${request.page} is past the end of the document (${version.page_count} pages)`);
  }
  await hub.change(liveDoc(meetingId), (doc) =>
    writePresentation(doc, {
      documentId: request.documentId,
      versionId: request.versionId,
      page: request.page,
      presenterId: presenter.userId,
      presenterName: presenter.displayName,
    }),
  );
}

export async function stopPresentation(hub: CollabHub, meetingId: string): Promise<void> {
  await hub.change(liveDoc(meetingId), (doc) => writePresentation(doc, null));
}
