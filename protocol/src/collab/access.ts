import type { MeetingRole } from '../meetings.ts';
import type { DocName } from './doc-names.ts';

export type CollabAccess = 'write' | 'read' | 'none';

/** Who is asking, as the server resolved it for the meeting that owns the document. */
export interface CollabPrincipal {
  userId: string;
  /** Role in the owning meeting, or null when not a participant. */
  meetingRole: MeetingRole | null;
}

/**
 * The authority table of DESIGN.md as one decision. The server enforces the
 * result on every connection; the renderer uses it only to show read-only UI.
 */
export function collabAccess(doc: DocName, who: CollabPrincipal): CollabAccess {
  if (doc.kind === 'private-annotations') {
    // Private notes: the owner on all of their devices, nobody else at all.
    return doc.userId === who.userId && who.meetingRole !== null ? 'write' : 'none';
  }
  if (who.meetingRole === null) return 'none';
  switch (doc.kind) {
    case 'agenda':
      return who.meetingRole === 'secretary' ? 'write' : 'read';
    case 'live':
      // Trusted session state: only the server writes, through commands.
      return 'read';
    case 'shared-annotations':
      return 'write';
  }
}
