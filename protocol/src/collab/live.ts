import { z } from 'zod';
import type * as Y from 'yjs';
import { AttendanceStatus } from '../attendance.ts';
import { SpeechKind } from '../floor.ts';
import { PollMode, PollOutcome, PollStatus } from '../voting.ts';

/**
 * Layout of `meeting:<id>:live`: trusted session state, written only by the
 * server (every client connection is read-only). Values are plain JSON,
 * replaced whole, and validated when read.
 *
 * Root map `session`:
 * - `presentation`: what the presenter shows, or null
 * - `quorum`: present delegates against the required number
 * - `floor`: who speaks now and who waits
 * - `stage`: who every conference site sees large
 *
 * Root map `documents`: document id → its latest version, so a reader of an
 * older version learns at once that a newer one exists.
 * Root map `polls`: poll id → LivePoll (progress while open, result at close).
 * Root map `attendance`: account id → AttendanceStatus.
 */
export const LIVE_SESSION = 'session';
export const LIVE_DOCUMENTS = 'documents';
export const LIVE_POLLS = 'polls';
export const LIVE_ATTENDANCE = 'attendance';

export const Presentation = z.object({
  documentId: z.string(),
  versionId: z.string(),
  page: z.number().int().positive(),
  presenterId: z.string(),
  presenterName: z.string(),
});
export type Presentation = z.infer<typeof Presentation>;

export const LatestVersion = z.object({ versionId: z.string(), version: z.number().int().positive() });
export type LatestVersion = z.infer<typeof LatestVersion>;

export function readPresentation(doc: Y.Doc): Presentation | null {
  const parsed = Presentation.safeParse(doc.getMap(LIVE_SESSION).get('presentation'));
  return parsed.success ? parsed.data : null;
}

export function writePresentation(doc: Y.Doc, presentation: Presentation | null): void {
  doc.getMap(LIVE_SESSION).set('presentation', presentation);
}

export function readLatestVersions(doc: Y.Doc): Map<string, LatestVersion> {
  const latest = new Map<string, LatestVersion>();
  doc.getMap(LIVE_DOCUMENTS).forEach((value, documentId) => {
    const parsed = LatestVersion.safeParse(value);
    if (parsed.success) latest.set(documentId, parsed.data);
  });
  return latest;
}

export function writeLatestVersion(doc: Y.Doc, documentId: string, latest: LatestVersion): void {
  doc.getMap(LIVE_DOCUMENTS).set(documentId, latest);
}

export const Quorum = z.object({
  present: z.number().int().nonnegative(),
  total: z.number().int().nonnegative(),
  required: z.number().int().nonnegative(),
  reached: z.boolean(),
});
export type Quorum = z.infer<typeof Quorum>;

export const FloorEntry = z.object({
  requestId: z.string(),
  userId: z.string(),
  name: z.string(),
  kind: SpeechKind,
  requestedAt: z.string(),
});
export type FloorEntry = z.infer<typeof FloorEntry>;

export const CurrentSpeaker = FloorEntry.extend({
  startedAt: z.string(),
  limitSeconds: z.number().int().positive(),
  warnBeforeSeconds: z.number().int().nonnegative(),
});
export type CurrentSpeaker = z.infer<typeof CurrentSpeaker>;

export const Floor = z.object({ current: CurrentSpeaker.nullable(), queue: z.array(FloorEntry) });
export type Floor = z.infer<typeof Floor>;

/**
 * The conference stage: the people or sites every site shows large. The
 * speaker who is given the floor goes on it; at most four at once.
 */
export const Stage = z.object({ userIds: z.array(z.string()).max(4) });
export type Stage = z.infer<typeof Stage>;

/** A poll as every participant sees it: progress while open ("x of y have voted"), the signed result at close. */
export const LivePoll = z.object({
  id: z.string(),
  createdAt: z.string(),
  agendaItemId: z.string().nullable(),
  title: z.string(),
  options: z.array(z.string()),
  mode: PollMode,
  status: PollStatus,
  voted: z.number().int().nonnegative(),
  eligible: z.number().int().nonnegative(),
  closesAt: z.string().nullable(),
  /** Running counts per option: named polls with live results only, never secret ones. */
  liveCounts: z.array(z.number().int().nonnegative()).nullable(),
  /** At close: the outcome (the lists of names and receipts come with the signed result over REST). */
  result: PollOutcome.nullable(),
  cancelReason: z.string().nullable(),
});
export type LivePoll = z.infer<typeof LivePoll>;

function readValue<T>(schema: z.ZodType<T>, value: unknown): T | null {
  const parsed = schema.safeParse(value);
  return parsed.success ? parsed.data : null;
}

export function readQuorum(doc: Y.Doc): Quorum | null {
  return readValue(Quorum, doc.getMap(LIVE_SESSION).get('quorum'));
}

export function writeQuorum(doc: Y.Doc, quorum: Quorum): void {
  doc.getMap(LIVE_SESSION).set('quorum', quorum);
}

export function readFloor(doc: Y.Doc): Floor {
  return readValue(Floor, doc.getMap(LIVE_SESSION).get('floor')) ?? { current: null, queue: [] };
}

export function writeFloor(doc: Y.Doc, floor: Floor): void {
  doc.getMap(LIVE_SESSION).set('floor', floor);
}

/** The stage, empty when nobody is on it. */
export function readStage(doc: Y.Doc): Stage {
  return readValue(Stage, doc.getMap(LIVE_SESSION).get('stage')) ?? { userIds: [] };
}

export function writeStage(doc: Y.Doc, stage: Stage): void {
  doc.getMap(LIVE_SESSION).set('stage', stage);
}

/** Polls in the order they were created. */
export function readPolls(doc: Y.Doc): LivePoll[] {
  const polls: LivePoll[] = [];
  doc.getMap(LIVE_POLLS).forEach((value) => {
    const poll = readValue(LivePoll, value);
    if (poll) polls.push(poll);
  });
  return polls.sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
}

export function writePoll(doc: Y.Doc, poll: LivePoll): void {
  doc.getMap(LIVE_POLLS).set(poll.id, poll);
}

export function readAttendance(doc: Y.Doc): Map<string, AttendanceStatus> {
  const attendance = new Map<string, AttendanceStatus>();
  doc.getMap(LIVE_ATTENDANCE).forEach((value, accountId) => {
    const status = readValue(AttendanceStatus, value);
    if (status) attendance.set(accountId, status);
  });
  return attendance;
}

export function writeAttendance(doc: Y.Doc, accountId: string, status: AttendanceStatus): void {
  doc.getMap(LIVE_ATTENDANCE).set(accountId, status);
}
