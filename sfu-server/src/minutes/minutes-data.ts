import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { SpeechKind } from '#protocol/floor.ts';
import type { PollResult, PollRule } from '#protocol/voting.ts';
import { PollResult as PollResultSchema } from '#protocol/voting.ts';
import type { AuditLog } from '../audit/audit-log.ts';
import type { NodeKey } from '../identity/node-key.ts';
import type { Database } from '../store/schema.ts';
import { attendanceRecord } from '../attendance/queries.ts';
import { optionsOf, ruleOf } from '../voting/queries.ts';

export interface MinutesData {
  meeting: { title: string; body: string; startsAt: string; location: string; status: string };
  chairs: string[];
  secretaries: string[];
  attendance: { name: string; status: string | null; reason: string | null }[];
  items: {
    title: string;
    presenter: string;
    speakers: MinutesSpeaker[];
    polls: MinutesPoll[];
  }[];
  /** Speeches and polls not tied to an agenda item. */
  otherSpeakers: MinutesSpeaker[];
  otherPolls: MinutesPoll[];
  /** The audit chain's head when the minutes were made, and the key that signs results. */
  auditHead: string;
  auditEntries: number;
  keyFingerprint: string;
  generatedAt: string;
}

export interface MinutesSpeaker {
  name: string;
  kind: SpeechKind;
  seconds: number | null;
}

export interface MinutesPoll {
  title: string;
  mode: 'named' | 'secret';
  status: string;
  rule: PollRule;
  options: string[];
  result: PollResult | null;
  cancelReason: string | null;
}

/** Everything the minutes state, read from the store in one place. */
export async function minutesData(db: Kysely<Database>, audit: AuditLog, key: NodeKey, meetingId: string): Promise<MinutesData> {
  const meeting = await db.selectFrom('meetings').selectAll().where('id', '=', meetingId).executeTakeFirstOrThrow();
  const people = await db
    .selectFrom('meeting_participants')
    .innerJoin('accounts', 'accounts.id', 'meeting_participants.account_id')
    .select(['accounts.display_name as name', 'meeting_participants.role'])
    .where('meeting_participants.meeting_id', '=', meetingId)
    .execute();
  const items = await db.selectFrom('agenda_items').selectAll().where('meeting_id', '=', meetingId).orderBy('position').execute();
  const speeches = await db
    .selectFrom('floor_requests')
    .innerJoin('accounts', 'accounts.id', 'floor_requests.requester_id')
    .select(['floor_requests.agenda_item_id', 'accounts.display_name as name', 'floor_requests.kind', 'floor_requests.started_at', 'floor_requests.ended_at'])
    .where('floor_requests.meeting_id', '=', meetingId)
    .where('floor_requests.status', 'in', ['speaking', 'done'])
    .orderBy('floor_requests.started_at')
    .execute();
  const polls = await db.selectFrom('polls').selectAll().where('meeting_id', '=', meetingId).orderBy('created_at').execute();
  const toSpeaker = (speech: (typeof speeches)[number]): MinutesSpeaker => ({
    name: speech.name,
    kind: speech.kind,
    seconds: speech.started_at && speech.ended_at ? Math.round((Date.parse(speech.ended_at) - Date.parse(speech.started_at)) / 1000) : null,
  });
  const toPoll = (poll: (typeof polls)[number]): MinutesPoll => ({
    title: poll.title,
    mode: poll.mode,
    status: poll.status,
    rule: ruleOf(poll),
    options: optionsOf(poll),
    result: poll.result ? PollResultSchema.parse(JSON.parse(poll.result)) : null,
    cancelReason: poll.cancel_reason,
  });
  const record = await attendanceRecord(db, meetingId);
  const verdict = await audit.verify();
  const publicKey = key.publicKey.export({ type: 'spki', format: 'der' });
  return {
    meeting: { title: meeting.title, body: meeting.body, startsAt: meeting.starts_at, location: meeting.location, status: meeting.status },
    chairs: people.filter((person) => person.role === 'chair').map((person) => person.name),
    secretaries: people.filter((person) => person.role === 'secretary').map((person) => person.name),
    attendance: record.entries.map((entry) => ({ name: entry.name, status: entry.status, reason: entry.reason })),
    items: items.map((item) => ({
      title: item.title,
      presenter: item.presenter,
      speakers: speeches.filter((speech) => speech.agenda_item_id === item.id).map(toSpeaker),
      polls: polls.filter((poll) => poll.agenda_item_id === item.id).map(toPoll),
    })),
    otherSpeakers: speeches.filter((speech) => speech.agenda_item_id === null).map(toSpeaker),
    otherPolls: polls.filter((poll) => poll.agenda_item_id === null).map(toPoll),
    auditHead: verdict.ok ? verdict.head : `(chuỗi kiểm toán hỏng tại mục ${verdict.firstBrokenSeq})`,
    auditEntries: verdict.entries,
    keyFingerprint: createHash('sha256').update(publicKey).digest('hex'),
    generatedAt: new Date().toISOString(),
  };
}
