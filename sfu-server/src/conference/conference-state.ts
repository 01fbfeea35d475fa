import type * as Y from 'yjs';
import { readFloor, readStage } from '#protocol/collab/live.ts';
import { DEFAULT_CONFERENCE_SETTINGS, readConferenceSettings, readSites, readWall, type ConferenceSettings } from '#protocol/conference.ts';

/**
 * The host's decisions a meeting room enforces. `meeting:<id>:live` is their
 * one home (server-written, persisted): commands write it, then hand the room
 * a fresh reading, so a room opened later starts from the same state.
 */
export interface ConferenceState {
  settings: ConferenceSettings;
  /** `session.stage`: shared with the floor. */
  stage: readonly string[];
  wall: readonly string[];
  /** `session.floor.current`. */
  floorSpeaker: string | null;
  /** Sites whose `audioMuted` is set on the status board. */
  hostMuted: ReadonlySet<string>;
}

export const EMPTY_CONFERENCE_STATE: ConferenceState = {
  settings: DEFAULT_CONFERENCE_SETTINGS,
  stage: [],
  wall: [],
  floorSpeaker: null,
  hostMuted: new Set(),
};

/** Reads the conference state out of a meeting's live document. */
export function readConferenceState(doc: Y.Doc): ConferenceState {
  return {
    settings: readConferenceSettings(doc),
    stage: readStage(doc).userIds,
    wall: readWall(doc),
    floorSpeaker: readFloor(doc).current?.userId ?? null,
    hostMuted: new Set(readSites(doc).filter((site) => site.audioMuted).map((site) => site.userId)),
  };
}
