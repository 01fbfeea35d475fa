import type { Kysely } from 'kysely';
import type { SessionSettings } from '#protocol/floor.ts';
import { publishAttendance } from '../attendance/publication.ts';
import type { AuditLog } from '../audit/audit-log.ts';
import type { Principal } from '../auth/tokens.ts';
import type { CollabHub } from '../collab/collab-hub.ts';
import { HttpError } from '../http/errors.ts';
import type { Database } from '../store/schema.ts';
import { effectiveSettings, type EffectiveSessionSettings } from './queries.ts';

/** What a settings command needs from the server. */
export interface SessionSettingsDeps {
  db: Kysely<Database>;
  hub: CollabHub;
  audit: AuditLog;
}

/**
 * Changes some of a meeting's session settings (the rest keep their value),
 * audited with the change and the result. A new quorum fraction is published
 * at once; speakers already holding the floor keep the time they were given.
 */
export async function changeSessionSettings(
  deps: SessionSettingsDeps,
  meetingId: string,
  actor: Principal,
  change: SessionSettings,
): Promise<EffectiveSessionSettings> {
  const { db, hub, audit } = deps;
  const { quorum } = change;
  if (quorum && quorum.numerator > quorum.denominator) {
    throw new HttpError(400, 'bad_request', 'the quorum fraction cannot be more than the whole (numerator ≤ denominator)');
  }
  const settings = await db.transaction().execute(async (trx) => {
    const current = await trx.selectFrom('session_settings').selectAll().where('meeting_id', '=', meetingId).executeTakeFirst();
    const row = {
      speech_seconds: change.speakingSeconds?.speech ?? current?.speech_seconds ?? null,
      debate_seconds: change.speakingSeconds?.debate ?? current?.debate_seconds ?? null,
      question_seconds: change.speakingSeconds?.question ?? current?.question_seconds ?? null,
      warn_before_seconds: change.warnBeforeSeconds ?? current?.warn_before_seconds ?? null,
      quorum_numerator: quorum?.numerator ?? current?.quorum_numerator ?? null,
      quorum_denominator: quorum?.denominator ?? current?.quorum_denominator ?? null,
      updated_by: actor.userId,
      updated_at: new Date().toISOString(),
    };
    await trx
      .insertInto('session_settings')
      .values({ meeting_id: meetingId, ...row })
      .onConflict((conflict) => conflict.column('meeting_id').doUpdateSet(row))
      .execute();
    const settings = effectiveSettings({ meeting_id: meetingId, ...row });
    await audit.append(trx, { actorId: actor.userId, meetingId, action: 'settings.changed', details: { change, settings } });
    return settings;
  });
  if (quorum) await publishAttendance(db, hub, meetingId);
  return settings;
}
