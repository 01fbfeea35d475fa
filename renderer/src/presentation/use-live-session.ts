import type { AttendanceStatus } from '#protocol/attendance.ts';
import {
  DEFAULT_CONFERENCE_SETTINGS,
  readActiveSpeaker,
  readConferenceSettings,
  readShare,
  readSites,
  readWall,
  type ConferenceSettings,
  type SiteStatus,
} from '#protocol/conference.ts';
import {
  readAttendance,
  readFloor,
  readLatestVersions,
  readPolls,
  readPresentation,
  readQuorum,
  readStage,
  type Floor,
  type LatestVersion,
  type LivePoll,
  type Presentation,
  type Quorum,
  type Stage,
} from '#protocol/collab/live.ts';
import { formatDocName } from '#protocol/collab/doc-names.ts';
import { useCollabDoc, useDocView, type ConnectionStatus } from '../collab/use-collab-doc.ts';

const NO_VERSIONS = new Map<string, LatestVersion>();
const NO_POLLS: LivePoll[] = [];
const NO_FLOOR: Floor = { current: null, queue: [] };
const NO_ATTENDANCE = new Map<string, AttendanceStatus>();
const NO_STAGE: Stage = { userIds: [] };
const NO_WALL: string[] = [];
const NO_SITES: SiteStatus[] = [];

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
  /** Who every conference site shows large (1–4), shared with the floor. */
  stage: Stage;
  conferenceSettings: ConferenceSettings;
  /** The sites on the host's thumbnail wall (they send their lowest layer). */
  wall: string[];
  activeSpeaker: string | null;
  /** Who shares a screen or document, shown largest. */
  share: { userId: string; name: string } | null;
  /** The host's status board: every expected site and connected person. */
  sites: SiteStatus[];
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
    stage: useDocView(live?.doc, readStage, NO_STAGE),
    conferenceSettings: useDocView(live?.doc, readConferenceSettings, DEFAULT_CONFERENCE_SETTINGS),
    wall: useDocView(live?.doc, readWall, NO_WALL),
    activeSpeaker: useDocView(live?.doc, readActiveSpeaker, null),
    share: useDocView(live?.doc, readShare, null),
    sites: useDocView(live?.doc, readSites, NO_SITES),
    status: live?.status ?? 'connecting',
  };
}
