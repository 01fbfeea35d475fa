import { EntityId } from '../ids.ts';

/**
 * The collaborative documents of DESIGN.md, by name:
 *
 * | name                                    | holds                                   |
 * |-----------------------------------------|-----------------------------------------|
 * | `meeting:<id>:agenda`                   | the agenda as secretaries draft it      |
 * | `meeting:<id>:live`                     | server-written live session state       |
 * | `doc:<docId>:annotations:shared`        | annotations shared with the meeting     |
 * | `doc:<docId>:annotations:user:<userId>` | one user's private annotations          |
 */
export type DocName =
  | { kind: 'agenda'; meetingId: string }
  | { kind: 'live'; meetingId: string }
  | { kind: 'shared-annotations'; documentId: string }
  | { kind: 'private-annotations'; documentId: string; userId: string };

const isId = (value: string | undefined): value is string => EntityId.safeParse(value).success;

/** Parses a document name; anything not in the table above is `null`. */
export function parseDocName(name: string): DocName | null {
  const parts = name.split(':');
  const [scope, id, what, sub, owner] = parts;
  if (!isId(id)) return null;
  if (scope === 'meeting' && parts.length === 3) {
    if (what === 'agenda') return { kind: 'agenda', meetingId: id };
    if (what === 'live') return { kind: 'live', meetingId: id };
  }
  if (scope === 'doc' && what === 'annotations') {
    if (parts.length === 4 && sub === 'shared') return { kind: 'shared-annotations', documentId: id };
    if (parts.length === 5 && sub === 'user' && isId(owner)) {
      return { kind: 'private-annotations', documentId: id, userId: owner };
    }
  }
  return null;
}

export function formatDocName(doc: DocName): string {
  switch (doc.kind) {
    case 'agenda':
      return `meeting:${doc.meetingId}:agenda`;
    case 'live':
      return `meeting:${doc.meetingId}:live`;
    case 'shared-annotations':
      return `doc:${doc.documentId}:annotations:shared`;
    case 'private-annotations':
      return `doc:${doc.documentId}:annotations:user:${doc.userId}`;
  }
}
