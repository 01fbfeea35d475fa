import { randomInt, randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { AccountRole } from '#protocol/auth.ts';
import type { MeetingRole } from '#protocol/meetings.ts';
import { addAgendaItem } from '../agenda/commands.ts';
import { publishAttendance } from '../attendance/publication.ts';
import { hashPassword } from '../auth/passwords.ts';
import type { CollabHub } from '../collab/collab-hub.ts';
import { uploadDocument } from '../documents/commands.ts';
import { inspectPdf } from '../documents/pdf-inspection.ts';
import { changeMeetingStatus, createMeeting } from '../meetings/commands.ts';
import { inviteParticipant, inviteSiteUnit } from '../participants/commands.ts';
import type { AccountTable, Database, UnitKind } from '../store/schema.ts';
import type { FileStore } from '../store/file-store.ts';
import { DEMO_DOCUMENTS } from './agenda-documents.ts';
import { renderDemoDocument } from './render-document.ts';

/** Province → 2 districts → 3 communes each: real place names of Quảng Ninh. */
const UNIT_TREE = {
  name: 'Tỉnh Quảng Ninh',
  children: [
    { name: 'Huyện Tiên Yên', communes: [['Xã Đông Ngũ', 'dongngu'], ['Xã Hải Lạng', 'hailang'], ['Xã Đồng Rui', 'dongrui']] },
    { name: 'Huyện Vân Đồn', communes: [['Xã Đoàn Kết', 'doanket'], ['Xã Bình Dân', 'binhdan'], ['Xã Hạ Long', 'halong']] },
  ],
} as const;

const PEOPLE: { username: string; displayName: string; role: AccountRole & MeetingRole }[] = [
  { username: 'chutoa', displayName: 'Nguyễn Văn Thành', role: 'chair' },
  { username: 'thuky', displayName: 'Trần Thị Mai', role: 'secretary' },
  { username: 'daibieu1', displayName: 'Lê Văn Hùng', role: 'delegate' },
  { username: 'daibieu2', displayName: 'Phạm Thị Lan', role: 'delegate' },
  { username: 'daibieu3', displayName: 'Hoàng Minh Đức', role: 'delegate' },
  { username: 'daibieu4', displayName: 'Vũ Thị Hương', role: 'delegate' },
  { username: 'daibieu5', displayName: 'Đặng Quốc Bảo', role: 'delegate' },
];

const AGENDA = [
  { title: 'Báo cáo tình hình kinh tế – xã hội năm 2026, phương hướng năm 2027', presenter: 'Ủy ban nhân dân tỉnh', plannedMinutes: 45 },
  { title: 'Tờ trình điều chỉnh kế hoạch đầu tư công trung hạn 2026 – 2030', presenter: 'Sở Tài chính', plannedMinutes: 30 },
  { title: 'Dự thảo Nghị quyết hỗ trợ chuyển đổi số cho chính quyền cấp xã', presenter: 'Sở Khoa học và Công nghệ', plannedMinutes: 30 },
];

export interface DemoAccount {
  username: string;
  displayName: string;
  role: AccountRole;
}

/** A password that is easy to read aloud in a hall: no 0/O or 1/l confusion. */
export function generateDemoPassword(): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyz23456789';
  const group = () => Array.from({ length: 4 }, () => alphabet[randomInt(alphabet.length)]).join('');
  return `dh-${group()}-${group()}`;
}

/** An account row; the password hash is filled in afterwards. */
function accountRow(account: DemoAccount, unitId: string, createdAt: string): AccountTable {
  return {
    id: randomUUID(),
    username: account.username,
    display_name: account.displayName,
    role: account.role,
    unit_id: unitId,
    password_hash: '',
    created_at: createdAt,
  };
}

/** Tomorrow 08:00 Vietnam time (UTC+7), as an ISO instant. */
function tomorrowMorning(): string {
  const day = new Date(Date.now() + 24 * 3600 * 1000).toISOString().slice(0, 10);
  return new Date(`${day}T08:00:00+07:00`).toISOString();
}

/**
 * Seeds the demo into an empty store: the unit tree, the accounts, and one
 * session with three agenda items, each with a generated Vietnamese PDF.
 * Returns the accounts created, or null when the store already had accounts.
 */
export async function seedDemo(deps: {
  db: Kysely<Database>;
  files: FileStore;
  hub: CollabHub;
  password: string;
}): Promise<DemoAccount[] | null> {
  const { db, files, hub } = deps;
  const existing = await db.selectFrom('accounts').select('id').limit(1).executeTakeFirst();
  if (existing) return null;

  const now = new Date().toISOString();
  const units: { id: string; parent_id: string | null; name: string; kind: UnitKind }[] = [];
  const communeIds: string[] = [];
  const sites: DemoAccount[] = [];
  const accounts: AccountTable[] = [];
  const provinceId = randomUUID();
  units.push({ id: provinceId, parent_id: null, name: UNIT_TREE.name, kind: 'province' });
  for (const district of UNIT_TREE.children) {
    const districtId = randomUUID();
    units.push({ id: districtId, parent_id: provinceId, name: district.name, kind: 'district' });
    for (const [name, slug] of district.communes) {
      const communeId = randomUUID();
      units.push({ id: communeId, parent_id: districtId, name, kind: 'commune' });
      communeIds.push(communeId);
      const site = { username: `dc-${slug}`, displayName: `Điểm cầu ${name}`, role: 'site' as const };
      sites.push(site);
      accounts.push(accountRow(site, communeId, now));
    }
  }
  for (const person of PEOPLE) {
    accounts.push(accountRow(person, provinceId, now));
  }
  for (const account of accounts) account.password_hash = await hashPassword(deps.password);

  await db.transaction().execute(async (trx) => {
    await trx.insertInto('units').values(units).execute();
    await trx.insertInto('accounts').values(accounts).execute();
  });

  // The session is prepared through the same commands a secretary's requests run.
  const idOf = (username: string) => accounts.find((account) => account.username === username)?.id ?? '';
  const secretaryId = idOf('thuky');
  const meetingId = await createMeeting(
    db,
    {
      title: 'Kỳ họp thứ 7 (chuyên đề) Hội đồng nhân dân tỉnh khóa XIV',
      body: 'Hội đồng nhân dân tỉnh Quảng Ninh',
      startsAt: tomorrowMorning(),
      location: 'Hội trường Trung tâm Hội nghị tỉnh, TP Hạ Long',
    },
    secretaryId,
  );
  for (const person of PEOPLE) {
    const accountId = idOf(person.username);
    if (accountId !== secretaryId) await inviteParticipant(db, meetingId, { accountId, role: person.role });
  }
  // The quorum board shows 0 of n present from the start, not nothing.
  await publishAttendance(db, hub, meetingId);
  for (const communeId of communeIds) await inviteSiteUnit(db, meetingId, communeId);
  for (const [index, item] of AGENDA.entries()) {
    const agendaItemId = await addAgendaItem(db, hub, meetingId, item);
    const document = DEMO_DOCUMENTS[index];
    if (!document) continue;
    const bytes = await renderDemoDocument(document);
    const { pageCount } = await inspectPdf(bytes);
    await uploadDocument(db, hub, {
      meetingId,
      agendaItemId,
      title: `${document.kind[0]}${document.kind.slice(1).toLowerCase()}: ${document.subject}`,
      file: { sha256: await files.put(bytes), sizeBytes: bytes.byteLength, pageCount, fileName: document.fileName, uploadedBy: secretaryId },
    });
  }
  await changeMeetingStatus(db, meetingId, 'published');
  return [...PEOPLE, ...sites];
}
