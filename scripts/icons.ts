/**
 * Renders resources/icons/app-icon.svg into the installers' icons with
 * Debian's Chromium (already needed for the tests): PNGs from 16 to 1024 px
 * for Linux, and icon.ico (PNG-compressed entries) for Windows.
 *
 *   node scripts/icons.ts
 *
 * The results are committed; run again only when the SVG changes.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { chromium } from 'playwright-core';
import { ROOT } from './lib/builds.ts';

const SIZES = [16, 24, 32, 48, 64, 128, 256, 512, 1024];
const ICO_SIZES = [16, 24, 32, 48, 64, 128, 256];
const iconDir = `${ROOT}/resources/icons`;

/** An .ico holding PNG images: a 6-byte header, a 16-byte entry per image, then the PNGs. */
function icoFrom(images: { size: number; png: Buffer }[]): Buffer {
  const header = Buffer.alloc(6);
  header.writeUInt16LE(1, 2);
  header.writeUInt16LE(images.length, 4);
  let offset = 6 + 16 * images.length;
  const entries = images.map(({ size, png }) => {
    const entry = Buffer.alloc(16);
    entry.writeUInt8(size >= 256 ? 0 : size, 0); // 0 means 256
    entry.writeUInt8(size >= 256 ? 0 : size, 1);
    entry.writeUInt16LE(1, 4); // colour planes
    entry.writeUInt16LE(32, 6); // bits per pixel
    entry.writeUInt32LE(png.length, 8);
    entry.writeUInt32LE(offset, 12);
    offset += png.length;
    return entry;
  });
  return Buffer.concat([header, ...entries, ...images.map((image) => image.png)]);
}

const svg = await readFile(`${iconDir}/app-icon.svg`, 'utf8');
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
const page = await browser.newPage();
await mkdir(`${iconDir}/png`, { recursive: true });
const rendered: { size: number; png: Buffer }[] = [];
for (const size of SIZES) {
  await page.setViewportSize({ width: size, height: size });
  await page.setContent(`<style>html,body{margin:0;background:transparent}svg{display:block;width:${size}px;height:${size}px}</style>${svg}`);
  const png = await page.screenshot({ omitBackground: true, type: 'png' });
  await writeFile(`${iconDir}/png/${size}x${size}.png`, png);
  rendered.push({ size, png });
}
await browser.close();
await writeFile(`${iconDir}/icon.ico`, icoFrom(rendered.filter(({ size }) => ICO_SIZES.includes(size))));
console.log(`icons written to ${iconDir}`);
