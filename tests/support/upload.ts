import { UPLOAD_FILE_NAME_HEADER, UPLOAD_TITLE_HEADER } from '#protocol/documents.ts';

/**
 * Uploads PDF bytes the way the renderer does: the raw body, names
 * URI-encoded in headers. `streamed` sends the body chunked, without a
 * content-length, so the server only learns its size while receiving it.
 */
export function uploadPdf(
  url: string,
  token: string,
  bytes: Uint8Array,
  options: { fileName: string; title?: string; streamed?: boolean },
): Promise<Response> {
  const headers: Record<string, string> = {
    authorization: `Bearer ${token}`,
    'content-type': 'application/pdf',
    [UPLOAD_FILE_NAME_HEADER]: encodeURIComponent(options.fileName),
    ...(options.title !== undefined && { [UPLOAD_TITLE_HEADER]: encodeURIComponent(options.title) }),
  };
  // A copy: fetch wants bytes backed by a plain ArrayBuffer.
  if (!options.streamed) return fetch(url, { method: 'POST', headers, body: new Uint8Array(bytes) });
  const chunkBytes = 64 * 1024;
  let offset = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (offset >= bytes.length) return controller.close();
      controller.enqueue(bytes.subarray(offset, offset + chunkBytes));
      offset += chunkBytes;
    },
  });
  return fetch(url, { method: 'POST', headers, body, duplex: 'half' } as RequestInit);
}
