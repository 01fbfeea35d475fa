import type { Kysely } from 'kysely';
import type { DocumentSummary } from '#protocol/meetings.ts';
import type { Database } from '../store/schema.ts';

/** Documents joined with their latest version (the highest version number). */
function latestVersions(db: Kysely<Database>) {
  return db
    .selectFrom('documents')
    .innerJoin('document_versions', 'document_versions.document_id', 'documents.id')
    .select([
      'documents.id',
      'documents.agenda_item_id',
      'documents.title',
      'documents.created_at',
      'document_versions.id as version_id',
      'document_versions.version',
      'document_versions.file_name',
      'document_versions.size_bytes',
      'document_versions.page_count',
      'document_versions.sha256',
      'document_versions.created_at as uploaded_at',
    ])
    .where((eb) =>
      eb(
        'document_versions.version',
        '=',
        eb
          .selectFrom('document_versions as newer')
          .select((inner) => inner.fn.max('newer.version').as('version'))
          .whereRef('newer.document_id', '=', 'documents.id'),
      ),
    );
}

type LatestVersionRow = Awaited<ReturnType<ReturnType<typeof latestVersions>['executeTakeFirstOrThrow']>>;

function toDocumentSummary(row: LatestVersionRow): DocumentSummary {
  return {
    id: row.id,
    agendaItemId: row.agenda_item_id,
    title: row.title,
    versionId: row.version_id,
    version: row.version,
    fileName: row.file_name,
    sizeBytes: row.size_bytes,
    pageCount: row.page_count,
    sha256: row.sha256,
    uploadedAt: row.uploaded_at,
  };
}

/** The documents of these agenda items at their latest version, oldest document first. */
export async function documentSummariesOf(db: Kysely<Database>, agendaItemIds: string[]): Promise<DocumentSummary[]> {
  if (agendaItemIds.length === 0) return [];
  const rows = await latestVersions(db)
    .where('documents.agenda_item_id', 'in', agendaItemIds)
    .orderBy('documents.created_at')
    .orderBy('documents.id')
    .execute();
  return rows.map(toDocumentSummary);
}

/** One document at its latest version, or null when it does not exist. */
export async function documentSummary(db: Kysely<Database>, documentId: string): Promise<DocumentSummary | null> {
  const row = await latestVersions(db).where('documents.id', '=', documentId).executeTakeFirst();
  return row ? toDocumentSummary(row) : null;
}
