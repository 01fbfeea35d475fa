/*
 * Meetings are held in Vietnam (UTC+7, no daylight saving), whatever time
 * zone the preparing PC is set to, so dates and times are entered and shown
 * in Vietnam time and stored as ISO instants with +07:00.
 */
const VIETNAM_OFFSET_MS = 7 * 3600 * 1000;

/** The Vietnam calendar date (YYYY-MM-DD) and wall-clock time (HH:mm) of an ISO instant, for date and time inputs. */
export function vietnamDateAndTime(iso: string): { date: string; time: string } {
  const shifted = new Date(Date.parse(iso) + VIETNAM_OFFSET_MS).toISOString();
  return { date: shifted.slice(0, 10), time: shifted.slice(11, 16) };
}

/** The ISO instant (with +07:00) of a Vietnam date and time as entered; null when either is missing or malformed. */
export function vietnamInstant(date: string, time: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || !/^\d{2}:\d{2}$/.test(time)) return null;
  const iso = `${date}T${time}:00+07:00`;
  return Number.isNaN(Date.parse(iso)) ? null : iso;
}

/** Tomorrow at 08:00 in Vietnam: when most sessions a secretary prepares the night before begin. */
export function tomorrowMorningInVietnam(now = Date.now()): { date: string; time: string } {
  return { date: vietnamDateAndTime(new Date(now + 24 * 3600 * 1000).toISOString()).date, time: '08:00' };
}
