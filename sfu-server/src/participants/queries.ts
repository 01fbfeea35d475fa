import type { Kysely } from 'kysely';
import { MeetingRole, type ParticipantList } from '#protocol/meetings.ts';
import type { Database } from '../store/schema.ts';

const roleRank = (role: MeetingRole) => MeetingRole.options.indexOf(role);
const byName = new Intl.Collator('vi').compare;

/** Everyone invited to a meeting (chair first, sites last, then by name) and the units whose sites are invited. */
export async function participantList(db: Kysely<Database>, meetingId: string): Promise<ParticipantList> {
  const rows = await db
    .selectFrom('meeting_participants')
    .innerJoin('accounts', 'accounts.id', 'meeting_participants.account_id')
    .select([
      'accounts.id',
      'accounts.username',
      'accounts.display_name',
      'accounts.role as account_role',
      'accounts.unit_id',
      'meeting_participants.role',
    ])
    .where('meeting_participants.meeting_id', '=', meetingId)
    .execute();
  const units = await db
    .selectFrom('meeting_site_units')
    .innerJoin('units', 'units.id', 'meeting_site_units.unit_id')
    .select(['units.id', 'units.name'])
    .where('meeting_site_units.meeting_id', '=', meetingId)
    .execute();
  return {
    participants: rows
      .sort((a, b) => roleRank(a.role) - roleRank(b.role) || byName(a.display_name, b.display_name))
      .map((row) => ({
        accountId: row.id,
        username: row.username,
        displayName: row.display_name,
        accountRole: row.account_role,
        unitId: row.unit_id,
        role: row.role,
      })),
    siteUnitIds: units.sort((a, b) => byName(a.name, b.name)).map((unit) => unit.id),
  };
}
