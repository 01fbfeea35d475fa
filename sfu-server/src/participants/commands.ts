import type { Kysely, Transaction } from 'kysely';
import type { MeetingRole } from '#protocol/meetings.ts';
import { HttpError } from '../http/errors.ts';
import type { Database } from '../store/schema.ts';

// Server commands on who takes part in a meeting. Callers have already
// checked permissions. A meeting always keeps at least one secretary, or
// nobody could prepare it any more.

function participantRole(trx: Transaction<Database>, meetingId: string, accountId: string) {
  return trx
    .selectFrom('meeting_participants')
    .select('role')
    .where('meeting_id', '=', meetingId)
    .where('account_id', '=', accountId)
    .executeTakeFirst();
}

async function refuseLosingLastSecretary(trx: Transaction<Database>, meetingId: string, accountId: string): Promise<void> {
  const secretaries = await trx
    .selectFrom('meeting_participants')
    .select('account_id')
    .where('meeting_id', '=', meetingId)
    .where('role', '=', 'secretary')
    .execute();
  if (secretaries.length === 1 && secretaries[0]?.account_id === accountId) {
    throw new HttpError(409, 'conflict', 'a meeting must keep at least one secretary');
  }
}

/**
 * Invites an account, or changes the role of someone already invited. Site
 * accounts take part as sites and only as sites.
 */
export async function inviteParticipant(
  db: Kysely<Database>,
  meetingId: string,
  invitation: { accountId: string; role: MeetingRole },
): Promise<void> {
  const { accountId, role } = invitation;
  await db.transaction().execute(async (trx) => {
    const account = await trx.selectFrom('accounts').select('role').where('id', '=', accountId).executeTakeFirst();
    if (!account) throw new HttpError(404, 'not_found', 'no such account');
    if ((account.role === 'site') !== (role === 'site')) {
      throw new HttpError(400, 'bad_request', 'site accounts take part with the role site, and only they do');
    }
    const current = await participantRole(trx, meetingId, accountId);
    if (!current) {
      await trx.insertInto('meeting_participants').values({ meeting_id: meetingId, account_id: accountId, role }).execute();
      return;
    }
    if (current.role === role) return;
    if (current.role === 'secretary') await refuseLosingLastSecretary(trx, meetingId, accountId);
    await trx
      .updateTable('meeting_participants')
      .set({ role })
      .where('meeting_id', '=', meetingId)
      .where('account_id', '=', accountId)
      .execute();
  });
}

export async function removeParticipant(db: Kysely<Database>, meetingId: string, accountId: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const current = await participantRole(trx, meetingId, accountId);
    if (!current) throw new HttpError(404, 'not_found', 'that account is not a participant');
    if (current.role === 'secretary') await refuseLosingLastSecretary(trx, meetingId, accountId);
    await trx.deleteFrom('meeting_participants').where('meeting_id', '=', meetingId).where('account_id', '=', accountId).execute();
  });
}

/** Invites a unit: it is recorded, and each of its site accounts joins with the role `site`. */
export async function inviteSiteUnit(db: Kysely<Database>, meetingId: string, unitId: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const unit = await trx.selectFrom('units').select('id').where('id', '=', unitId).executeTakeFirst();
    if (!unit) throw new HttpError(404, 'not_found', 'no such unit');
    await trx
      .insertInto('meeting_site_units')
      .values({ meeting_id: meetingId, unit_id: unitId })
      .onConflict((conflict) => conflict.columns(['meeting_id', 'unit_id']).doNothing())
      .execute();
    const sites = await trx
      .selectFrom('accounts')
      .select('id')
      .where('role', '=', 'site')
      .where('unit_id', '=', unitId)
      .where((eb) =>
        eb.not(
          eb.exists(
            eb
              .selectFrom('meeting_participants')
              .select('account_id')
              .where('meeting_participants.meeting_id', '=', meetingId)
              .whereRef('meeting_participants.account_id', '=', 'accounts.id'),
          ),
        ),
      )
      .execute();
    if (sites.length === 0) return;
    await trx
      .insertInto('meeting_participants')
      .values(sites.map((site) => ({ meeting_id: meetingId, account_id: site.id, role: 'site' as const })))
      .execute();
  });
}

/** Withdraws a unit's invitation and with it its site accounts. */
export async function withdrawSiteUnit(db: Kysely<Database>, meetingId: string, unitId: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const removed = await trx
      .deleteFrom('meeting_site_units')
      .where('meeting_id', '=', meetingId)
      .where('unit_id', '=', unitId)
      .executeTakeFirst();
    if (Number(removed.numDeletedRows) === 0) throw new HttpError(404, 'not_found', 'that unit is not invited');
    await trx
      .deleteFrom('meeting_participants')
      .where('meeting_id', '=', meetingId)
      .where('role', '=', 'site')
      .where('account_id', 'in', (eb) => eb.selectFrom('accounts').select('id').where('role', '=', 'site').where('unit_id', '=', unitId))
      .execute();
  });
}
