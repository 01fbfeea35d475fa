import type { Kysely } from 'kysely';
import type { Floor } from '#protocol/collab/live.ts';
import { DEFAULT_SPEAKING_SECONDS, DEFAULT_WARN_BEFORE_SECONDS } from '#protocol/floor.ts';
import type { Database } from '../store/schema.ts';

/** The meeting a floor request belongs to, or null for an unknown request. */
export async function meetingOfFloorRequest(db: Kysely<Database>, requestId: string): Promise<string | null> {
  const row = await db.selectFrom('floor_requests').select('meeting_id').where('id', '=', requestId).executeTakeFirst();
  return row?.meeting_id ?? null;
}

/** Who has the floor and who waits, in queue order, with their names: what `meeting:<id>:live` shows. */
export async function floorOf(db: Kysely<Database>, meetingId: string): Promise<Floor> {
  const rows = await db
    .selectFrom('floor_requests')
    .innerJoin('accounts', 'accounts.id', 'floor_requests.requester_id')
    .select([
      'floor_requests.id',
      'floor_requests.requester_id',
      'accounts.display_name',
      'floor_requests.kind',
      'floor_requests.status',
      'floor_requests.requested_at',
      'floor_requests.started_at',
      'floor_requests.limit_seconds',
      'floor_requests.warn_before_seconds',
    ])
    .where('floor_requests.meeting_id', '=', meetingId)
    .where('floor_requests.status', 'in', ['waiting', 'speaking'])
    .orderBy('floor_requests.position')
    .orderBy('floor_requests.requested_at')
    .execute();
  const entry = (row: (typeof rows)[number]) => ({
    requestId: row.id,
    userId: row.requester_id,
    name: row.display_name,
    kind: row.kind,
    requestedAt: row.requested_at,
  });
  const speaking = rows.find((row) => row.status === 'speaking');
  return {
    current: speaking
      ? {
          ...entry(speaking),
          startedAt: speaking.started_at ?? speaking.requested_at,
          // Granting always sets both; the defaults only keep the published shape valid.
          limitSeconds: speaking.limit_seconds ?? DEFAULT_SPEAKING_SECONDS[speaking.kind],
          warnBeforeSeconds: speaking.warn_before_seconds ?? DEFAULT_WARN_BEFORE_SECONDS,
        }
      : null,
    queue: rows.filter((row) => row.status === 'waiting').map(entry),
  };
}

/** The user who has the floor in a meeting, if anyone does. */
export async function currentSpeakerOf(db: Kysely<Database>, meetingId: string): Promise<string | null> {
  const row = await db
    .selectFrom('floor_requests')
    .select('requester_id')
    .where('meeting_id', '=', meetingId)
    .where('status', '=', 'speaking')
    .executeTakeFirst();
  return row?.requester_id ?? null;
}
