import { MeetingDetail, type MeetingSummary } from '#protocol/meetings.ts';
import { apiRequest } from '../api/http.ts';
import { downloadVersion } from '../documents/download.ts';
import { platform } from '../platform/index.ts';
import { rememberMeetingDetail } from '../room/use-meeting-detail.ts';

export interface PrefetchProgress {
  /** Documents the upcoming meetings need on this device. */
  total: number;
  /** Of those, already here or downloaded now. */
  ready: number;
  failed: number;
  running: boolean;
}

/** Meetings worth preparing for: published or in session, from yesterday to a week ahead. */
export function upcoming(meetings: readonly MeetingSummary[], now = Date.now()): MeetingSummary[] {
  const day = 24 * 3600 * 1000;
  return meetings.filter((meeting) => {
    const startsAt = Date.parse(meeting.startsAt);
    return (meeting.status === 'published' || meeting.status === 'in_session') && startsAt >= now - day && startsAt <= now + 7 * day;
  });
}

/**
 * Downloads, in the background and one at a time, every document of the
 * user's upcoming meetings that is not on this device yet, plus the
 * meetings themselves, so the delegate can read in a hall with no network.
 */
export async function prefetchUpcoming(
  meetings: readonly MeetingSummary[],
  context: { token: string; userId: string; signal: AbortSignal },
  onProgress: (progress: PrefetchProgress) => void,
): Promise<void> {
  const cached = new Set(await platform.cachedVersionIds().catch(() => []));
  const wanted: { versionId: string; startsAt: string }[] = [];
  for (const meeting of upcoming(meetings)) {
    if (context.signal.aborted) return;
    const detail = await apiRequest(MeetingDetail, `/api/meetings/${meeting.id}`, { token: context.token }).catch(() => null);
    if (!detail) continue;
    rememberMeetingDetail(context.userId, detail);
    for (const item of detail.agenda) for (const document of item.documents) wanted.push({ versionId: document.versionId, startsAt: detail.startsAt });
  }
  const progress: PrefetchProgress = { total: wanted.length, ready: 0, failed: 0, running: true };
  for (const { versionId, startsAt } of wanted) {
    if (context.signal.aborted) return;
    if (!cached.has(versionId)) {
      try {
        const bytes = await downloadVersion(versionId, context.token, () => undefined);
        await platform.cacheDocument(versionId, bytes, startsAt);
      } catch {
        progress.failed += 1;
        onProgress({ ...progress });
        continue;
      }
    }
    progress.ready += 1;
    onProgress({ ...progress });
  }
  onProgress({ ...progress, running: false });
}
