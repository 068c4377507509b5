// Renders the app icons from one SVG design with headless Chromium, at exact pixel sizes.
// Run after changing the design: `npx tsx scripts/generate-icons.ts` (CHROMIUM_PATH overrides the
// browser; without it Debian's /usr/bin/chromium is used if present, else Playwright's own).
import { existsSync, mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { chromium } from '@playwright/test';

const BRAND = '#1f4e79';
const OUT_DIR = resolve(import.meta.dirname, '../static/icons');

// A speech bubble holding a list: conversations, recorded. Drawn on a 512 grid, centred on 256,256.
const MARK = `
  <path fill="#fff" d="M144 112h224a40 40 0 0 1 40 40v144a40 40 0 0 1-40 40H232l-72 64v-64h-16a40 40 0 0 1-40-40V152a40 40 0 0 1 40-40z"/>
  <g fill="${BRAND}">
    <rect x="152" y="164" width="208" height="28" rx="14"/>
    <rect x="152" y="210" width="160" height="28" rx="14"/>
    <rect x="152" y="256" width="184" height="28" rx="14"/>
  </g>`;

// "any": a rounded tile with transparent corners, the mark at full size.
const anyIcon = `<rect width="512" height="512" rx="112" fill="${BRAND}"/><g transform="translate(0 -6)">${MARK}</g>`;

// Full-bleed tile for platforms that cut their own shape: the mark shrinks by `scale` to stay clear.
const fullBleedIcon = (scale: number) => `<rect width="512" height="512" fill="${BRAND}"/>
  <g transform="translate(256 256) scale(${scale}) translate(-256 -262)">${MARK}</g>`;
// Maskable icons keep everything inside the central safe zone, a circle of 40% radius: at 0.8 the
// mark's farthest corner sits ~170 px from the centre, inside the 205 px circle.
const maskableIcon = fullBleedIcon(0.8);

const outputs = [
  { file: 'icon-192.png', size: 192, svg: anyIcon },
  { file: 'icon-512.png', size: 512, svg: anyIcon },
  { file: 'maskable-192.png', size: 192, svg: maskableIcon },
  { file: 'maskable-512.png', size: 512, svg: maskableIcon },
  // iOS rounds the corners itself and shows transparency as black, so it gets the full-bleed tile.
  { file: 'apple-touch-icon.png', size: 180, svg: fullBleedIcon(0.9) }
];

const executablePath = process.env.CHROMIUM_PATH ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);
const browser = await chromium.launch({ executablePath, args: ['--no-sandbox', '--disable-gpu'] });
try {
  mkdirSync(OUT_DIR, { recursive: true });
  for (const { file, size, svg } of outputs) {
    const page = await browser.newPage({ viewport: { width: size, height: size }, deviceScaleFactor: 1 });
    await page.setContent(
      `<body style="margin:0"><svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 512 512" width="${size}" height="${size}" style="display:block">${svg}</svg></body>`
    );
    await page.screenshot({ path: resolve(OUT_DIR, file), omitBackground: true });
    await page.close();
    console.log(`${file} ${size}x${size}`);
  }
} finally {
  await browser.close();
}
