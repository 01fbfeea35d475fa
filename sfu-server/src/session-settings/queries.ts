import type { Kysely, Selectable } from 'kysely';
import {
  DEFAULT_QUORUM,
  DEFAULT_SPEAKING_SECONDS,
  DEFAULT_WARN_BEFORE_SECONDS,
  type SessionSettings,
  type SpeechKind,
} from '#protocol/floor.ts';
import type { Database, SessionSettingsTable } from '../store/schema.ts';

/** A meeting's settings with every value filled in: what was set, else the protocol default. */
export type EffectiveSessionSettings = Required<Omit<SessionSettings, 'speakingSeconds'>> & {
  speakingSeconds: Record<SpeechKind, number>;
};

/** Fills the unset columns of a settings row (or a missing row) with the protocol defaults. */
export function effectiveSettings(row: Selectable<SessionSettingsTable> | undefined): EffectiveSessionSettings {
  return {
    speakingSeconds: {
      speech: row?.speech_seconds ?? DEFAULT_SPEAKING_SECONDS.speech,
      debate: row?.debate_seconds ?? DEFAULT_SPEAKING_SECONDS.debate,
      question: row?.question_seconds ?? DEFAULT_SPEAKING_SECONDS.question,
    },
    warnBeforeSeconds: row?.warn_before_seconds ?? DEFAULT_WARN_BEFORE_SECONDS,
    // The two parts of the fraction are always written together.
    quorum: {
      numerator: row?.quorum_numerator ?? DEFAULT_QUORUM.numerator,
      denominator: row?.quorum_denominator ?? DEFAULT_QUORUM.denominator,
    },
  };
}

/** The settings a meeting runs with (defaults until a chair or secretary changes them). */
export async function sessionSettingsOf(db: Kysely<Database>, meetingId: string): Promise<EffectiveSessionSettings> {
  const row = await db.selectFrom('session_settings').selectAll().where('meeting_id', '=', meetingId).executeTakeFirst();
  return effectiveSettings(row);
}
