import { createContext, useContext } from 'react';
import type { StoredSession } from '#protocol/platform.ts';

export const SessionContext = createContext<StoredSession | null>(null);

/** The signed-in session; only used below the sign-in gate. */
export function useSession(): StoredSession {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside a signed-in screen');
  return session;
}
