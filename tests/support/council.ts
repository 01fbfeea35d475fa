import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import type { AccountRole } from '#protocol/auth.ts';
import type { MeetingRole } from '#protocol/meetings.ts';
import { hashPassword } from '../../sfu-server/src/auth/passwords.ts';
import { TEST_PASSWORD } from './server-process.ts';

export interface CouncilMember {
  id: string;
  username: string;
  displayName: string;
}

/**
 * Adds people to a meeting of a running test server, straight into its
 * SQLite store (WAL lets this second connection write beside the server):
 * the demo council has five delegates, a vote at council scale needs more.
 * Accounts sign in with TEST_PASSWORD; usernames are `<prefix>01`, `<prefix>02`…
 */
export async function addCouncilMembers(
  dataDir: string,
  meetingId: string,
  members: { count: number; prefix: string; role: MeetingRole & AccountRole; /** The account's unit (routes a site to its node). */ unitId?: string },
): Promise<CouncilMember[]> {
  // One scrypt hash for all: same password, and fifty hashes would cost seconds.
  const passwordHash = await hashPassword(TEST_PASSWORD);
  const created = Array.from({ length: members.count }, (_, index) => {
    const number = String(index + 1).padStart(2, '0');
    return { id: randomUUID(), username: `${members.prefix}${number}`, displayName: `Đại biểu thử nghiệm ${members.prefix} ${number}` };
  });
  const db = new DatabaseSync(join(dataDir, 'dien-hong.sqlite'));
  try {
    db.exec('PRAGMA busy_timeout = 5000');
    db.exec('BEGIN IMMEDIATE');
    const account = db.prepare(
      'INSERT INTO accounts (id, username, display_name, role, unit_id, password_hash, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    const participant = db.prepare('INSERT INTO meeting_participants (meeting_id, account_id, role) VALUES (?, ?, ?)');
    const now = new Date().toISOString();
    for (const member of created) {
      account.run(member.id, member.username, member.displayName, members.role, members.unitId ?? null, passwordHash, now);
      participant.run(meetingId, member.id, members.role);
    }
    db.exec('COMMIT');
  } finally {
    db.close();
  }
  return created;
}

/** Rows of a query against a test server's store, on a read-only connection beside the running server. */
export function readStore<T>(dataDir: string, query: string, ...parameters: (string | number | null)[]): T[] {
  const db = new DatabaseSync(join(dataDir, 'dien-hong.sqlite'), { readOnly: true });
  try {
    return db.prepare(query).all(...parameters) as T[];
  } finally {
    db.close();
  }
}
