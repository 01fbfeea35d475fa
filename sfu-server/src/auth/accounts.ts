import type { Kysely, Selectable } from 'kysely';
import type { User } from '#protocol/auth.ts';
import type { AccountTable, Database } from '../store/schema.ts';

export function toUser(account: Selectable<AccountTable>): User {
  return {
    id: account.id,
    username: account.username,
    displayName: account.display_name,
    role: account.role,
    unitId: account.unit_id,
  };
}

/** Usernames are case-insensitive: stored and looked up in lower case. */
export function normalizeUsername(username: string): string {
  return username.trim().normalize('NFC').toLowerCase();
}

export async function findAccountByUsername(db: Kysely<Database>, username: string) {
  return db.selectFrom('accounts').selectAll().where('username', '=', normalizeUsername(username)).executeTakeFirst();
}
