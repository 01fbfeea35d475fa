import type { Kysely } from 'kysely';
import type { AttendanceStatus } from '#protocol/attendance.ts';
import { formatDocName } from '#protocol/collab/doc-names.ts';
import { LIVE_ATTENDANCE, readAttendance, readQuorum, writeAttendance, writeQuorum, type Quorum } from '#protocol/collab/live.ts';
import type { CollabHub } from '../collab/collab-hub.ts';
import type { Database } from '../store/schema.ts';
import { attendanceRecord, quorumOf } from './queries.ts';

/**
 * Publishes a meeting's quorum and every recorded attendance into
 * `meeting:<id>:live`, from the store. Call it after any change to
 * attendance, to who attends (participants) or to the quorum setting.
 */
export async function publishAttendance(db: Kysely<Database>, hub: CollabHub, meetingId: string): Promise<void> {
  await hub.publish(
    formatDocName({ kind: 'live', meetingId }),
    async () => {
      const [quorum, record] = await Promise.all([quorumOf(db, meetingId), attendanceRecord(db, meetingId)]);
      const statuses = new Map<string, AttendanceStatus>();
      for (const entry of record.entries) if (entry.status) statuses.set(entry.accountId, entry.status);
      return { quorum, statuses };
    },
    (doc, { quorum, statuses }: { quorum: Quorum; statuses: Map<string, AttendanceStatus> }) => {
      // Only what changed is written: every Y.Map set is kept in the document's history.
      if (JSON.stringify(readQuorum(doc)) !== JSON.stringify(quorum)) writeQuorum(doc, quorum);
      const published = readAttendance(doc);
      for (const [accountId, status] of statuses) if (published.get(accountId) !== status) writeAttendance(doc, accountId, status);
      // Someone who no longer attends (removed from the meeting) leaves the list.
      for (const accountId of published.keys()) if (!statuses.has(accountId)) doc.getMap(LIVE_ATTENDANCE).delete(accountId);
    },
  );
}
