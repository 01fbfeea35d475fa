import type { RemoteParticipant } from './media-session.ts';

/*
 * What the conference's tiles show and at which simulcast layer: pure rules,
 * kept apart from the components so they read (and are tested) on their own.
 */

/** The layer a tile of this rendered height (CSS px) needs: 180p, 360p or 720p. */
export function layerForHeight(height: number): number {
  if (height <= 200) return 0;
  if (height <= 450) return 1;
  return 2;
}

/** Each user's connection, the one with a camera first (a user may be in twice, e.g. a PC and a tablet). */
export function participantsByUser(participants: RemoteParticipant[]): Map<string, RemoteParticipant> {
  const byUser = new Map<string, RemoteParticipant>();
  for (const participant of participants) {
    const known = byUser.get(participant.userId);
    if (!known || (!known.media.camera && participant.media.camera)) byUser.set(participant.userId, participant);
  }
  return byUser;
}

/** Sites per page of the host's wall: a 3×3 grid of thumbnails, each small enough for the lowest layer. */
export const WALL_PAGE_SIZE = 9;

/**
 * The wall's current page, as the live document says. Pages are cut from the
 * status board's order (every host sees the same list), so two hosts paging
 * agree on what a page holds.
 */
export function wallPage(siteIds: string[], wall: string[]): { page: number; pages: number; userIds: string[] } {
  const pages = Math.max(1, Math.ceil(siteIds.length / WALL_PAGE_SIZE));
  const first = wall[0] ? siteIds.indexOf(wall[0]) : 0;
  const page = Math.min(pages - 1, Math.max(0, Math.floor(first / WALL_PAGE_SIZE)));
  return { page, pages, userIds: pageOf(siteIds, page) };
}

/** The sites on one page of the wall. */
export function pageOf(siteIds: string[], page: number): string[] {
  return siteIds.slice(page * WALL_PAGE_SIZE, (page + 1) * WALL_PAGE_SIZE);
}
