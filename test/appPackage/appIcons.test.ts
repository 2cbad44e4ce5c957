/** The Teams app's two icons: color.png and outline.png as Teams wants them, and as scripts/make-icons.ts draws them. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { drawColourIcon, drawOutlineIcon, parseHexColour } from '../../scripts/make-icons';
import { APP_PACKAGE_DIR } from '../../scripts/package-app';
import { renderedManifest } from './renderedManifest';

// A PNG reader independent of the writer (scripts/make-icons.ts).

interface Png { width: number; height: number; bitDepth: number; colourType: number; channels: number; pixels: Buffer }

function readPng(file: Buffer): Png {
  assert.equal(file.subarray(0, 8).toString('hex'), '89504e470d0a1a0a', 'PNG signature');
  let off = 8;
  let ihdr: Buffer | undefined;
  const idat: Buffer[] = [];
  let sawEnd = false;
  while (off < file.length) {
    const length = file.readUInt32BE(off);
    const type = file.toString('latin1', off + 4, off + 8);
    const data = file.subarray(off + 8, off + 8 + length);
    const crc = file.readUInt32BE(off + 8 + length);
    assert.equal(crc, zlib.crc32(file.subarray(off + 4, off + 8 + length)) >>> 0, `CRC of ${type}`);
    if (off === 8) assert.equal(type, 'IHDR', 'IHDR comes first');
    if (type === 'IHDR') ihdr = data;
    if (type === 'IDAT') idat.push(data);
    off += 12 + length;
    if (type === 'IEND') {
      sawEnd = true;
      break;
    }
  }
  assert.ok(ihdr && sawEnd && idat.length > 0, 'IHDR, IDAT and IEND present');
  const width = ihdr.readUInt32BE(0);
  const height = ihdr.readUInt32BE(4);
  const bitDepth = ihdr[8]!;
  const colourType = ihdr[9]!;
  assert.equal(bitDepth, 8, 'the reader here handles 8-bit samples');
  assert.equal(ihdr[12], 0, 'not interlaced');
  const channels = ({ 0: 1, 2: 3, 4: 2, 6: 4 } as Record<number, number>)[colourType];
  assert.ok(channels, `colour type ${colourType} is greyscale or truecolour`);
  const stride = width * channels;
  const raw = zlib.inflateSync(Buffer.concat(idat));
  assert.equal(raw.length, (stride + 1) * height, 'decompressed size');
  const pixels = Buffer.alloc(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)]!;
    for (let x = 0; x < stride; x++) {
      const value = raw[y * (stride + 1) + 1 + x]!;
      const a = x >= channels ? pixels[y * stride + x - channels]! : 0;
      const b = y > 0 ? pixels[(y - 1) * stride + x]! : 0;
      const c = x >= channels && y > 0 ? pixels[(y - 1) * stride + x - channels]! : 0;
      let predictor: number;
      switch (filter) {
        case 0: predictor = 0; break;
        case 1: predictor = a; break;
        case 2: predictor = b; break;
        case 3: predictor = (a + b) >> 1; break;
        case 4: {
          const p = a + b - c;
          const pa = Math.abs(p - a);
          const pb = Math.abs(p - b);
          const pc = Math.abs(p - c);
          predictor = pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
          break;
        }
        default: throw new Error(`bad filter ${filter}`);
      }
      pixels[y * stride + x] = (value + predictor) & 0xff;
    }
  }
  return { width, height, bitDepth, colourType, channels, pixels };
}

function pixel(png: Png, x: number, y: number): number[] {
  const i = (y * png.width + x) * png.channels;
  return [...png.pixels.subarray(i, i + png.channels)];
}

describe('Teams app package', () => {
  describe('icons', () => {
    const colour = readFileSync(path.join(APP_PACKAGE_DIR, 'color.png'));
    const outline = readFileSync(path.join(APP_PACKAGE_DIR, 'outline.png'));
    const accent = parseHexColour(String(renderedManifest().accentColor));

    it('color.png is a 192×192 full-colour PNG: the accent colour with a white glyph', () => {
      const png = readPng(colour);
      assert.equal(png.width, 192);
      assert.equal(png.height, 192);
      assert.ok(png.colourType === 2 || png.colourType === 6, 'truecolour');
      assert.deepEqual(pixel(png, 0, 0).slice(0, 3), accent);
      assert.deepEqual(pixel(png, 191, 191).slice(0, 3), accent);
      if (png.channels === 4) assert.equal(pixel(png, 0, 0)[3], 255, 'opaque background');
      let white = 0;
      for (let y = 0; y < 192; y++) for (let x = 0; x < 192; x++) if (pixel(png, x, y).slice(0, 3).every((v) => v === 255)) white++;
      assert.ok(white > 192 * 192 * 0.05, 'a visible white glyph');
    });

    it('outline.png is a 32×32 RGBA PNG: white on transparent', () => {
      const png = readPng(outline);
      assert.equal(png.width, 32);
      assert.equal(png.height, 32);
      assert.equal(png.colourType, 6, 'RGBA');
      let opaque = 0;
      for (let y = 0; y < 32; y++) {
        for (let x = 0; x < 32; x++) {
          const [r, g, b, a] = pixel(png, x, y) as [number, number, number, number];
          if (a > 0) assert.deepEqual([r, g, b], [255, 255, 255], `pixel ${x},${y} is white`);
          if (a === 255) opaque++;
        }
      }
      for (const [x, y] of [[0, 0], [31, 0], [0, 31], [31, 31]] as const) assert.equal(pixel(png, x, y)[3], 0, 'transparent corners');
      assert.ok(opaque > 32 * 32 * 0.1, 'a visible glyph');
    });

    it('are what scripts/make-icons.ts draws (regenerate them after changing accentColor)', () => {
      assert.ok(colour.equals(drawColourIcon(accent)), 'color.png is up to date');
      assert.ok(outline.equals(drawOutlineIcon()), 'outline.png is up to date');
    });
  });
});
