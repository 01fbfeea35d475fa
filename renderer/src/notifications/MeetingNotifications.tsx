import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDocName } from '#protocol/collab/doc-names.ts';
import { readPolls } from '#protocol/collab/live.ts';
import { MeetingList, type MeetingSummary } from '#protocol/meetings.ts';
import { apiRequest } from '../api/http.ts';
import { useSession } from '../app/session-context.tsx';
import { useCollabDoc } from '../collab/use-collab-doc.ts';
import { platform } from '../platform/index.ts';

/** How often the meeting list is checked for sessions that started. */
const MEETINGS_CHECK_MS = 60_000;

/** Someone looking at the app already sees it; the notification is for when they are elsewhere. */
const userAway = () => document.hidden || !document.hasFocus();

/**
 * Tells the user, with a system notification, when one of their meetings
 * starts or a vote opens in a meeting in session. Nothing is announced on
 * first sight: only changes that happen while the app runs.
 */
export function MeetingNotifications() {
  const { t } = useTranslation();
  const { token } = useSession();
  const [inSession, setInSession] = useState<MeetingSummary[]>([]);
  const known = useRef<Map<string, MeetingSummary['status']> | null>(null);

  useEffect(() => {
    let live = true;
    const check = async () => {
      const list = await apiRequest(MeetingList, '/api/meetings', { token }).catch(() => null);
      if (!list || !live) return;
      const previous = known.current;
      for (const meeting of list.meetings) {
        if (previous && previous.get(meeting.id) !== 'in_session' && meeting.status === 'in_session' && userAway()) {
          void platform.notify({ title: t('notifications.meetingStarted'), body: meeting.title, meetingId: meeting.id });
        }
      }
      known.current = new Map(list.meetings.map((meeting) => [meeting.id, meeting.status]));
      setInSession(list.meetings.filter((meeting) => meeting.status === 'in_session'));
    };
    void check();
    const timer = setInterval(() => void check(), MEETINGS_CHECK_MS);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [token, t]);

  return (
    <>
      {inSession.map((meeting) => (
        <PollWatcher key={meeting.id} meeting={meeting} />
      ))}
    </>
  );
}

function PollWatcher({ meeting }: { meeting: MeetingSummary }) {
  const { t } = useTranslation();
  const live = useCollabDoc(formatDocName({ kind: 'live', meetingId: meeting.id }));
  const openSeen = useRef<Set<string> | null>(null);

  useEffect(() => {
    const doc = live?.doc;
    if (!doc || !live.synced) return;
    const announce = () => {
      const open = readPolls(doc).filter((poll) => poll.status === 'open');
      const seen = openSeen.current;
      if (seen && userAway()) {
        for (const poll of open) {
          if (!seen.has(poll.id)) void platform.notify({ title: t('notifications.pollOpened'), body: `${poll.title} — ${meeting.title}`, meetingId: meeting.id });
        }
      }
      openSeen.current = new Set([...(seen ?? []), ...open.map((poll) => poll.id)]);
    };
    announce();
    doc.on('update', announce);
    return () => doc.off('update', announce);
  }, [live?.doc, live?.synced, meeting, t]);

  return null;
}
