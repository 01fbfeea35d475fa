import type { AttendanceStatus } from '#protocol/attendance.ts';
import {
  readAttendance,
  readFloor,
  readLatestVersions,
  readPolls,
  readPresentation,
  readQuorum,
  type Floor,
  type LatestVersion,
  type LivePoll,
  type Presentation,
  type Quorum,
} from '#protocol/collab/live.ts';
import { formatDocName } from '#protocol/collab/doc-names.ts';
import { useCollabDoc, useDocView, type ConnectionStatus } from '../collab/use-collab-doc.ts';

const NO_VERSIONS = new Map<string, LatestVersion>();
const NO_POLLS: LivePoll[] = [];
const NO_FLOOR: Floor = { current: null, queue: [] };
const NO_ATTENDANCE = new Map<string, AttendanceStatus>();

export interface LiveSession {
  presentation: Presentation | null;
  latestVersions: Map<string, LatestVersion>;
  /** Polls in creation order: progress while open, the signed result once closed. */
  polls: LivePoll[];
  /** Who speaks now and who waits. */
  floor: Floor;
  /** Null until the server has counted attendance for this meeting. */
  quorum: Quorum | null;
  /** Account id → checked-in status; absent from the map means not checked in. */
  attendance: Map<string, AttendanceStatus>;
  status: ConnectionStatus;
}

/** The server-written `meeting:<id>:live` document, read-only here. */
export function useLiveSession(meetingId: string): LiveSession {
  const live = useCollabDoc(formatDocName({ kind: 'live', meetingId }));
  return {
    presentation: useDocView(live?.doc, readPresentation, null),
    latestVersions: useDocView(live?.doc, readLatestVersions, NO_VERSIONS),
    polls: useDocView(live?.doc, readPolls, NO_POLLS),
    floor: useDocView(live?.doc, readFloor, NO_FLOOR),
    quorum: useDocView(live?.doc, readQuorum, null),
    attendance: useDocView(live?.doc, readAttendance, NO_ATTENDANCE),
    status: live?.status ?? 'connecting',
  };
}
