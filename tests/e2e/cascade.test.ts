import { execFileSync } from 'node:child_process';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CascadePipeStatus } from '#protocol/cascade.ts';
import { formatDocName } from '#protocol/collab/doc-names.ts';
import { readSites, readWall, type SiteStatus } from '#protocol/conference.ts';
import { demoMeetingId, login } from '../support/api.ts';
import { enterDemoMeeting, launchChromium, signedInPage } from '../support/browser.ts';
import { pipeOf, startCascade, type Cascade } from '../support/cascade.ts';
import { connectCollab, waitForDoc, type CollabClient } from '../support/collab-client.ts';
import { audioPacketsOf, expectDecoding, joinConference, stageTile } from '../support/conference-page.ts';

// Three nodes on loopback, each a real server process: the province root
// (store, host) and the Tiên Yên and Vân Đồn district nodes. Every person
// uses the real UI in Chromium, which asks the root for its route and joins
// the node of its unit. A Vân Đồn commune is staged; it is decoded on the
// province node and on both districts, one copy crossing each link.

const DOAN_KET = 'Điểm cầu Xã Đoàn Kết';

let cascade: Cascade;
let browser: Browser;
let live: CollabClient;
let meetingId: string;
const pages = new Map<string, Page>();
const page = (username: string): Page => {
  const found = pages.get(username);
  if (!found) throw new Error(`no page for ${username}`);
  return found;
};
const userIds = new Map<string, string>();
const site = (username: string): SiteStatus | undefined => readSites(live.doc).find((row) => row.userId === userIds.get(username));

/** Everyone but the staged site, on the three nodes. */
const VIEWERS = ['chutoa', 'dc-dongngu', 'dc-hailang', 'dc-binhdan'];

beforeAll(async () => {
  cascade = await startCascade(
    [
      { nodeId: 'tien-yen', units: ['Huyện Tiên Yên'], env: { MEDIASOUP_WORKERS: '1' } },
      { nodeId: 'van-don', units: ['Huyện Vân Đồn'], env: { MEDIASOUP_WORKERS: '1' } },
    ],
    // One worker: killing it must hit the meeting's router.
    { rootEnv: { MEDIASOUP_WORKERS: '1' } },
  );
  const chair = await login(cascade.root.url, 'chutoa');
  meetingId = await demoMeetingId(cascade.root.url, chair.token);
  live = await connectCollab(cascade.root.url, formatDocName({ kind: 'live', meetingId }), chair.token);
  browser = await launchChromium();
  const usernames = ['chutoa', 'dc-doanket', ...VIEWERS.slice(1)];
  for (const username of usernames) userIds.set(username, (await login(cascade.root.url, username)).user.id);
  const opened = await Promise.all(usernames.map((username) => signedInPage(browser, cascade.root.url, username)));
  for (const [index, username] of usernames.entries()) pages.set(username, opened[index] as Page);
  for (const opened of pages.values()) await enterDemoMeeting(opened);
  for (const opened of pages.values()) await joinConference(opened);
});
afterAll(async () => {
  live?.close();
  await browser?.close();
  await cascade?.stop();
});

const ids = (producers: CascadePipeStatus['producersSent'] | undefined) => (producers ?? []).map((producer) => producer.producerId).sort();

