import { useEffect, useState } from 'react';

/** Screens behind the sign-in, addressed by the URL hash so reloads and deep links land in place. */
export type Route = { screen: 'meetings' } | { screen: 'meeting'; meetingId: string };

export function parseRoute(hash: string): Route {
  const match = /^#\/meetings\/([A-Za-z0-9_-]{1,64})$/.exec(hash);
  return match?.[1] ? { screen: 'meeting', meetingId: match[1] } : { screen: 'meetings' };
}

export function routeHref(route: Route): string {
  return route.screen === 'meeting' ? `#/meetings/${route.meetingId}` : '#/meetings';
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(window.location.hash));
  useEffect(() => {
    const update = () => setRoute(parseRoute(window.location.hash));
    window.addEventListener('hashchange', update);
    return () => window.removeEventListener('hashchange', update);
  }, []);
  return route;
}
