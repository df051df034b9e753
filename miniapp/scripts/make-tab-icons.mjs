// Draws the tab bar icons (81x81 PNG, WeChat's recommended size) so the repo needs no image downloads or editors.
// Run `pnpm --filter @sa/miniapp icons` after changing a shape; the PNGs are committed.
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const SIZE = 81;
const SAMPLES = 4;
const outDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'src', 'assets', 'tab');
const COLORS = { normal: [0x8a, 0x8f, 0x99], active: [0x0b, 0x7a, 0x4b] };

const inRect = (x, y, x0, y0, x1, y1) => x >= x0 && x <= x1 && y >= y0 && y <= y1;
const inCircle = (x, y, cx, cy, r) => (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
const inRoundRect = (x, y, x0, y0, x1, y1, r) => {
  if (!inRect(x, y, x0, y0, x1, y1)) return false;
  const cx = Math.min(Math.max(x, x0 + r), x1 - r);
  const cy = Math.min(Math.max(y, y0 + r), y1 - r);
  return inCircle(x, y, cx, cy, r);
};
// Triangle roof: apex (40.5, 10), base from x=8 to x=73 at y=38.
const inRoof = (x, y) => y >= 10 && y <= 38 && Math.abs(x - 40.5) <= ((y - 10) / 28) * 32.5;

const shapes = {
  // 首页: a house with a door
  home: (x, y) => (inRoof(x, y) || inRect(x, y, 16, 36, 65, 70)) && !inRect(x, y, 34, 50, 47, 70),
  // 随手拍: a camera with a lens
  report: (x, y) => {
    const body = inRoundRect(x, y, 8, 24, 73, 68, 8) || inRoundRect(x, y, 27, 15, 54, 30, 4);
    const lensRing = inCircle(x, y, 40.5, 46, 15) && !inCircle(x, y, 40.5, 46, 10);
    return body && !lensRing;
  },
  // 我的: head and shoulders
  mine: (x, y) =>
    inCircle(x, y, 40.5, 26, 14) || (y <= 72 && ((x - 40.5) / 28) ** 2 + ((y - 72) / 28) ** 2 <= 1 && y >= 46),
};

function crc32(buf) {
  let c = ~0;
  for (const byte of buf) {
    c ^= byte;
    for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1));
  }
  return ~c >>> 0;
}

function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

function png(shape, [r, g, b]) {
  const rows = [];
  for (let y = 0; y < SIZE; y++) {
    const row = Buffer.alloc(1 + SIZE * 4);
    for (let x = 0; x < SIZE; x++) {
      let hits = 0;
      for (let sy = 0; sy < SAMPLES; sy++)
        for (let sx = 0; sx < SAMPLES; sx++) if (shape(x + (sx + 0.5) / SAMPLES, y + (sy + 0.5) / SAMPLES)) hits++;
      row.set([r, g, b, Math.round((255 * hits) / SAMPLES ** 2)], 1 + x * 4);
    }
    rows.push(row);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(SIZE, 0);
  header.writeUInt32BE(SIZE, 4);
  header.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.concat(rows), { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

for (const [name, shape] of Object.entries(shapes)) {
  for (const [state, color] of Object.entries(COLORS)) {
    const file = join(outDir, `${name}${state === 'active' ? '-active' : ''}.png`);
    writeFileSync(file, png(shape, color));
    console.log(file);
  }
}
