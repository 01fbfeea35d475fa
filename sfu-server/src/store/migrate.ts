import type { Kysely } from 'kysely';
import { Migrator, type Migration } from 'kysely/migration';
import * as initial from './migrations/001-initial.ts';
import * as auditLog from './migrations/002-audit-log.ts';
import * as voting from './migrations/003-voting.ts';
import * as floorAttendance from './migrations/004-floor-attendance.ts';

/** Every migration, in order. Names are permanent: they are recorded in the store. */
const migrations: Record<string, Migration> = {
  '001-initial': initial,
  '002-audit-log': auditLog,
  '003-voting': voting,
  '004-floor-attendance': floorAttendance,
};

/** Brings the schema up to date; refuses to start on a failed migration. */
// Untyped on purpose: migrations run against past schemas.
export async function migrateToLatest(db: Kysely<any>): Promise<void> {
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((result) => result.status === 'Error');
  if (error || failed) {
    throw new Error(`database migration ${failed?.migrationName ?? ''} failed`, { cause: error });
  }
}
