import type { SiteStatus } from '#protocol/conference.ts';

/** "Điểm cầu Xã Đông Ngũ" → "Xã Đông Ngũ" where the column or the wall already says these are sites. */
export function shortSiteName(name: string): string {
  return name.replace(/^Điểm cầu\s+/u, '');
}

/** "Đã kết nối 5/6 · Đã điểm danh 4/6": the status board at a glance, the host's own row not counted. */
export function boardCounts(sites: SiteStatus[], myId: string): { connected: number; confirmed: number; total: number } {
  const others = sites.filter((site) => site.userId !== myId);
  return {
    connected: others.filter((site) => site.connected).length,
    confirmed: others.filter((site) => site.rollCallConfirmed).length,
    total: others.length,
  };
}
