import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agendaTitle, agendaItems, readAgenda } from '#protocol/collab/agenda.ts';
import { formatDocName } from '#protocol/collab/doc-names.ts';
import { AccountList, MeetingDetail, MeetingList, ParticipantList, UnitList, type MeetingDraft } from '#protocol/meetings.ts';
import { demoMeetingId } from '../support/api.ts';
import { connectCollab, waitForDoc } from '../support/collab-client.ts';
import { startServerProcess, type ServerProcess } from '../support/server-process.ts';
import { expectBody, expectStatus, signedIn } from '../support/signed-in.ts';

let server: ServerProcess;
let demoId: string;
const people = signedIn(() => server.url);
const { session, token, request: as } = people;

beforeAll(async () => {
  server = await startServerProcess();
  await people.signIn('thuky', 'chutoa', 'daibieu1', 'daibieu2', 'dc-dongngu');
  demoId = await demoMeetingId(server.url, token('thuky'));
});
afterAll(() => server.stop());

const DRAFT: MeetingDraft = {
  title: 'Phiên họp thường kỳ tháng 12',
  body: 'Thường trực Hội đồng nhân dân tỉnh Quảng Ninh',
  startsAt: '2026-12-01T08:00:00+07:00',
  location: 'Phòng họp số 2, Trụ sở Tỉnh ủy',
};

async function createMeeting(username = 'thuky', draft: MeetingDraft = DRAFT): Promise<MeetingDetail> {
  return expectBody(MeetingDetail, as(username, 'POST', '/api/meetings', draft), 201);
}

async function addItem(meetingId: string, title: string, presenter = 'Văn phòng HĐND', plannedMinutes = 20): Promise<MeetingDetail> {
  const draft = { title, presenter, plannedMinutes };
  return expectBody(MeetingDetail, as('thuky', 'POST', `/api/meetings/${meetingId}/agenda`, draft), 201);
}

async function detailOf(meetingId: string, username = 'thuky'): Promise<MeetingDetail> {
  return expectBody(MeetingDetail, as(username, 'GET', `/api/meetings/${meetingId}`));
}

async function participantsOf(meetingId: string): Promise<ParticipantList> {
  return expectBody(ParticipantList, as('thuky', 'GET', `/api/meetings/${meetingId}/participants`));
}

describe('creating and editing a meeting', () => {
  it('creates a draft meeting whose creator is its secretary', async () => {
    const created = await createMeeting();
    expect(created).toMatchObject({ ...DRAFT, startsAt: expect.any(String), status: 'draft', myRole: 'secretary', agenda: [] });
    expect(Date.parse(created.startsAt)).toBe(Date.parse(DRAFT.startsAt));
    const { meetings } = await expectBody(MeetingList, as('thuky', 'GET', '/api/meetings'));
    expect(meetings.map((meeting) => meeting.id)).toContain(created.id);
    const { participants } = await participantsOf(created.id);
    expect(participants).toEqual([expect.objectContaining({ username: 'thuky', role: 'secretary' })]);
  });

  it('lets chairs create meetings but not delegates, and refuses an invalid draft', async () => {
    expect((await createMeeting('chutoa')).myRole).toBe('secretary');
    await expectStatus(await as('daibieu1', 'POST', '/api/meetings', DRAFT), 403);
    const invalid = await expectStatus(await as('thuky', 'POST', '/api/meetings', { ...DRAFT, startsAt: 'sáng mai' }), 400);
    expect(invalid).toMatchObject({ error: { code: 'bad_request', message: expect.stringMatching(/startsAt/) } });
  });

  it('edits a meeting’s details', async () => {
    const { id } = await createMeeting();
    const update = { title: 'Phiên họp chuyên đề', location: 'Hội trường A' };
    const edited = await expectBody(MeetingDetail, as('thuky', 'PATCH', `/api/meetings/${id}`, update));
    expect(edited).toMatchObject({ title: 'Phiên họp chuyên đề', location: 'Hội trường A', body: DRAFT.body });
    expect((await detailOf(id)).title).toBe('Phiên họp chuyên đề');
  });
});

