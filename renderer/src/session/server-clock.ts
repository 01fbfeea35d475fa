import { useSyncExternalStore } from 'react';
import { ServerTime } from '#protocol/system.ts';
import { apiRequest } from '../api/http.ts';

/*
 * Countdowns (speaking time, poll timers) are computed from server
 * instants, so they run on the server's clock: a tablet whose clock is a
 * minute off must not tell a speaker their time is up. The offset is
 * measured once per subscription period and refreshed now and then.
 */

const RESYNC_MS = 10 * 60_000;
const TICK_MS = 250;

let offsetMs = 0;
let lastSync = -Infinity;
let syncing = false;
let second = 0;
const listeners = new Set<() => void>();
let ticker: ReturnType<typeof setInterval> | undefined;

async function syncOffset(): Promise<void> {
  if (syncing || Date.now() - lastSync < RESYNC_MS) return;
  syncing = true;
  try {
    const sentAt = Date.now();
    const { now } = await apiRequest(ServerTime, '/api/time');
    const receivedAt = Date.now();
    // The server read its clock about halfway through the round trip.
    offsetMs = Date.parse(now) - (sentAt + receivedAt) / 2;
    lastSync = receivedAt;
  } catch {
    // Keep the device clock (or the last offset); the next tick period tries again.
    lastSync = Date.now() - RESYNC_MS + 30_000;
  } finally {
    syncing = false;
  }
}

function currentSecond(): number {
  return Math.floor((Date.now() + offsetMs) / 1000) * 1000;
}

function subscribe(onChange: () => void): () => void {
  listeners.add(onChange);
  void syncOffset();
  ticker ??= setInterval(() => {
    const next = currentSecond();
    if (next === second) return;
    second = next;
    if (Date.now() - lastSync >= RESYNC_MS) void syncOffset();
    for (const listener of listeners) listener();
  }, TICK_MS);
  return () => {
    listeners.delete(onChange);
    if (listeners.size === 0) {
      clearInterval(ticker);
      ticker = undefined;
    }
  };
}

function snapshot(): number {
  // Between subscriptions nothing ticks, so the first read after a pause must not be stale.
  if (!ticker) second = currentSecond();
  return second;
}

/** The server's current time in epoch milliseconds (whole seconds), re-rendering the caller once a second. */
export function useServerNow(): number {
  return useSyncExternalStore(subscribe, snapshot);
}
