import { useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { socketUrl } from '../api/http.ts';
import { useSession } from '../app/session-context.tsx';
import { persistOffline } from './offline-store.ts';

export type ConnectionStatus = 'connecting' | 'connected' | 'disconnected';

export interface CollabDoc {
  doc: Y.Doc;
  status: ConnectionStatus;
  /** True once the first sync with the server completed. */
  synced: boolean;
}

/**
 * A Yjs document kept in sync with the server over y-websocket, and in
 * IndexedDB for offline use, for as long as the calling component is mounted.
 * Reconnects by itself; offline edits merge when the connection returns.
 */
export function useCollabDoc(docName: string | null): CollabDoc | null {
  const { token, user } = useSession();
  const [collab, setCollab] = useState<CollabDoc | null>(null);

  useEffect(() => {
    if (!docName) {
      setCollab(null);
      return;
    }
    const doc = new Y.Doc();
    const offline = persistOffline(user.id, docName, doc);
    const provider = new WebsocketProvider(socketUrl('/collab'), docName, doc, { params: { token } });
    let current: CollabDoc = { doc, status: 'connecting', synced: false };
    const publish = (change: Partial<CollabDoc>) => {
      current = { ...current, ...change };
      setCollab(current);
    };
    publish({});
    provider.on('status', ({ status }) => publish({ status }));
    provider.on('sync', (synced: boolean) => publish({ synced }));
    return () => {
      provider.destroy();
      void offline.destroy();
      doc.destroy();
    };
  }, [docName, token, user.id]);

  return collab;
}

/** Update counters per document, attached on first sight so no update is ever missed between render and subscribe. */
const versions = new WeakMap<Y.Doc, { value: number }>();

function versionOf(doc: Y.Doc): { value: number } {
  let version = versions.get(doc);
  if (!version) {
    const counter = { value: 0 };
    doc.on('update', () => {
      counter.value += 1;
    });
    versions.set(doc, counter);
    version = counter;
  }
  return version;
}

/** A value derived from a Y.Doc, recomputed after each change to it. `view` must be a stable function. */
export function useDocView<T>(doc: Y.Doc | undefined, view: (doc: Y.Doc) => T, empty: T): T {
  const cache = useRef<{ doc?: Y.Doc; seen: number; value: T }>({ seen: -1, value: empty });
  return useSyncExternalStore(
    (onChange) => {
      if (!doc) return () => {};
      doc.on('update', onChange);
      return () => doc.off('update', onChange);
    },
    () => {
      const entry = cache.current;
      if (!doc) return empty;
      const version = versionOf(doc).value;
      if (entry.doc !== doc || entry.seen !== version) {
        entry.value = view(doc);
        entry.doc = doc;
        entry.seen = version;
      }
      return entry.value;
    },
  );
}
