import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { EntityId } from '#protocol/ids.ts';
import { principalOf } from '../auth/authenticate.ts';
import { HttpError, parseInput } from '../http/errors.ts';
import { meetingRoleOf } from '../meetings/membership.ts';
import type { Database } from '../store/schema.ts';
import type { FileStore } from '../store/file-store.ts';

const DocumentParams = z.object({ documentId: EntityId });

export function registerDocumentRoutes(
  app: FastifyInstance,
  deps: { db: Kysely<Database>; files: FileStore; requireLogin: (request: FastifyRequest) => Promise<void> },
): void {
  /** The PDF bytes, only for participants of the meeting the document belongs to. */
  app.get('/api/documents/:documentId/file', { onRequest: deps.requireLogin }, async (request, reply) => {
    const { documentId } = parseInput(DocumentParams, request.params);
    const document = await deps.db
      .selectFrom('documents')
      .innerJoin('agenda_items', 'agenda_items.id', 'documents.agenda_item_id')
      .select(['documents.sha256', 'documents.file_name', 'agenda_items.meeting_id'])
      .where('documents.id', '=', documentId)
      .executeTakeFirst();
    const role = document ? await meetingRoleOf(deps.db, document.meeting_id, principalOf(request).userId) : null;
    if (!document || !role) throw new HttpError(404, 'not_found', 'no such document');
    // The content address is a perfect ETag: a cached copy is revalidated, never re-sent.
    const etag = `"${document.sha256}"`;
    reply.header('etag', etag).header('cache-control', 'private, no-cache');
    if (request.headers['if-none-match'] === etag) return reply.status(304).send();
    return reply
      .header('content-type', 'application/pdf')
      .header('content-disposition', `inline; filename*=UTF-8''${encodeURIComponent(document.file_name)}`)
      .send(await deps.files.get(document.sha256));
  });
}
