import { useCallback, useEffect, useState } from 'react';
import { setUnauthorizedHandler } from '../api/http.ts';
import { forgetOfflineData } from './offline-data.ts';
import { LoginScreen } from '../auth/LoginScreen.tsx';
import { MeetingNotifications } from '../notifications/MeetingNotifications.tsx';
import { MeetingListScreen } from '../meetings/MeetingListScreen.tsx';
import { platform } from '../platform/index.ts';
import { PreparationScreen } from '../preparation/PreparationScreen.tsx';
import type { StoredSession } from '#protocol/platform.ts';
import { MeetingRoomScreen } from '../room/MeetingRoomScreen.tsx';
import { useRoute } from './routes.ts';
import { SessionContext } from './session-context.tsx';
import { TopBar } from './TopBar.tsx';

export function App() {
  // undefined while the stored session is being read.
  const [session, setSession] = useState<StoredSession | null | undefined>(undefined);
  const [expired, setExpired] = useState(false);
  const route = useRoute();

  useEffect(() => {
    void platform.loadSession().then(setSession);
    setUnauthorizedHandler(() => {
      void platform.clearSession();
      setSession(null);
      setExpired(true);
    });
  }, []);

  const signIn = useCallback(async (next: StoredSession) => {
    await platform.saveSession(next);
    setExpired(false);
    setSession(next);
  }, []);

  const signOut = useCallback(async () => {
    if (session) await forgetOfflineData(session.user.id).catch(() => undefined);
    await platform.clearSession();
    setSession(null);
  }, [session]);

  if (session === undefined) return null;
  if (session === null) return <LoginScreen expired={expired} onSignedIn={signIn} />;
  return (
    <SessionContext.Provider value={session}>
      <div className="app-shell">
        <TopBar onSignOut={() => void signOut()} />
        <MeetingNotifications />
        {route.screen === 'meeting' && <MeetingRoomScreen key={route.meetingId} meetingId={route.meetingId} />}
        {route.screen === 'prepare' && <PreparationScreen key={route.meetingId} meetingId={route.meetingId} />}
        {route.screen === 'meetings' && <MeetingListScreen />}
      </div>
    </SessionContext.Provider>
  );
}
