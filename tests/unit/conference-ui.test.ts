import { describe, expect, it } from 'vitest';
import type { SiteStatus } from '#protocol/conference.ts';
import { boardCounts, shortSiteName } from '../../renderer/src/conference/board.ts';
import { worseQuality } from '../../renderer/src/conference/link-quality.ts';
import { layerForHeight, wallPage, WALL_PAGE_SIZE } from '../../renderer/src/conference/tiles.ts';

const site = (userId: string, change: Partial<SiteStatus> = {}): SiteStatus => ({
  userId,
  name: `Điểm cầu ${userId}`,
  unitId: null,
  connected: false,
  nodeId: null,
  quality: null,
  rollCallConfirmed: false,
  audioMuted: false,
  audioOnly: false,
  ...change,
});

describe('the simulcast layer a tile asks for', () => {
  it('is the smallest for a wall thumbnail, the middle for a shared stage tile, the full picture for a large one', () => {
    expect(layerForHeight(90)).toBe(0);
    expect(layerForHeight(200)).toBe(0);
    expect(layerForHeight(280)).toBe(1);
    expect(layerForHeight(450)).toBe(1);
    expect(layerForHeight(600)).toBe(2);
  });
});

describe('the host’s thumbnail wall', () => {
  const ids = Array.from({ length: 20 }, (_, index) => `s${index}`);

  it('starts on the first page while the wall is empty', () => {
    expect(wallPage(ids, [])).toEqual({ page: 0, pages: 3, userIds: ids.slice(0, WALL_PAGE_SIZE) });
  });

  it('shows the page the live wall points at, so every host sees the same page', () => {
    expect(wallPage(ids, ids.slice(9, 18)).page).toBe(1);
    expect(wallPage(ids, ['s19']).userIds).toEqual(ids.slice(18));
  });

  it('falls back to the first page when the wall names a site no longer on the board', () => {
    expect(wallPage(ids, ['gone']).page).toBe(0);
  });
});

describe('the status board at a glance', () => {
  it('counts the sites connected and confirmed, not the host reading it', () => {
    const sites = [
      site('host', { connected: true }),
      site('a', { connected: true, rollCallConfirmed: true }),
      site('b', { connected: true }),
      site('c'),
    ];
    expect(boardCounts(sites, 'host')).toEqual({ connected: 2, confirmed: 1, total: 3 });
  });

  it('drops the "Điểm cầu" prefix the column already says', () => {
    expect(shortSiteName('Điểm cầu Xã Đông Ngũ')).toBe('Xã Đông Ngũ');
    expect(shortSiteName('Nguyễn Văn Thành')).toBe('Nguyễn Văn Thành');
  });
});

describe('the link-quality indicator', () => {
  it('shows the worse of the server’s and the device’s readings, or whichever is known', () => {
    expect(worseQuality('good', 'poor')).toBe('poor');
    expect(worseQuality('fair', 'good')).toBe('fair');
    expect(worseQuality(null, 'fair')).toBe('fair');
    expect(worseQuality(null, null)).toBeNull();
  });
});
