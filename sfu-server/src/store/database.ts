import { DatabaseSync } from 'node:sqlite';
import { Kysely, SqliteDialect, type SqliteDatabase } from 'kysely';
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
  sqlite.exec(`
    PRAGMA journal_mode = WAL;
    PRAGMA synchronous = NORMAL;
    PRAGMA foreign_keys = ON;
    PRAGMA busy_timeout = 5000;
  `);
  return new Kysely<Database>({ dialect: new SqliteDialect({ database: kyselyDriverFor(sqlite) }) });
}
