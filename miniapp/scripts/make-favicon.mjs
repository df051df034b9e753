// Draws the favicon (the green 食 mark) in Chromium's canvas with the machine's CJK font and packs 16, 32 and 48 px
// PNGs into one .ico, so the repo needs no image editor. Run `node miniapp/scripts/make-favicon.mjs`; it is committed.
import { writeFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const out = join(dirname(fileURLToPath(import.meta.url)), '..', 'src', 'favicon.ico');
const SIZES = [16, 32, 48];

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--headless', '--no-sandbox'] });
const page = await browser.newPage();
const pngs = [];
for (const size of SIZES) {
  const dataUrl = await page.evaluate((s) => {
    const canvas = document.createElement('canvas');
    canvas.width = canvas.height = s;
    const g = canvas.getContext('2d');
    const r = s * 0.18;
    g.fillStyle = '#0b7a4b';
    g.beginPath();
    g.roundRect(0, 0, s, s, r);
    g.fill();
    g.fillStyle = '#ffffff';
    g.font = `700 ${Math.round(s * 0.78)}px "Noto Sans CJK SC", "Noto Sans SC", sans-serif`;
    g.textAlign = 'center';
    g.textBaseline = 'middle';
    g.fillText('食', s / 2, s * 0.54);
    return canvas.toDataURL('image/png');
  }, size);
  pngs.push(Buffer.from(dataUrl.split(',')[1], 'base64'));
}
await browser.close();

// ICO: a 6-byte header, one 16-byte entry per image, then the PNGs themselves (PNG-in-ICO, read by every browser).
const header = Buffer.alloc(6);
header.writeUInt16LE(0, 0);
header.writeUInt16LE(1, 2);
header.writeUInt16LE(SIZES.length, 4);
let offset = 6 + 16 * SIZES.length;
const entries = SIZES.map((size, i) => {
  const entry = Buffer.alloc(16);
  entry.writeUInt8(size, 0);
  entry.writeUInt8(size, 1);
  entry.writeUInt16LE(1, 4);
  entry.writeUInt16LE(32, 6);
  entry.writeUInt32LE(pngs[i].length, 8);
  entry.writeUInt32LE(offset, 12);
  offset += pngs[i].length;
  return entry;
});
writeFileSync(out, Buffer.concat([header, ...entries, ...pngs]));
console.log(`wrote ${out} (${offset} bytes)`);
