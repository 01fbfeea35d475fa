import { WebsocketProvider } from 'y-websocket';
import WebSocket from 'ws';
import * as Y from 'yjs';

export interface CollabClient {
  doc: Y.Doc;
  provider: WebsocketProvider;
  close(): void;
}

/** A stock y-websocket provider, exactly as the renderer uses it, connected once synced. */
export async function connectCollab(baseUrl: string, docName: string, token: string): Promise<CollabClient> {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(`${baseUrl.replace(/^http/, 'ws')}/collab`, docName, doc, {
    params: { token },
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
  });
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no sync for ${docName}`)), 10_000);
    provider.once('sync', () => {
      clearTimeout(timer);
      resolve();
    });
  });
  return {
    doc,
    provider,
    close: () => {
      provider.destroy();
      doc.destroy();
    },
  };
}

/** Resolves when `check` holds for the document, or fails after `timeoutMs`. */
export function waitForDoc(doc: Y.Doc, check: (doc: Y.Doc) => boolean, timeoutMs = 5000): Promise<void> {
  if (check(doc)) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      doc.off('update', onUpdate);
      reject(new Error('document never reached the expected state'));
    }, timeoutMs);
    const onUpdate = () => {
      if (!check(doc)) return;
      clearTimeout(timer);
      doc.off('update', onUpdate);
      resolve();
    };
    doc.on('update', onUpdate);
  });
}

/** Opens a raw WebSocket and reports the HTTP status when the upgrade is refused. */
export function upgradeStatus(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url);
    socket.on('unexpected-response', (_request, response) => {
      resolve(response.statusCode ?? 0);
      socket.terminate();
    });
    socket.on('open', () => {
      resolve(101);
      socket.close();
    });
    socket.on('error', (error) => reject(error));
  });
}