describe('meeting lifecycle', () => {
  const move = (meetingId: string, status: string) => as('thuky', 'POST', `/api/meetings/${meetingId}/status`, { status });

  it('goes draft → published → (back to draft and again) → in session → closed', async () => {
    const { id } = await createMeeting();
    for (const status of ['published', 'draft', 'published', 'in_session', 'closed']) {
      expect((await expectBody(MeetingDetail, move(id, status))).status).toBe(status);
    }
  });

  it('refuses moves the lifecycle does not allow, with a 409 that says why', async () => {
    const { id } = await createMeeting();
    const skipped = await expectStatus(await move(id, 'in_session'), 409);
    expect(skipped).toMatchObject({ error: { code: 'conflict', message: 'a draft meeting cannot become in_session (only published)' } });
    await expectStatus(await move(id, 'published'), 200);
    await expectStatus(await move(id, 'in_session'), 200);
    await expectStatus(await move(id, 'published'), 409);
    await expectStatus(await move(id, 'closed'), 200);
    await expectStatus(await move(id, 'draft'), 409);
    await expectStatus(await move(id, 'nonsense'), 400);
  });

  it('keeps a closed meeting as it was', async () => {
    const { id } = await createMeeting();
    const withItem = await addItem(id, 'Báo cáo kết quả giám sát');
    for (const status of ['published', 'in_session', 'closed']) await expectStatus(await move(id, status), 200);
    const itemId = withItem.agenda[0]?.id;
    await expectStatus(await as('thuky', 'PATCH', `/api/meetings/${id}`, { title: 'Sửa sau khi bế mạc' }), 409);
    await expectStatus(await as('thuky', 'POST', `/api/meetings/${id}/agenda`, { title: 'Thêm', presenter: '', plannedMinutes: 5 }), 409);
    await expectStatus(await as('thuky', 'PATCH', `/api/agenda-items/${itemId}`, { title: 'Sửa' }), 409);
    await expectStatus(await as('thuky', 'DELETE', `/api/agenda-items/${itemId}`), 409);
    const invitation = { accountId: session('daibieu1').user.id, role: 'delegate' };
    await expectStatus(await as('thuky', 'PUT', `/api/meetings/${id}/participants`, invitation), 409);
    const detail = await detailOf(id);
    expect(detail).toMatchObject({ title: DRAFT.title, status: 'closed' });
    expect(detail.agenda.map((item) => item.title)).toEqual(['Báo cáo kết quả giám sát']);
  });
});

describe('agenda', () => {
  it('adds, edits, deletes and reorders items in the store and in the shared agenda document', async () => {
    const { id } = await createMeeting();
    const agendaDoc = formatDocName({ kind: 'agenda', meetingId: id });
    const secretary = await connectCollab(server.url, agendaDoc, token('thuky'));
    try {
      await addItem(id, 'Khai mạc kỳ họp', 'Chủ tọa', 10);
      await addItem(id, 'Báo cáo công tác quý IV', 'Ủy ban nhân dân', 40);
      const added = await addItem(id, 'Tờ trình dự toán ngân sách', 'Sở Tài chính', 30);
      expect(added.agenda.map((item) => [item.position, item.title, item.presenter, item.plannedMinutes])).toEqual([
        [0, 'Khai mạc kỳ họp', 'Chủ tọa', 10],
        [1, 'Báo cáo công tác quý IV', 'Ủy ban nhân dân', 40],
        [2, 'Tờ trình dự toán ngân sách', 'Sở Tài chính', 30],
      ]);
      await waitForDoc(secretary.doc, (doc) => readAgenda(doc).length === 3);
      expect(readAgenda(secretary.doc).map((entry) => entry.title)).toEqual(added.agenda.map((item) => item.title));

      const [opening, report, budget] = added.agenda.map((item) => item.id);
      const update = { title: 'Báo cáo công tác năm 2026', plannedMinutes: 45 };
      const patched = await expectBody(MeetingDetail, as('thuky', 'PATCH', `/api/agenda-items/${report}`, update));
      expect(patched.agenda[1]).toMatchObject({ ...update, presenter: 'Ủy ban nhân dân' });
      await waitForDoc(secretary.doc, (doc) => agendaTitle(doc, report ?? '')?.toString() === 'Báo cáo công tác năm 2026');
      expect(readAgenda(secretary.doc)[1]).toMatchObject({ title: 'Báo cáo công tác năm 2026', plannedMinutes: 45 });

      const order = { itemIds: [opening, budget, report] };
      const reordered = await expectBody(MeetingDetail, as('thuky', 'PUT', `/api/meetings/${id}/agenda/order`, order));
      expect(reordered.agenda.map((item) => [item.id, item.position])).toEqual([
        [opening, 0],
        [budget, 1],
        [report, 2],
      ]);
      await waitForDoc(secretary.doc, (doc) => readAgenda(doc)[1]?.id === budget);
      expect(readAgenda(secretary.doc).map((entry) => entry.id)).toEqual([opening, budget, report]);

      const deleted = await expectBody(MeetingDetail, as('thuky', 'DELETE', `/api/agenda-items/${budget}`));
      expect(deleted.agenda.map((item) => [item.id, item.position])).toEqual([
        [opening, 0],
        [report, 1],
      ]);
      await waitForDoc(secretary.doc, (doc) => !agendaItems(doc).has(budget ?? ''));
      expect(readAgenda(secretary.doc).map((entry) => [entry.id, entry.order])).toEqual([
        [opening, 0],
        [report, 1],
      ]);
    } finally {
      secretary.close();
    }
  });

  it('refuses a new order that does not list every item exactly once', async () => {
    const { id } = await createMeeting();
    await addItem(id, 'Mục một');
    const { agenda } = await addItem(id, 'Mục hai');
    const [first, second] = agenda.map((item) => item.id);
    const demoItem = (await detailOf(demoId)).agenda[0]?.id;
    for (const itemIds of [[first], [first, first], [first, second, demoItem], [second, demoItem]]) {
      await expectStatus(await as('thuky', 'PUT', `/api/meetings/${id}/agenda/order`, { itemIds }), 400);
    }
    expect((await detailOf(id)).agenda.map((item) => item.id)).toEqual([first, second]);
  });

  it('brings titles, presenters and durations typed in the shared agenda into the REST API', async () => {
    const { id } = await createMeeting();
    const { agenda } = await addItem(id, 'Báo cáo', 'Sở Nội vụ', 15);
    const itemId = agenda[0]?.id ?? '';
    const secretary = await connectCollab(server.url, formatDocName({ kind: 'agenda', meetingId: id }), token('thuky'));
    try {
      await waitForDoc(secretary.doc, (doc) => agendaTitle(doc, itemId) !== null);
      agendaTitle(secretary.doc, itemId)?.insert('Báo cáo'.length, ' thẩm tra của Ban Pháp chế');
      agendaItems(secretary.doc).get(itemId)?.set('presenter', 'Ban Pháp chế HĐND');
      agendaItems(secretary.doc).get(itemId)?.set('plannedMinutes', 25);
      let item = (await detailOf(id)).agenda[0];
      for (const deadline = Date.now() + 5000; item?.title === 'Báo cáo' && Date.now() < deadline; ) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        item = (await detailOf(id)).agenda[0];
      }
      expect(item).toMatchObject({
        title: 'Báo cáo thẩm tra của Ban Pháp chế',
        presenter: 'Ban Pháp chế HĐND',
        plannedMinutes: 25,
      });
    } finally {
      secretary.close();
    }
  });
});

