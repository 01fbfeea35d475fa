import { getDocument, PasswordException, VerbosityLevel } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { Worker } from 'node:worker_threads';
import type { UploadRefusal } from '#protocol/documents.ts';
import { UploadRefused } from './upload-refusal.ts';

const SIGNATURE = Buffer.from('%PDF-', 'latin1');
const END_MARKER = Buffer.from('%%EOF', 'latin1');
/** Readers accept junk before the signature and after the end marker, within these bounds. */
const SIGNATURE_WITHIN = 1024;
const END_MARKER_WITHIN = 2048;

/**
 * Checks that the bytes are a complete PDF every reader can open: the
 * signature, the end marker, then a full parse with pdf.js (the engine the
 * renderer reads with) down to every page. Returns the page count, or
 * throws `UploadRefused` saying why not.
 */
export async function inspectPdf(bytes: Uint8Array): Promise<{ pageCount: number }> {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (!buffer.subarray(0, SIGNATURE_WITHIN).includes(SIGNATURE)) {
    throw new UploadRefused('not_pdf', 'The file is not a PDF: there is no %PDF- signature at its start.');
  }
  // Checked before parsing: pdf.js rebuilds a damaged cross-reference table and would open a cut-off copy.
  if (!buffer.subarray(Math.max(0, buffer.length - END_MARKER_WITHIN)).includes(END_MARKER)) {
    throw new UploadRefused('truncated', 'The PDF is incomplete: there is no %%EOF marker near its end.');
  }
  return { pageCount: await countPages(bytes) };
}

async function countPages(bytes: Uint8Array): Promise<number> {
  const task = getDocument({
    // pdf.js refuses a Buffer and may take ownership of what it gets: hand it its own copy.
    data: new Uint8Array(bytes),
    disableFontFace: true,
    stopAtErrors: true,
    verbosity: VerbosityLevel.ERRORS,
  });
  try {
    const pdf = await task.promise;
    for (let page = 1; page <= pdf.numPages; page += 1) await pdf.getPage(page);
    if (pdf.numPages < 1) throw new Error('the document has no pages');
    return pdf.numPages;
  } catch (error) {
    if (error instanceof PasswordException) {
      throw new UploadRefused('encrypted', 'The PDF is protected by a password and cannot be opened.');
    }
    const cause = error instanceof Error ? error.message : String(error);
    throw new UploadRefused('unreadable', `The PDF cannot be read: ${cause.replace(/\.$/, '')}.`);
  } finally {
    await task.destroy();
  }
}

/** `inspectPdf` on a file, in a worker thread (one per upload; uploads are rare, parses can be long). */
export function inspectPdfFile(path: string): Promise<{ pageCount: number }> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./pdf-inspection-worker.ts', import.meta.url), { workerData: { path } });
    worker.once('message', (answer: { ok: true; pageCount: number } | { ok: false; refusal: UploadRefusal; message: string }) => {
      if (answer.ok) resolve({ pageCount: answer.pageCount });
      else reject(new UploadRefused(answer.refusal, answer.message));
    });
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (code !== 0) reject(new Error(`PDF inspection worker exited with ${code}`));
    });
  });
}
