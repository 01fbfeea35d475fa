import { describe, expect, it } from 'vitest';
import { collabAccess } from '#protocol/collab/access.ts';
import { formatDocName, parseDocName, type DocName } from '#protocol/collab/doc-names.ts';
import type { MeetingRole } from '#protocol/meetings.ts';

const agenda: DocName = { kind: 'agenda', meetingId: 'm1' };
const live: DocName = { kind: 'live', meetingId: 'm1' };
const shared: DocName = { kind: 'shared-annotations', documentId: 'd1' };
const privateOfAn: DocName = { kind: 'private-annotations', documentId: 'd1', userId: 'an' };
const as = (userId: string, meetingRole: MeetingRole | null) => ({ userId, meetingRole });

describe('who may read and write each collaborative document', () => {
  it('lets only secretaries write the agenda; other participants read it', () => {
    expect(collabAccess(agenda, as('u', 'secretary'))).toBe('write');
    for (const role of ['chair', 'delegate', 'guest', 'site'] as const) {
      expect(collabAccess(agenda, as('u', role))).toBe('read');
    }
  });

  it('keeps the live session document read-only for everyone, even the chair', () => {
    for (const role of ['chair', 'secretary', 'delegate', 'guest', 'site'] as const) {
      expect(collabAccess(live, as('u', role))).toBe('read');
    }
  });

  it('lets every participant write shared annotations', () => {
    expect(collabAccess(shared, as('u', 'delegate'))).toBe('write');
  });

  it('gives private annotations to their owner only, and nobody else may even read them', () => {
    expect(collabAccess(privateOfAn, as('an', 'delegate'))).toBe('write');
    expect(collabAccess(privateOfAn, as('binh', 'delegate'))).toBe('none');
    expect(collabAccess(privateOfAn, as('binh', 'secretary'))).toBe('none');
    expect(collabAccess(privateOfAn, as('binh', 'chair'))).toBe('none');
  });

  it('refuses every document to someone outside the meeting', () => {
    for (const doc of [agenda, live, shared, privateOfAn]) {
      expect(collabAccess(doc, as('an', null))).toBe('none');
    }
  });
});

describe('collaborative document names', () => {
  it('round-trip through format and parse', () => {
    for (const doc of [agenda, live, shared, privateOfAn]) {
      expect(parseDocName(formatDocName(doc))).toEqual(doc);
    }
  });

  it('reject anything outside the documented layout', () => {
    for (const name of [
      '',
      'meeting:m1',
      'meeting:m1:agenda:extra',
      'meeting::agenda',
      'meeting:m1:secret',
      'doc:d1:annotations',
      'doc:d1:annotations:user:',
      'doc:d1:annotations:user:an:more',
      'doc:../../etc:annotations:shared',
      `meeting:${'x'.repeat(65)}:agenda`,
    ]) {
      expect(parseDocName(name), name).toBeNull();
    }
  });
});
