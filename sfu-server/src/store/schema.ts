import type { Generated } from 'kysely';
import type { AccountRole } from '#protocol/auth.ts';
import type { MeetingRole, MeetingStatus } from '#protocol/meetings.ts';

/** Table shapes as Kysely sees them. Times are ISO 8601 strings (portable across SQLite and PostgreSQL). */
export interface Database {
  units: UnitTable;
  accounts: AccountTable;
  meetings: MeetingTable;
  meeting_participants: MeetingParticipantTable;
  meeting_site_units: MeetingSiteUnitTable;
  agenda_items: AgendaItemTable;
  documents: DocumentTable;
  document_versions: DocumentVersionTable;
  collab_updates: CollabUpdateTable;
  audit_log: AuditLogTable;
}

export type UnitKind = 'province' | 'district' | 'commune';

export interface UnitTable {
  id: string;
  parent_id: string | null;
  name: string;
  kind: UnitKind;
}

export interface AccountTable {
  id: string;
  username: string;
  display_name: string;
  role: AccountRole;
  unit_id: string | null;
  password_hash: string;
  created_at: string;
}

export interface MeetingTable {
  id: string;
  title: string;
  body: string;
  starts_at: string;
  location: string;
  status: MeetingStatus;
  created_by: string;
  created_at: string;
}

export interface MeetingParticipantTable {
  meeting_id: string;
  account_id: string;
  role: MeetingRole;
}

/** Units whose site accounts are invited to a meeting (kept so the invitation can be shown and withdrawn as one). */
export interface MeetingSiteUnitTable {
  meeting_id: string;
  unit_id: string;
}

export interface AgendaItemTable {
  id: string;
  meeting_id: string;
  position: number;
  title: string;
  presenter: string;
  planned_minutes: number;
}

/** A document attached to an agenda item; its bytes live in its versions. */
export interface DocumentTable {
  id: string;
  agenda_item_id: string;
  title: string;
  created_at: string;
}

/** One uploaded file of a document; versions count up from 1 and are never changed. */
export interface DocumentVersionTable {
  id: string;
  document_id: string;
  version: number;
  file_name: string;
  /** Content address of the bytes in the file store. */
  sha256: string;
  size_bytes: number;
  page_count: number;
  uploaded_by: string;
  created_at: string;
}

export interface CollabUpdateTable {
  id: Generated<number>;
  doc_name: string;
  /** A Yjs update (or, after compaction, the whole merged state). */
  payload: Uint8Array;
  created_at: string;
}

/** Hash-chained, append-only (enforced by triggers); see audit/chain.ts. */
export interface AuditLogTable {
  seq: number;
  at: string;
  actor_id: string | null;
  meeting_id: string | null;
  action: string;
  details: string;
  prev_hash: string;
  hash: string;
}