describe('participants and sites', () => {
  it('invites people, changes their role and removes them, but never the last secretary', async () => {
    const { id } = await createMeeting();
    const path = `/api/meetings/${id}/participants`;
    const delegateId = session('daibieu1').user.id;
    const invited = await expectBody(ParticipantList, as('thuky', 'PUT', path, { accountId: delegateId, role: 'delegate' }));
    expect(invited.participants.map((participant) => [participant.username, participant.role])).toEqual([
      ['thuky', 'secretary'],
      ['daibieu1', 'delegate'],
    ]);
    expect((await detailOf(id, 'daibieu1')).myRole).toBe('delegate');

    const promoted = await expectBody(ParticipantList, as('thuky', 'PUT', path, { accountId: delegateId, role: 'chair' }));
    expect(promoted.participants.map((participant) => [participant.username, participant.role])).toEqual([
      ['daibieu1', 'chair'],
      ['thuky', 'secretary'],
    ]);

    const secretaryId = session('thuky').user.id;
    const lastSecretary = await expectStatus(await as('thuky', 'DELETE', `${path}/${secretaryId}`), 409);
    expect(lastSecretary).toMatchObject({ error: { code: 'conflict', message: 'a meeting must keep at least one secretary' } });
    await expectStatus(await as('thuky', 'PUT', path, { accountId: secretaryId, role: 'delegate' }), 409);

    const removed = await expectBody(ParticipantList, as('thuky', 'DELETE', `${path}/${delegateId}`));
    expect(removed.participants.map((participant) => participant.username)).toEqual(['thuky']);
    await expectStatus(await as('daibieu1', 'GET', `/api/meetings/${id}`), 404);
    await expectStatus(await as('thuky', 'DELETE', `${path}/${delegateId}`), 404);
  });

  it('refuses unknown accounts, and site accounts in any role but site', async () => {
    const { id } = await createMeeting();
    const path = `/api/meetings/${id}/participants`;
    await expectStatus(await as('thuky', 'PUT', path, { accountId: 'khong-ton-tai', role: 'delegate' }), 404);
    await expectStatus(await as('thuky', 'PUT', path, { accountId: session('dc-dongngu').user.id, role: 'delegate' }), 400);
    await expectStatus(await as('thuky', 'PUT', path, { accountId: session('daibieu1').user.id, role: 'site' }), 400);
    await expectStatus(await as('thuky', 'PUT', path, { accountId: session('daibieu1').user.id, role: 'speaker' }), 400);
  });

  it('invites a commune’s sites as one unit and withdraws them again', async () => {
    const { id } = await createMeeting();
    const { units } = await expectBody(UnitList, as('thuky', 'GET', '/api/units'));
    const commune = units.find((unit) => unit.name === 'Xã Đông Ngũ');
    if (!commune) throw new Error('demo commune missing');

    const invite = () => as('thuky', 'POST', `/api/meetings/${id}/sites`, { unitId: commune.id });
    const invited = await expectBody(ParticipantList, invite());
    expect(invited.siteUnitIds).toEqual([commune.id]);
    expect(invited.participants).toContainEqual(
      expect.objectContaining({ username: 'dc-dongngu', accountRole: 'site', unitId: commune.id, role: 'site' }),
    );
    expect((await detailOf(id, 'dc-dongngu')).myRole).toBe('site');
    // Inviting again changes nothing.
    expect(await expectBody(ParticipantList, invite())).toEqual(invited);

    const withdrawn = await expectBody(ParticipantList, as('thuky', 'DELETE', `/api/meetings/${id}/sites/${commune.id}`));
    expect(withdrawn).toEqual({ participants: [expect.objectContaining({ username: 'thuky' })], siteUnitIds: [] });
    await expectStatus(await as('dc-dongngu', 'GET', `/api/meetings/${id}`), 404);
    await expectStatus(await as('thuky', 'DELETE', `/api/meetings/${id}/sites/${commune.id}`), 404);
    await expectStatus(await as('thuky', 'POST', `/api/meetings/${id}/sites`, { unitId: 'khong-ton-tai' }), 404);
  });
});

