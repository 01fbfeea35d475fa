import type { MeetingRole } from '#protocol/meetings.ts';

/**
 * Which session controls a meeting role is offered. The server checks every
 * command itself; this only keeps buttons away from people who cannot use them.
 */
export interface SessionAbilities {
  /** Delegates and the chair: they count for the quorum and check themselves in. */
  checkIn: boolean;
  /** Delegates and the chair cast ballots. */
  vote: boolean;
  /** Delegates, the chair and sites (điểm cầu) ask for the floor. */
  requestFloor: boolean;
  /** The chair opens, closes, cancels and reruns polls, grants the floor and orders the queue. */
  chair: boolean;
  /** The chair and secretaries prepare polls and change the session settings. */
  preparePolls: boolean;
  /** Secretaries keep the attendance record and correct it. */
  keepAttendance: boolean;
}

export function abilitiesOf(role: MeetingRole): SessionAbilities {
  const member = role === 'delegate' || role === 'chair';
  return {
    checkIn: member,
    vote: member,
    requestFloor: member || role === 'site',
    chair: role === 'chair',
    preparePolls: role === 'chair' || role === 'secretary',
    keepAttendance: role === 'secretary',
  };
}
