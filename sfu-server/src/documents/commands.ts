import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { PDFDocument } from 'pdf-lib';
import type { Database } from '../store/schema.ts';
import type { FileStore } from '../store/file-store.ts';

/** Stores a PDF and attaches it to an agenda item; returns the document id. */
export async function attachDocument(
  db: Kysely<Database>,
  files: FileStore,
  document: { agendaItemId: string; title: string; fileName: string; bytes: Uint8Array; uploadedBy: string },
): Promise<string> {
  const pageCount = (await PDFDocument.load(document.bytes, { updateMetadata: false })).getPageCount();
  const sha256 = await files.put(document.bytes);
  const id = randomUUID();
  await db
    .insertInto('documents')
    .values({
      id,
      agenda_item_id: document.agendaItemId,
      title: document.title,
      file_name: document.fileName,
      sha256,
      size_bytes: document.bytes.byteLength,
      page_count: pageCount,
      uploaded_by: document.uploadedBy,
      created_at: new Date().toISOString(),
    })
    .execute();
  return id;
}
