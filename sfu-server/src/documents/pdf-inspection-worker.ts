/**
 * Worker thread body: inspects one PDF file off the main thread, so a large
 * upload's parse never stalls signaling or collaboration. Receives the file
 * path, answers with the page count or the refusal.
 */
import { readFile } from 'node:fs/promises';
import { parentPort, workerData } from 'node:worker_threads';
import { inspectPdf } from './pdf-inspection.ts';
import { UploadRefused } from './upload-refusal.ts';

const { path } = workerData as { path: string };
try {
  const { pageCount } = await inspectPdf(await readFile(path));
  parentPort?.postMessage({ ok: true, pageCount });
} catch (error) {
  parentPort?.postMessage(
    error instanceof UploadRefused
      ? { ok: false, refusal: error.refusal, message: error.message }
      : { ok: false, refusal: 'unreadable', message: `The PDF cannot be read: ${String(error)}` },
  );
}
