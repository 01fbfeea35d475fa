import { useEffect, useState } from 'react';

/** Screens behind the sign-in, addressed by the URL hash so reloads and deep links land in place. */
export type Route =
  | { screen: 'meetings' }
  | { screen: 'meeting'; meetingId: string }
  | { screen: 'prepare'; meetingId: string };

/** The screen a URL hash names; anything unknown is the meeting list. */
export function parseRoute(hash: string): Route {
  const match = /^#\/meetings\/([A-Za-z0-9_-]{1,64})(\/prepare)?$/.exec(hash);
  if (!match?.[1]) return { screen: 'meetings' };
  return match[2] ? { screen: 'prepare', meetingId: match[1] } : { screen: 'meeting', meetingId: match[1] };
}

/** The URL hash of a screen, for links and navigation. */
export function routeHref(route: Route): string {
  switch (route.screen) {
    case 'meeting':
      return `#/meetings/${route.meetingId}`;
    case 'prepare':
      return `#/meetings/${route.meetingId}/prepare`;
    case 'meetings':
      return '#/meetings';
  }
}

/** The current screen, following hash changes. */
export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(window.location.hash));
  useEffect(() => {
    const update = () => setRoute(parseRoute(window.location.hash));
    window.addEventListener('hashchange', update);
    return () => window.removeEventListener('hashchange', update);
  }, []);
  return route;
}
