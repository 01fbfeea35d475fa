import { IndexeddbPersistence, clearDocument } from 'y-indexeddb';
import type * as Y from 'yjs';

/** IndexedDB names are per user, so one tablet shared by two delegates never mixes their notes. */
const PREFIX = 'dien-hong';
const offlineName = (userId: string, docName: string) => `${PREFIX}:${userId}:${docName}`;

/** Keeps a Yjs document in IndexedDB: readable and editable offline, merged with the server on reconnect. */
export function persistOffline(userId: string, docName: string, doc: Y.Doc): IndexeddbPersistence {
  return new IndexeddbPersistence(offlineName(userId, docName), doc);
}

/** Deletes every offline document of a user (explicit sign-out). */
export async function forgetOfflineDocs(userId: string): Promise<void> {
  const databases = (await indexedDB.databases?.()) ?? [];
  await Promise.all(
    databases
      .map((database) => database.name)
      .filter((name): name is string => Boolean(name?.startsWith(`${PREFIX}:${userId}:`)))
      .map((name) => clearDocument(name)),
  );
}
