import { useCallback, useEffect, useState } from 'react';
import { MeetingDetail } from '#protocol/meetings.ts';
import { ApiFailure, apiRequest } from '../api/http.ts';
import { useSession } from '../app/session-context.tsx';

export interface MeetingDetailState {
  detail: MeetingDetail | null;
  error: unknown;
  loading: boolean;
  /** The detail shown is the copy kept on this device: the server could not be reached. */
  offline: boolean;
  reload(): void;
}

const storageKey = (userId: string, meetingId: string) => `dien-hong.meeting.${userId}.${meetingId}`;

function remembered(key: string): MeetingDetail | null {
  const parsed = MeetingDetail.safeParse(JSON.parse(localStorage.getItem(key) ?? 'null'));
  return parsed.success ? parsed.data : null;
}

/**
 * A meeting with its agenda and documents, kept on the device so that a
 * delegate whose connection drops can still open the room and its papers.
 */
export function useMeetingDetail(meetingId: string): MeetingDetailState {
  const { token, user } = useSession();
  const key = storageKey(user.id, meetingId);
  const [state, setState] = useState<Omit<MeetingDetailState, 'reload'>>({ detail: null, error: null, loading: true, offline: false });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let live = true;
    apiRequest(MeetingDetail, `/api/meetings/${meetingId}`, { token }).then(
      (detail) => {
        rememberMeetingDetail(user.id, detail);
        if (live) setState({ detail, error: null, loading: false, offline: false });
      },
      (error: unknown) => {
        if (!live) return;
        const copy = error instanceof ApiFailure && error.code === 'network' ? remembered(key) : null;
        setState((previous) => ({ detail: copy ?? previous.detail, error, loading: false, offline: copy !== null }));
      },
    );
    return () => {
      live = false;
    };
  }, [meetingId, token, key, attempt]);

  const reload = useCallback(() => setAttempt((count) => count + 1), []);
  return { ...state, reload };
}

/** Keeps a meeting on the device for offline use (also done ahead of time by the offline prefetch). */
export function rememberMeetingDetail(userId: string, detail: MeetingDetail): void {
  localStorage.setItem(storageKey(userId, detail.id), JSON.stringify(detail));
}

/** Removes every meeting kept on this device for a user (explicit sign-out). */
export function forgetMeetingDetails(userId: string): void {
  const prefix = storageKey(userId, '');
  for (const key of Object.keys(localStorage)) if (key.startsWith(prefix)) localStorage.removeItem(key);
}
