import { readdir } from 'node:fs/promises';
import { join } from 'node:path';

/** Row count of a table in a test server's SQLite store, read beside the running server. */
export async function countRows(dataDir: string, table: string): Promise<number> {
  const { DatabaseSync } = await import('node:sqlite');
  const db = new DatabaseSync(join(dataDir, 'dien-hong.sqlite'), { readOnly: true });
  try {
    const row = db.prepare(`SELECT count(*) AS count FROM ${table}`).get() as { count: number };
    return row.count;
  } finally {
    db.close();
  }
}

/** Every file under a folder of a test server's DATA_DIR (relative paths, sorted); none when it does not exist. */
export async function filesUnder(dataDir: string, folder: string): Promise<string[]> {
  const entries = await readdir(join(dataDir, folder), { recursive: true, withFileTypes: true }).catch(() => []);
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name).slice(join(dataDir, folder).length + 1))
    .sort();
}
