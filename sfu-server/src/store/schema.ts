import type { Generated } from 'kysely';
import type { AttendanceStatus } from '#protocol/attendance.ts';
import type { AccountRole } from '#protocol/auth.ts';
import type { SpeechKind } from '#protocol/floor.ts';
import type { MeetingRole, MeetingStatus } from '#protocol/meetings.ts';
import type { PollMode, PollStatus } from '#protocol/voting.ts';

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
  polls: PollTable;
  poll_eligible_voters: PollEligibleVoterTable;
  named_ballots: NamedBallotTable;
  secret_voters: SecretVoterTable;
  secret_choices: SecretChoiceTable;
  floor_requests: FloorRequestTable;
  attendance: AttendanceTable;
  session_settings: SessionSettingsTable;
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

export type FloorRequestStatus = 'waiting' | 'speaking' | 'done' | 'withdrawn';

/** Đăng ký phát biểu: one request for the floor, from waiting to speaking to done (or withdrawn). */
export interface FloorRequestTable {
  id: string;
  meeting_id: string;
  /** The agenda item on screen when the request was made, if any. */
  agenda_item_id: string | null;
  requester_id: string;
  kind: SpeechKind;
  status: FloorRequestStatus;
  /** Order of the waiting queue (the chair may reorder it). */
  position: number;
  requested_at: string;
  started_at: string | null;
  ended_at: string | null;
  /** Set when the floor is granted, so a later settings change does not move a running countdown. */
  limit_seconds: number | null;
  warn_before_seconds: number | null;
}

/** Điểm danh: one row per delegate or chair once they checked in or a secretary recorded them. */
export interface AttendanceTable {
  meeting_id: string;
  account_id: string;
  status: AttendanceStatus;
  reason: string | null;
  updated_by: string;
  updated_at: string;
}

/** Per-meeting session settings; null columns take the protocol defaults. */
export interface SessionSettingsTable {
  meeting_id: string;
  speech_seconds: number | null;
  debate_seconds: number | null;
  question_seconds: number | null;
  warn_before_seconds: number | null;
  quorum_numerator: number | null;
  quorum_denominator: number | null;
  updated_by: string;
  updated_at: string;
}

/** A council vote (biểu quyết); see store/migrations/003-voting.ts. */
export interface PollTable {
  id: string;
  meeting_id: string;
  agenda_item_id: string | null;
  title: string;
  /** JSON array of option labels. */
  options: string;
  pass_option: number | null;
  mode: PollMode;
  /** JSON PollRule. */
  rule: string;
  duration_seconds: number | null;
  /** 0 or 1 (portable booleans). */
  allow_change: number;
  show_live_results: number;
  status: PollStatus;
  /** Size of the roll, fixed when the poll opens. */
  eligible: number | null;
  /** Ballots received (a changed ballot counts once); what "x of y have voted" shows. */
  ballots_cast: Generated<number>;
  opened_at: string | null;
  closes_at: string | null;
  /** When the poll ended, closed or cancelled. */
  closed_at: string | null;
  created_by: string;
  created_at: string;
  rerun_of: string | null;
  cancel_reason: string | null;
  /** JSON PollResult and its Ed25519 signature (base64), once closed. */
  result: string | null;
  signature: string | null;
}

/** The roll of a poll: the delegates (and the chair) of the meeting when it opened. */
export interface PollEligibleVoterTable {
  poll_id: string;
  voter_id: string;
}

/** A named poll's ballot; UNIQUE (poll_id, voter_id). */
export interface NamedBallotTable {
  poll_id: string;
  voter_id: string;
  option: number;
  updated_at: string;
}

/** Who voted in a secret poll. Shares no key, order or time with secret_choices. */
export interface SecretVoterTable {
  poll_id: string;
  voter_id: string;
}

/** What was chosen in a secret poll, under a random receipt. Shares no key, order or time with secret_voters. */
export interface SecretChoiceTable {
  receipt: string;
  poll_id: string;
  option: number;
}