describe('directory', () => {
  it('lists the unit tree with every parent before its children', async () => {
    const { units } = await expectBody(UnitList, as('daibieu1', 'GET', '/api/units'));
    expect(units).toHaveLength(9);
    expect(units[0]).toMatchObject({ name: 'Tỉnh Quảng Ninh', kind: 'province', parentId: null });
    units.forEach((unit, index) => {
      if (unit.parentId) expect(units.findIndex((parent) => parent.id === unit.parentId)).toBeLessThan(index);
    });
  });

  it('lists accounts to secretaries and chairs only', async () => {
    const { accounts } = await expectBody(AccountList, as('thuky', 'GET', '/api/accounts'));
    expect(accounts).toHaveLength(13);
    expect(accounts).toContainEqual(expect.objectContaining({ username: 'dc-hailang', role: 'site' }));
    expect(JSON.stringify(accounts)).not.toMatch(/scrypt|password/);
    await expectStatus(await as('chutoa', 'GET', '/api/accounts'), 200);
    await expectStatus(await as('daibieu1', 'GET', '/api/accounts'), 403);
    await expectStatus(await as('dc-dongngu', 'GET', '/api/accounts'), 403);
  });
});

describe('who may prepare a meeting', () => {
  /** Every management request against a meeting, with a valid body. */
  function managementRequests(meetingId: string, itemId: string): [string, string, unknown?][] {
    return [
      ['PATCH', `/api/meetings/${meetingId}`, { title: 'Đổi tên' }],
      ['POST', `/api/meetings/${meetingId}/status`, { status: 'draft' }],
      ['POST', `/api/meetings/${meetingId}/agenda`, { title: 'Thêm mục', presenter: '', plannedMinutes: 5 }],
      ['PATCH', `/api/agenda-items/${itemId}`, { title: 'Sửa mục' }],
      ['DELETE', `/api/agenda-items/${itemId}`],
      ['PUT', `/api/meetings/${meetingId}/agenda/order`, { itemIds: [itemId] }],
      ['GET', `/api/meetings/${meetingId}/participants`],
      ['PUT', `/api/meetings/${meetingId}/participants`, { accountId: session('daibieu2').user.id, role: 'delegate' }],
      ['DELETE', `/api/meetings/${meetingId}/participants/${session('thuky').user.id}`],
      ['POST', `/api/meetings/${meetingId}/sites`, { unitId: 'any-unit' }],
      ['DELETE', `/api/meetings/${meetingId}/sites/any-unit`],
    ];
  }

  it('refuses delegates and the chair of a meeting with 403', async () => {
    const demo = await detailOf(demoId);
    const itemId = demo.agenda[0]?.id ?? '';
    for (const username of ['daibieu1', 'chutoa']) {
      for (const [method, path, body] of managementRequests(demoId, itemId)) {
        await expectStatus(await as(username, method, path, body), 403);
      }
    }
    expect(await detailOf(demoId)).toEqual(demo);
  });

  it('answers people outside the meeting with 404, as if it did not exist', async () => {
    const { id, agenda } = await addItem((await createMeeting()).id, 'Mục riêng');
    for (const [method, path, body] of managementRequests(id, agenda[0]?.id ?? '')) {
      await expectStatus(await as('daibieu2', method, path, body), 404);
    }
    await expectStatus(await as('daibieu2', 'GET', `/api/meetings/${id}`), 404);
  });
});
