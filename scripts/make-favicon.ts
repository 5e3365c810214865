/**
 * Writes app/favicon.ico from app/icon.svg: the SVG drawn by the system Chromium at 16, 32 and 48
 * pixels (transparent background), each PNG stored in one ICO file (PNG-in-ICO, which every
 * browser since 2008 reads). Browsers that ask for /favicon.ico by themselves get it; pages name
 * app/icon.svg as well. Run after changing the SVG:
 *
 *   npx tsx scripts/make-favicon.ts
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { chromium } from "playwright-core";

const root = resolve(__dirname, "..");
const SIZES = [16, 32, 48];

/** An ICO file holding these PNGs (ICONDIR, one ICONDIRENTRY each, then the images). */
function icoOf(pngs: { size: number; png: Buffer }[]): Buffer {
  const header = Buffer.alloc(6 + 16 * pngs.length);
  header.writeUInt16LE(0, 0); // reserved
  header.writeUInt16LE(1, 2); // 1 = icon
  header.writeUInt16LE(pngs.length, 4);
  let offset = header.length;
  pngs.forEach(({ size, png }, i) => {
    const at = 6 + 16 * i;
    header.writeUInt8(size >= 256 ? 0 : size, at); // width (0 means 256)
    header.writeUInt8(size >= 256 ? 0 : size, at + 1); // height
    header.writeUInt8(0, at + 2); // no palette
    header.writeUInt8(0, at + 3); // reserved
    header.writeUInt16LE(1, at + 4); // colour planes
    header.writeUInt16LE(32, at + 6); // bits per pixel
    header.writeUInt32LE(png.length, at + 8);
    header.writeUInt32LE(offset, at + 12);
    offset += png.length;
  });
  return Buffer.concat([header, ...pngs.map((p) => p.png)]);
}

async function main(): Promise<void> {
  const svg = readFileSync(join(root, "app", "icon.svg"), "utf8");
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium", args: ["--no-sandbox", "--headless", "--disable-gpu"] });
  try {
    const pngs: { size: number; png: Buffer }[] = [];
    for (const size of SIZES) {
      const page = await browser.newPage({ viewport: { width: size, height: size } });
      const body = svg.replace(/width="\d+" height="\d+"/, `width="${size}" height="${size}"`);
      await page.setContent(`<html><body style="margin:0;background:transparent">${body}</body></html>`);
      pngs.push({ size, png: await page.screenshot({ omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } }) });
      await page.close();
    }
    writeFileSync(join(root, "app", "favicon.ico"), icoOf(pngs));
    console.log(`app/favicon.ico: ${SIZES.join(", ")} px`);
  } finally {
    await browser.close();
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
