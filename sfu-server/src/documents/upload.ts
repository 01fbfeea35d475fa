import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { finished } from 'node:stream/promises';
import type { FastifyRequest } from 'fastify';
import { HttpError } from '../http/errors.ts';
import type { FileStore } from '../store/file-store.ts';
import { inspectPdfFile } from './pdf-inspection.ts';
import { UploadRefused } from './upload-refusal.ts';

/** A PDF that passed every check and is now in the file store. */
export interface StoredPdf {
  sha256: string;
  sizeBytes: number;
  pageCount: number;
}

export interface UploadLimits {
  /** Where bodies are received; on the same file system as the file store, so adopting a file is a rename. */
  temporaryDir: string;
  maxBytes: number;
}

/** How long a refused client may go on sending the rest of its body before its connection is cut. */
const LINGER_MS = 10_000;

/**
 * The one upload pipeline: the body goes to a temporary file (never whole
 * into memory before it is known to fit), hashed and counted on the way and
 * refused past the size limit; then the PDF checks; then the file store.
 * A refusal or any failure leaves no file behind.
 */
export async function acceptPdfUpload(request: FastifyRequest, files: FileStore, limits: UploadLimits): Promise<StoredPdf> {
  const body = request.body;
  if (!isReadable(body)) throw new HttpError(415, 'bad_request', 'send the PDF bytes as the body, with content-type application/pdf');
  let received: ReceivedFile | undefined;
  try {
    const declared = Number(request.headers['content-length']);
    if (declared > limits.maxBytes) throw tooLarge(limits.maxBytes);
    received = await receive(body, limits);
    const { pageCount } = await inspectPdfFile(received.path);
    await files.adopt(received.path, received.sha256);
    return { sha256: received.sha256, sizeBytes: received.sizeBytes, pageCount };
  } catch (error) {
    if (error instanceof UploadRefused) {
      if (error.refusal === 'too_large') await discardRest(body);
      request.log.warn({ reason: error.refusal, bytes: received?.sizeBytes }, `upload refused: ${error.message}`);
    }
    throw error;
  } finally {
    if (received) await rm(received.path, { force: true });
  }
}

function isReadable(body: unknown): body is Readable {
  return typeof (body as Readable | undefined)?.pipe === 'function';
}

function tooLarge(maxBytes: number): UploadRefused {
  const limit = maxBytes >= 1024 * 1024 ? `${+(maxBytes / (1024 * 1024)).toFixed(1)} MiB` : `${maxBytes} bytes`;
  return new UploadRefused('too_large', `The file is larger than the upload limit of ${limit}.`);
}

interface ReceivedFile {
  path: string;
  sha256: string;
  sizeBytes: number;
}

/** Streams the body into a new temporary file, stopping as soon as it passes the limit. */
async function receive(source: Readable, limits: UploadLimits): Promise<ReceivedFile> {
  await mkdir(limits.temporaryDir, { recursive: true });
  const path = join(limits.temporaryDir, `${randomUUID()}.partial`);
  const file = createWriteStream(path, { flags: 'wx' });
  const hash = createHash('sha256');
  let sizeBytes = 0;
  try {
    await new Promise<void>((resolve, reject) => {
      const stop = (error?: Error) => {
        source.off('data', onData).off('end', onEnd).off('error', stop).off('close', onClose);
        if (error) reject(error);
      };
      const onData = (chunk: Buffer) => {
        sizeBytes += chunk.length;
        if (sizeBytes > limits.maxBytes) return stop(tooLarge(limits.maxBytes));
        hash.update(chunk);
        if (!file.write(chunk)) {
          // Back-pressure: a slow disk slows the client instead of filling memory.
          source.pause();
          file.once('drain', () => source.resume());
        }
      };
      const onEnd = () => {
        stop();
        file.end();
        finished(file).then(resolve, reject);
      };
      const onClose = () => stop(new Error('the client closed the connection during the upload'));
      source.on('data', onData).once('end', onEnd).once('error', stop).once('close', onClose);
      file.once('error', stop);
    });
  } catch (error) {
    file.destroy();
    await rm(path, { force: true });
    throw error;
  }
  return { path, sha256: hash.digest('hex'), sizeBytes };
}

/**
 * After a refusal the client is usually still sending. Answering only once
 * the rest is read and dropped lets it receive the answer on a healthy
 * connection (answering or closing earlier can reset it and lose the
 * answer); a client that keeps sending past LINGER_MS is cut off.
 */
function discardRest(source: Readable): Promise<void> {
  if (source.readableEnded || source.destroyed) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(cutOff);
      resolve();
    };
    const cutOff = setTimeout(() => {
      source.destroy();
      resolve();
    }, LINGER_MS);
    source.once('end', done).once('close', done);
    source.resume();
  });
}
