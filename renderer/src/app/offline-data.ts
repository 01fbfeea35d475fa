import { forgetOfflineDocs } from '../collab/offline-store.ts';
import { platform } from '../platform/index.ts';
import { forgetMeetingDetails } from '../room/use-meeting-detail.ts';

/**
 * Everything kept on this device for offline use by one user: meetings,
 * collaborative documents (including private notes) and cached papers.
 * Removed on explicit sign-out, so a shared tablet keeps nothing behind.
 */
export async function forgetOfflineData(userId: string): Promise<void> {
  forgetMeetingDetails(userId);
  await Promise.all([forgetOfflineDocs(userId), platform.clearDocumentCache()]);
}
