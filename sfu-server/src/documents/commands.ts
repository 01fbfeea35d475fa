import { randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import { writeLatestVersion } from '#protocol/collab/live.ts';
import { formatDocName } from '#protocol/collab/doc-names.ts';
import type { DocumentSummary } from '#protocol/meetings.ts';
import type { CollabHub } from '../collab/collab-hub.ts';
import { HttpError } from '../http/errors.ts';
import type { Database } from '../store/schema.ts';
import { documentSummary } from './queries.ts';
import type { StoredPdf } from './upload.ts';

// Server commands on documents. The bytes are already checked and in the file
// store (see upload.ts); these record them and tell open readers. Callers have
// already checked permissions.

/** A checked PDF in the file store, as one version of a document. */
export interface VersionFile extends StoredPdf {
  fileName: string;
  uploadedBy: string;
}

async function insertVersion(trx: Transaction<Database>, documentId: string, version: number, file: VersionFile) {
  const id = randomUUID();
  await trx
    .insertInto('document_versions')
    .values({
      id,
      document_id: documentId,
      version,
      file_name: file.fileName,
      sha256: file.sha256,
      size_bytes: file.sizeBytes,
      page_count: file.pageCount,
      uploaded_by: file.uploadedBy,
      created_at: new Date().toISOString(),
    })
    .execute();
  return { versionId: id, version };
}

/** Publishes a document's latest version in `meeting:<id>:live`, so a reader of an older one learns of it at once. */
async function announce(hub: CollabHub, meetingId: string, documentId: string, latest: { versionId: string; version: number }) {
  await hub.change(formatDocName({ kind: 'live', meetingId }), (doc) => writeLatestVersion(doc, documentId, latest));
}

async function summaryOrThrow(db: Kysely<Database>, documentId: string): Promise<DocumentSummary> {
  const summary = await documentSummary(db, documentId);
  if (!summary) throw new HttpError(404, 'not_found', 'no such document');
  return summary;
}

/** Attaches a new document, at version 1, to an agenda item of the meeting. */
export async function uploadDocument(
  db: Kysely<Database>,
  hub: CollabHub,
  upload: { meetingId: string; agendaItemId: string; title: string; file: VersionFile },
): Promise<DocumentSummary> {
  const documentId = randomUUID();
  const latest = await db.transaction().execute(async (trx) => {
    // The item may have been deleted while the file was on its way.
    const item = await trx.selectFrom('agenda_items').select('id').where('id', '=', upload.agendaItemId).executeTakeFirst();
    if (!item) throw new HttpError(404, 'not_found', 'no such agenda item');
    await trx
      .insertInto('documents')
      .values({ id: documentId, agenda_item_id: upload.agendaItemId, title: upload.title, created_at: new Date().toISOString() })
      .execute();
    return insertVersion(trx, documentId, 1, upload.file);
  });
  await announce(hub, upload.meetingId, documentId, latest);
  return summaryOrThrow(db, documentId);
}

/** Adds the next version of a document; a title, when given, renames the document. */
export async function uploadDocumentVersion(
  db: Kysely<Database>,
  hub: CollabHub,
  upload: { meetingId: string; documentId: string; title: string | undefined; file: VersionFile },
): Promise<DocumentSummary> {
  const latest = await db.transaction().execute(async (trx) => {
    const previous = await trx
      .selectFrom('document_versions')
      .select((eb) => eb.fn.max('version').as('version'))
      .where('document_id', '=', upload.documentId)
      .executeTakeFirst();
    if (!previous?.version) throw new HttpError(404, 'not_found', 'no such document');
    if (upload.title !== undefined) {
      await trx.updateTable('documents').set({ title: upload.title }).where('id', '=', upload.documentId).execute();
    }
    // The unique (document_id, version) constraint refuses a concurrent upload that computed the same number.
    return insertVersion(trx, upload.documentId, previous.version + 1, upload.file);
  });
  await announce(hub, upload.meetingId, upload.documentId, latest);
  return summaryOrThrow(db, upload.documentId);
}
