import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';

/** A participant's picture on the main screen of a page (the UI marks what it decodes on each tile). */
export const stageTile = (page: Page, name: string): Locator =>
  page.locator('[data-testid=remote-tile][data-place=stage]').filter({ has: page.locator('.tile-name', { hasText: name }) });

export const framesOf = async (tile: Locator) => Number(await tile.getAttribute('data-frames-decoded'));
export const audioPacketsOf = async (tile: Locator) => Number(await tile.getAttribute('data-audio-packets'));

/** Joins the conference from the meeting room (the UI asks the root for its route first). */
export async function joinConference(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Tham gia hội nghị' }).click();
  await page.locator('[data-testid=conference][data-phase=joined]').waitFor({ timeout: 30_000 });
}

/** Frames keep being decoded: the picture is live, not a frozen last frame. */
export async function expectDecoding(tile: Locator, timeout = 20_000): Promise<void> {
  await expect.poll(() => framesOf(tile), { timeout }).toBeGreaterThan(10);
  const before = await framesOf(tile);
  await expect.poll(() => framesOf(tile), { timeout: 10_000 }).toBeGreaterThan(before);
}
