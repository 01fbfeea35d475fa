import { useEffect, useState } from 'react';
import './offline.css';
import { useTranslation } from 'react-i18next';
import type { MeetingSummary } from '#protocol/meetings.ts';
import { useSession } from '../app/session-context.tsx';
import { prefetchUpcoming, type PrefetchProgress } from './offline-prefetch.ts';

/** Prepares upcoming meetings for offline reading and shows how far it got. */
export function OfflineReadiness({ meetings }: { meetings: readonly MeetingSummary[] }) {
  const { t } = useTranslation();
  const { token, user } = useSession();
  const [progress, setProgress] = useState<PrefetchProgress | null>(null);
  const key = meetings.map((meeting) => `${meeting.id}:${meeting.status}`).join(',');

  useEffect(() => {
    const controller = new AbortController();
    void prefetchUpcoming(meetings, { token, userId: user.id, signal: controller.signal }, setProgress);
    return () => controller.abort();
    // `key` stands for the meeting list: a new array with the same meetings must not restart the downloads.
  }, [key, token, user.id]);

  if (!progress || progress.total === 0) return null;
  const percent = Math.round((progress.ready / progress.total) * 100);
  return (
    <div className="offline-readiness" role="status" data-testid="offline-readiness" data-ready={progress.ready} data-total={progress.total}>
      {progress.running ? (
        <>
          <span>{t('offline.downloading', { ready: progress.ready, total: progress.total })}</span>
          <div className="progress" role="progressbar" aria-valuenow={percent} aria-valuemin={0} aria-valuemax={100}>
            <div className="progress-bar" style={{ width: `${percent}%` }} />
          </div>
        </>
      ) : (
        <span>{progress.failed ? t('offline.partly', { ready: progress.ready, total: progress.total }) : t('offline.ready', { count: progress.total })}</span>
      )}
    </div>
  );
}
