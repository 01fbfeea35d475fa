import { z } from 'zod';
import type * as Y from 'yjs';
import { EntityId } from './ids.ts';

/**
 * The province-led video conference (hội nghị truyền hình): host control
 * (REST commands), where each participant's media connects (routing across
 * cascaded nodes), and the conference part of the live document.
 *
 * The host is the meeting's chair or a secretary (điểm cầu chủ trì). Sites
 * (điểm cầu) are the site accounts of the meeting's invited units.
 */

/** PUT /api/meetings/:meetingId/conference/stage: who every site shows large (1–4 tiles; empty clears). */
export const StageRequest = z.strictObject({ userIds: z.array(EntityId).max(4) });
export type StageRequest = z.infer<typeof StageRequest>;

/** PUT /api/meetings/:meetingId/conference/wall: the sites on the host's thumbnail wall (they send their lowest layer). */
export const WallRequest = z.strictObject({ userIds: z.array(EntityId).max(36) });
export type WallRequest = z.infer<typeof WallRequest>;

/** POST /api/meetings/:meetingId/conference/mute: mute or unmute one participant's microphone, for everyone. */
export const MuteRequest = z.strictObject({ userId: EntityId, muted: z.boolean() });
export type MuteRequest = z.infer<typeof MuteRequest>;

/** POST /api/meetings/:meetingId/conference/mute-all: every participant but the host. */
export const MuteAllRequest = z.strictObject({ muted: z.boolean() });

/** PATCH /api/meetings/:meetingId/conference/settings */
export const ConferenceSettingsChange = z.strictObject({
  /** No one new may join (the host and people already in stay). */
  locked: z.boolean().optional(),
  /** The stage follows whoever is speaking (mediasoup's active speaker observer). */
  followSpeaker: z.boolean().optional(),
  /** A roll call is open: each site confirms "connected, sound OK". Opening clears earlier confirmations. */
  rollCallOpen: z.boolean().optional(),
});
export type ConferenceSettingsChange = z.infer<typeof ConferenceSettingsChange>;

/** POST /api/meetings/:meetingId/conference/remove: the host removes a participant from the conference. */
export const RemoveRequest = z.strictObject({ userId: EntityId });

/** POST /api/meetings/:meetingId/conference/roll-call/confirm (a site, for itself): "kết nối tốt, âm thanh rõ". */

/**
 * GET /api/meetings/:meetingId/conference/route: where this participant's
 * media connects: the node serving their unit, or the nearest ancestor that
 * is up. The ticket (signed by the meeting's home node) is sent with `join`.
 */
export const ConferenceRoute = z.object({
  nodeId: z.string(),
  /** WebSocket URL of that node's /signal endpoint. */
  signalUrl: z.string(),
  ticket: z.string(),
});
export type ConferenceRoute = z.infer<typeof ConferenceRoute>;

export const LinkQuality = z.enum(['good', 'fair', 'poor']);
export type LinkQuality = z.infer<typeof LinkQuality>;

/** One expected site (or person) on the host's status board. */
export const SiteStatus = z.object({
  userId: z.string(),
  name: z.string(),
  unitId: z.string().nullable(),
  connected: z.boolean(),
  /** The node its media goes through. */
  nodeId: z.string().nullable(),
  /** From the producers' and transports' scores; null while unknown. */
  quality: LinkQuality.nullable(),
  /** Confirmed in the current roll call. */
  rollCallConfirmed: z.boolean(),
  /** Muted by the host (mute, mute-all): silenced on the server until unmuted; kept while away. */
  audioMuted: z.boolean(),
  /** Receiving and sending no video (by hand, or switched for a weak link). */
  audioOnly: z.boolean(),
});
export type SiteStatus = z.infer<typeof SiteStatus>;

export const ConferenceSettings = z.object({
  locked: z.boolean(),
  followSpeaker: z.boolean(),
  rollCallOpen: z.boolean(),
});
export type ConferenceSettings = z.infer<typeof ConferenceSettings>;

/**
 * Layout of the conference part of `meeting:<id>:live` (server-written):
 * root map `conference` with
 * - `settings`: ConferenceSettings
 * - `wall`: { userIds } on the host's thumbnail wall
 * - `activeSpeaker`: user id or null
 * - `share`: the participant sharing a screen or document (shown large), or null
 * Root map `sites`: user id → SiteStatus, for every expected site and connected person.
 * The stage itself is `session.stage` (collab/live.ts), shared with the floor.
 */
export const LIVE_CONFERENCE = 'conference';
export const LIVE_SITES = 'sites';

const Wall = z.object({ userIds: z.array(z.string()) });
const Share = z.object({ userId: z.string(), name: z.string() });

function read<T>(schema: z.ZodType<T>, value: unknown, fallback: T): T {
  const parsed = schema.safeParse(value);
  return parsed.success ? parsed.data : fallback;
}

export const DEFAULT_CONFERENCE_SETTINGS: ConferenceSettings = { locked: false, followSpeaker: false, rollCallOpen: false };

export function readConferenceSettings(doc: Y.Doc): ConferenceSettings {
  return read(ConferenceSettings, doc.getMap(LIVE_CONFERENCE).get('settings'), DEFAULT_CONFERENCE_SETTINGS);
}
export function writeConferenceSettings(doc: Y.Doc, settings: ConferenceSettings): void {
  doc.getMap(LIVE_CONFERENCE).set('settings', settings);
}
export function readWall(doc: Y.Doc): string[] {
  return read(Wall, doc.getMap(LIVE_CONFERENCE).get('wall'), { userIds: [] }).userIds;
}
export function writeWall(doc: Y.Doc, userIds: string[]): void {
  doc.getMap(LIVE_CONFERENCE).set('wall', { userIds });
}
export function readActiveSpeaker(doc: Y.Doc): string | null {
  const value = doc.getMap(LIVE_CONFERENCE).get('activeSpeaker');
  return typeof value === 'string' ? value : null;
}
export function writeActiveSpeaker(doc: Y.Doc, userId: string | null): void {
  doc.getMap(LIVE_CONFERENCE).set('activeSpeaker', userId);
}
export function readShare(doc: Y.Doc): z.infer<typeof Share> | null {
  return read(Share.nullable(), doc.getMap(LIVE_CONFERENCE).get('share'), null);
}
export function writeShare(doc: Y.Doc, share: z.infer<typeof Share> | null): void {
  doc.getMap(LIVE_CONFERENCE).set('share', share);
}
export function readSites(doc: Y.Doc): SiteStatus[] {
  const sites: SiteStatus[] = [];
  doc.getMap(LIVE_SITES).forEach((value) => {
    const parsed = SiteStatus.safeParse(value);
    if (parsed.success) sites.push(parsed.data);
  });
  return sites.sort((a, b) => a.name.localeCompare(b.name, 'vi'));
}
export function writeSite(doc: Y.Doc, site: SiteStatus): void {
  doc.getMap(LIVE_SITES).set(site.userId, site);
}