describe('a province-led conference across district nodes', () => {
  it('connects every site through the node of its district, and the host through the province', async () => {
    const expected: Record<string, string> = { chutoa: 'tinh', 'dc-doanket': 'van-don', 'dc-binhdan': 'van-don', 'dc-dongngu': 'tien-yen', 'dc-hailang': 'tien-yen' };
    await waitForDoc(live.doc, () => Object.entries(expected).every(([username, nodeId]) => site(username)?.connected && site(username)?.nodeId === nodeId), 20_000);
  });

  it('shows a staged Vân Đồn site on the province and on both districts, crossing each link once', async () => {
    await page('chutoa').getByRole('button', { name: `Đưa ${DOAN_KET} lên màn hình` }).click();
    for (const viewer of VIEWERS) await expectDecoding(stageTile(page(viewer), DOAN_KET), 30_000);

    // Vân Đồn → province: Đoàn Kết's camera and microphone, once. Province → Tiên Yên: the same two, once for
    // both Tiên Yên sites, and the host's voice (every site hears the host).
    const doanKet = userIds.get('dc-doanket');
    const fromVanDon = await pipeOf(cascade.root.url, 'van-don', meetingId);
    const staged = fromVanDon?.producersReceived.filter((producer) => producer.userId === doanKet) ?? [];
    expect(staged.map((producer) => producer.source).sort()).toEqual(['camera', 'microphone']);
    await expect
      .poll(async () => ids((await pipeOf(cascade.root.url, 'tien-yen', meetingId))?.producersSent).filter((id) => ids(staged).includes(id)), { timeout: 10_000 })
      .toEqual(ids(staged));
    const toTienYen = await pipeOf(cascade.root.url, 'tien-yen', meetingId);
    expect(toTienYen?.producersSent.map((producer) => [producer.userId, producer.source]).sort()).toEqual(
      [
        [doanKet, 'camera'],
        [doanKet, 'microphone'],
        [userIds.get('chutoa'), 'microphone'],
      ].sort(),
    );
    const tienYenSide = await pipeOf(cascade.child('tien-yen').url, 'tinh', meetingId);
    expect(ids(tienYenSide?.producersReceived)).toEqual(ids(toTienYen?.producersSent));

    // Up from a district goes only what the host shows: the stage, and the cameras (never the microphones) of the
    // sites on the host's thumbnail wall. A site neither staged nor on the wall sends nothing beyond its node.
    const wall = readWall(live.doc);
    for (const [nodeId, sites] of [['tien-yen', ['dc-dongngu', 'dc-hailang']], ['van-don', ['dc-binhdan']]] as const) {
      const up = (await pipeOf(cascade.root.url, nodeId, meetingId))?.producersReceived.filter((producer) => producer.userId !== doanKet) ?? [];
      const walled = sites.map((username) => userIds.get(username)).filter((id) => id !== undefined && wall.includes(id));
      expect(up.map((producer) => [producer.userId, producer.source]).sort()).toEqual(walled.map((id) => [id, 'camera']).sort());
    }

    // Bytes: what reaches Tiên Yên of Đoàn Kết is one copy of what Vân Đồn sent up, not one per watching site.
    const bytesOf = async (nodeId: string, direction: 'producersSent' | 'producersReceived') =>
      ((await pipeOf(cascade.root.url, nodeId, meetingId))?.[direction] ?? [])
        .filter((producer) => producer.userId === doanKet)
        .reduce((sum, producer) => sum + producer.bytes, 0);
    const before = { up: await bytesOf('van-don', 'producersReceived'), down: await bytesOf('tien-yen', 'producersSent') };
    await new Promise((resolve) => setTimeout(resolve, 5000));
    const up = (await bytesOf('van-don', 'producersReceived')) - before.up;
    const down = (await bytesOf('tien-yen', 'producersSent')) - before.down;
    expect(up).toBeGreaterThan(100_000);
    expect(down / up).toBeGreaterThan(0.9);
    expect(down / up).toBeLessThan(1.1);
  });

  it('silences the staged site for everyone when the host mutes it', async () => {
    const tiles = VIEWERS.map((viewer) => stageTile(page(viewer), DOAN_KET));
    for (const [index, tile] of tiles.entries()) {
      const flowing = await audioPacketsOf(tile);
      await expect.poll(() => audioPacketsOf(tile), { timeout: 10_000, message: `${VIEWERS[index]} hears ${DOAN_KET}` }).toBeGreaterThan(flowing + 10);
    }
    await page('chutoa').getByRole('button', { name: `Tắt micro của ${DOAN_KET}` }).click();
    await waitForDoc(live.doc, () => site('dc-doanket')?.audioMuted === true);
    await expect.poll(() => page('dc-doanket').getByTestId('mic-locked').textContent(), { timeout: 10_000 }).toContain('Điểm cầu chủ trì đã tắt micro của bạn');
    // Its microphone no longer crosses any link, and no receiver gets another packet (allowing for those on the way).
    const doanKetSources = async () =>
      (await pipeOf(cascade.root.url, 'van-don', meetingId))?.producersReceived.filter((producer) => producer.userId === userIds.get('dc-doanket')).map((producer) => producer.source);
    await expect.poll(doanKetSources, { timeout: 10_000 }).toEqual(['camera']);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const silenced = await Promise.all(tiles.map((tile) => audioPacketsOf(tile)));
    await new Promise((resolve) => setTimeout(resolve, 3000));
    expect(await Promise.all(tiles.map((tile) => audioPacketsOf(tile)))).toEqual(silenced);
    await page('chutoa').getByRole('button', { name: `Bật micro của ${DOAN_KET}` }).click();
    await waitForDoc(live.doc, () => site('dc-doanket')?.audioMuted === false);
  });

  it('brings the picture back everywhere by itself after the province node’s media worker dies', async () => {
    // Đoàn Kết reaches the host and Tiên Yên through the province's router; Bình Dân gets it inside Vân Đồn.
    const throughProvince = ['chutoa', 'dc-dongngu', 'dc-hailang'].map((viewer) => stageTile(page(viewer), DOAN_KET));
    const consumersBefore = await Promise.all(throughProvince.map((tile) => tile.getAttribute('data-consumer-id')));
    const workers = execFileSync('pgrep', ['-P', String(cascade.root.pid), '-f', 'mediasoup-worker']).toString().trim().split('\n').filter(Boolean);
    expect(workers).toHaveLength(1);
    for (const worker of workers) process.kill(Number(worker), 'SIGKILL');

    // No clicks: the host rejoins (mediaReset), the district nodes reconnect their pipes, the stage is kept.
    for (const [index, tile] of throughProvince.entries()) {
      await expect
        .poll(async () => {
          const consumer = await tile.getAttribute('data-consumer-id');
          return consumer !== null && consumer !== consumersBefore[index];
        }, { timeout: 30_000 })
        .toBe(true);
      await expectDecoding(tile, 30_000);
    }
    await expectDecoding(stageTile(page('dc-binhdan'), DOAN_KET));
    for (const opened of pages.values()) expect(await opened.getByTestId('conference').getAttribute('data-phase')).toBe('joined');
  });

  it('moves a district’s sites to the province by themselves when their district node stops, and they keep watching', async () => {
    await cascade.child('tien-yen').halt();
    await waitForDoc(live.doc, () => ['dc-dongngu', 'dc-hailang'].every((username) => site(username)?.connected && site(username)?.nodeId === 'tinh'), 40_000);
    for (const viewer of ['dc-dongngu', 'dc-hailang']) {
      await expectDecoding(stageTile(page(viewer), DOAN_KET), 30_000);
      expect(await page(viewer).getByTestId('conference').getAttribute('data-phase')).toBe('joined');
    }
  });
});
