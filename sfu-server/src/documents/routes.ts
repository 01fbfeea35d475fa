import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { UPLOAD_FILE_NAME_HEADER, UPLOAD_TITLE_HEADER } from '#protocol/documents.ts';
import { EntityId } from '#protocol/ids.ts';
import type { DocumentSummary } from '#protocol/meetings.ts';
import { principalOf } from '../auth/authenticate.ts';
import type { CollabHub } from '../collab/collab-hub.ts';
import { HttpError, parseInput } from '../http/errors.ts';
import {
  meetingOfAgendaItem,
  meetingOfDocument,
  meetingOfDocumentVersion,
  meetingRoleOf,
  requireMeetingRole,
} from '../meetings/membership.ts';
import type { FileStore } from '../store/file-store.ts';
import type { Database } from '../store/schema.ts';
import { uploadDocument, uploadDocumentVersion } from './commands.ts';
import { documentSummary } from './queries.ts';
import { acceptPdfUpload, type UploadLimits } from './upload.ts';

const DocumentParams = z.object({ documentId: EntityId });
const VersionParams = z.object({ versionId: EntityId });
const ItemParams = z.object({ itemId: EntityId });

/** A header value URI-encoded by the client (so Vietnamese survives HTTP), decoded and bounded. */
const UriEncoded = (max: number) =>
  z
    .string()
    .transform((value, context) => {
      try {
        return decodeURIComponent(value);
      } catch {
        context.addIssue({ code: 'custom', message: 'not URI-encoded' });
        return z.NEVER;
      }
    })
    .pipe(z.string().trim().min(1).max(max));

const UploadHeaders = z.object({
  [UPLOAD_FILE_NAME_HEADER]: UriEncoded(255).pipe(z.string().regex(/^[^/\\\p{Cc}]+$/u, 'a file name, without folders')),
  [UPLOAD_TITLE_HEADER]: UriEncoded(500).optional(),
});

function uploadHeaders(request: FastifyRequest): { fileName: string; title: string | undefined } {
  const headers = parseInput(UploadHeaders, request.headers);
  return { fileName: headers[UPLOAD_FILE_NAME_HEADER], title: headers[UPLOAD_TITLE_HEADER] };
}

/**
 * Sends one stored PDF. Its content address is a perfect ETag: a cached copy
 * is revalidated (so access is checked again), never sent twice.
 */
async function sendPdf(request: FastifyRequest, reply: FastifyReply, files: FileStore, pdf: { sha256: string; fileName: string }) {
  const etag = `"${pdf.sha256}"`;
  reply.header('etag', etag).header('cache-control', 'private, no-cache');
  if (request.headers['if-none-match'] === etag) return reply.status(304).send();
  return reply
    .header('content-type', 'application/pdf')
    .header('content-disposition', `inline; filename*=UTF-8''${encodeURIComponent(pdf.fileName)}`)
    .send(await files.get(pdf.sha256));
}

export function registerDocumentRoutes(
  app: FastifyInstance,
  deps: {
    db: Kysely<Database>;
    files: FileStore;
    hub: CollabHub;
    uploads: UploadLimits;
    requireLogin: (request: FastifyRequest) => Promise<void>;
  },
): void {
  const { db, files, hub } = deps;
  /** Downloads are for participants only; anyone else gets the 404 of a missing document. */
  const requireParticipant = async (request: FastifyRequest, meetingId: string | null) => {
    const role = meetingId ? await meetingRoleOf(db, meetingId, principalOf(request).userId) : null;
    if (!role) throw new HttpError(404, 'not_found', 'no such document');
  };
  const secretaryOf = (request: FastifyRequest, meetingId: string | null, notFound: string) =>
    requireMeetingRole(db, principalOf(request), { meetingId, roles: ['secretary'], changes: true, notFound });

  /** The latest version's bytes. */
  app.get('/api/documents/:documentId/file', { onRequest: deps.requireLogin }, async (request, reply) => {
    const { documentId } = parseInput(DocumentParams, request.params);
    await requireParticipant(request, await meetingOfDocument(db, documentId));
    const latest = await documentSummary(db, documentId);
    if (!latest) throw new HttpError(404, 'not_found', 'no such document');
    return sendPdf(request, reply, files, latest);
  });

  /** One exact version's bytes (what an annotation was drawn on). */
  app.get('/api/document-versions/:versionId/file', { onRequest: deps.requireLogin }, async (request, reply) => {
    const { versionId } = parseInput(VersionParams, request.params);
    await requireParticipant(request, await meetingOfDocumentVersion(db, versionId));
    const version = await db
      .selectFrom('document_versions')
      .select(['sha256', 'file_name as fileName'])
      .where('id', '=', versionId)
      .executeTakeFirst();
    if (!version) throw new HttpError(404, 'not_found', 'no such document');
    return sendPdf(request, reply, files, version);
  });

  app.register(async (uploads) => {
    // PDF bodies stay streams here: upload.ts receives them to disk under its own
    // limit (MAX_UPLOAD_MB), so the server-wide JSON body limit never applies.
    uploads.addContentTypeParser('application/pdf', (_request, payload, done) => done(null, payload));

    const loginRequired = { onRequest: deps.requireLogin };

    uploads.post('/api/agenda-items/:itemId/documents', loginRequired, async (request, reply): Promise<DocumentSummary> => {
      const { itemId } = parseInput(ItemParams, request.params);
      const { fileName, title } = uploadHeaders(request);
      const { meeting } = await secretaryOf(request, await meetingOfAgendaItem(db, itemId), 'no such agenda item');
      const pdf = await acceptPdfUpload(request, files, deps.uploads);
      const summary = await uploadDocument(db, hub, {
        meetingId: meeting.id,
        agendaItemId: itemId,
        title: title ?? titleFromFileName(fileName),
        file: { ...pdf, fileName, uploadedBy: principalOf(request).userId },
      });
      request.log.info({ documentId: summary.id, versionId: summary.versionId, bytes: pdf.sizeBytes }, 'document uploaded');
      reply.status(201);
      return summary;
    });

    uploads.post('/api/documents/:documentId/versions', loginRequired, async (request, reply): Promise<DocumentSummary> => {
      const { documentId } = parseInput(DocumentParams, request.params);
      const { fileName, title } = uploadHeaders(request);
      const { meeting } = await secretaryOf(request, await meetingOfDocument(db, documentId), 'no such document');
      const pdf = await acceptPdfUpload(request, files, deps.uploads);
      const summary = await uploadDocumentVersion(db, hub, {
        meetingId: meeting.id,
        documentId,
        title,
        file: { ...pdf, fileName, uploadedBy: principalOf(request).userId },
      });
      const { versionId, version } = summary;
      request.log.info({ documentId, versionId, version, bytes: pdf.sizeBytes }, 'document version uploaded');
      reply.status(201);
      return summary;
    });
  });
}

/** "Tờ trình số 118.pdf" → "Tờ trình số 118". */
function titleFromFileName(fileName: string): string {
  return fileName.replace(/\.pdf$/i, '').trim() || fileName;
}
