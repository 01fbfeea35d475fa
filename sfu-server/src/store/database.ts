import { DatabaseSync } from 'node:sqlite';
import { Kysely, SqliteDialect, sql, type SqliteDatabase } from 'kysely';
import type { Database } from './schema.ts';

/**
 * Adapts Node's built-in SQLite (no native addon to compile, no prebuilt
 * download) to the small driver interface Kysely's SQLite dialect expects.
 */
function kyselyDriverFor(sqlite: DatabaseSync): SqliteDatabase {
  return {
    close: () => sqlite.close(),
    prepare(sql) {
      const statement = sqlite.prepare(sql);
      type Params = Parameters<typeof statement.all>;
      return {
        reader: statement.columns().length > 0,
        all: (parameters) => statement.all(...(parameters as Params)),
        run: (parameters) => statement.run(...(parameters as Params)),
        iterate: (parameters) => statement.iterate(...(parameters as Params)),
      };
    },
  };
}

/** Opens (creating if needed) the embedded SQLite store. */
export function openSqlite(path: string): Kysely<Database> {
  const sqlite = new DatabaseSync(path);
  // WAL lets readers proceed during a write; busy_timeout rides out checkpoints.
  // secure_delete zeroes deleted rows, so rewritten secret ballots leave no older layout behind.
  sqlite.exec(`
    PRAGMA journal_mode = WAL;
    PRAGMA synchronous = NORMAL;
    PRAGMA foreign_keys = ON;
    PRAGMA busy_timeout = 5000;
    PRAGMA secure_delete = ON;
  `);
  return new Kysely<Database>({ dialect: new SqliteDialect({ database: kyselyDriverFor(sqlite) }) });
}

/**
 * Drops the store's record of how pages looked before the latest commits:
 * after secret choices were rewritten at close, the WAL still holds frames
 * written ballot by ballot. Checkpointing with TRUNCATE moves the current
 * pages into the main file and empties the WAL. (PostgreSQL: VACUUM the table.)
 */
export async function discardPageHistory(db: Kysely<Database>): Promise<void> {
  await sql`PRAGMA wal_checkpoint(TRUNCATE)`.execute(db);
}
