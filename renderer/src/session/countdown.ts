/* Countdown arithmetic, kept free of the browser so it is tested on its own. */

/** Seconds from `now` until an ISO instant (negative once it has passed). */
export function secondsUntil(instant: string, now: number): number {
  return Math.ceil((Date.parse(instant) - now) / 1000);
}

/** `mm:ss`, or `h:mm:ss` from an hour up; never negative. */
export function formatClock(totalSeconds: number): string {
  const seconds = Math.max(0, totalSeconds);
  const hours = Math.floor(seconds / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  const rest = seconds % 60;
  const mmss = `${String(minutes).padStart(2, '0')}:${String(rest).padStart(2, '0')}`;
  return hours > 0 ? `${hours}:${mmss}` : mmss;
}
