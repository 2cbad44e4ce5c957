/**
 * Draws the two Teams app icons, appPackage/color.png (192×192, accent background, white glyph) and
 * appPackage/outline.png (32×32, white glyph on transparent), as PNG files written by hand with node:zlib.
 * The glyph is an arrow going down into an open box: "move in".
 *
 *   npx tsx scripts/make-icons.ts
 *
 * The output is deterministic; the generated PNGs are committed, so this only needs to run after a change here
 * or to the manifest's accentColor (read from appPackage/manifest.json).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

const APP_PACKAGE_DIR = path.resolve(__dirname, '..', 'appPackage');

// ---------------------------------------------------------------- PNG encoding

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** CRC-32 (ISO-HDLC, as PNG and zip use). */
export function crc32(data: Buffer): number {
  return zlib.crc32(data) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typeAndData = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typeAndData));
  return Buffer.concat([length, typeAndData, crc]);
}

/** PNG colour types used here: 2 = truecolour RGB, 6 = truecolour with alpha (RGBA). 8 bits per sample. */
export type ColourType = 2 | 6;

/** Encodes 8-bit RGB or RGBA pixels (row-major, no padding) as a PNG: IHDR, one IDAT, IEND; filter 0 on every row. */
export function encodePng(width: number, height: number, colourType: ColourType, pixels: Uint8Array): Buffer {
  const channels = colourType === 6 ? 4 : 3;
  if (pixels.length !== width * height * channels) throw new Error('encodePng: pixel buffer has the wrong size');
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = colourType;
  ihdr[10] = 0; // compression: deflate
  ihdr[11] = 0; // filter method 0
  ihdr[12] = 0; // no interlace
  const stride = width * channels;
  const raw = Buffer.alloc((stride + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (stride + 1)] = 0; // filter type: None
    Buffer.from(pixels.buffer, pixels.byteOffset + y * stride, stride).copy(raw, y * (stride + 1) + 1);
  }
  const idat = zlib.deflateSync(raw, { level: 9 });
  return Buffer.concat([PNG_SIGNATURE, chunk('IHDR', ihdr), chunk('IDAT', idat), chunk('IEND', Buffer.alloc(0))]);
}

// ---------------------------------------------------------------- the glyph

interface Point { x: number; y: number }

function distanceToSegment(p: Point, a: Point, b: Point): number {
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const t = Math.max(0, Math.min(1, ((p.x - a.x) * dx + (p.y - a.y) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(p.x - (a.x + t * dx), p.y - (a.y + t * dy));
}

function insideTriangle(p: Point, a: Point, b: Point, c: Point): boolean {
  const side = (u: Point, v: Point) => (v.x - u.x) * (p.y - u.y) - (v.y - u.y) * (p.x - u.x);
  const s1 = side(a, b);
  const s2 = side(b, c);
  const s3 = side(c, a);
  return (s1 >= 0 && s2 >= 0 && s3 >= 0) || (s1 <= 0 && s2 <= 0 && s3 <= 0);
}

/** The glyph in unit coordinates (0..1, y down): an open box (a U of three strokes) and an arrow pointing into it. */
function glyphContains(p: Point, halfStroke: number): boolean {
  const box: Point[] = [{ x: 0.08, y: 0.5 }, { x: 0.08, y: 0.92 }, { x: 0.92, y: 0.92 }, { x: 0.92, y: 0.5 }];
  for (let i = 0; i < box.length - 1; i++) {
    if (distanceToSegment(p, box[i]!, box[i + 1]!) <= halfStroke) return true;
  }
  if (distanceToSegment(p, { x: 0.5, y: 0.06 }, { x: 0.5, y: 0.5 }) <= halfStroke) return true;
  return insideTriangle(p, { x: 0.5, y: 0.76 }, { x: 0.27, y: 0.45 }, { x: 0.73, y: 0.45 });
}

/** Fraction (0..1) of a pixel covered by the glyph, by 5×5 supersampling. */
function coverage(px: number, py: number, size: number, margin: number, halfStroke: number): number {
  const samples = 5;
  const glyphSize = size - 2 * margin;
  let hits = 0;
  for (let sy = 0; sy < samples; sy++) {
    for (let sx = 0; sx < samples; sx++) {
      const x = (px + (sx + 0.5) / samples - margin) / glyphSize;
      const y = (py + (sy + 0.5) / samples - margin) / glyphSize;
      if (glyphContains({ x, y }, halfStroke)) hits++;
    }
  }
  return hits / (samples * samples);
}

export function parseHexColour(hex: string): [number, number, number] {
  const match = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!match) throw new Error(`not a #rrggbb colour: ${hex}`);
  return [parseInt(match[1]!, 16), parseInt(match[2]!, 16), parseInt(match[3]!, 16)];
}

/** 192×192 opaque RGB: the accent colour with the glyph in white. */
export function drawColourIcon(accent: [number, number, number]): Buffer {
  const size = 192;
  const pixels = new Uint8Array(size * size * 3);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const a = coverage(x, y, size, 44, 0.07);
      const i = (y * size + x) * 3;
      for (let c = 0; c < 3; c++) pixels[i + c] = Math.round(accent[c]! + (255 - accent[c]!) * a);
    }
  }
  return encodePng(size, size, 2, pixels);
}

/** 32×32 RGBA: white glyph, transparent elsewhere (Teams tints the outline icon itself). */
export function drawOutlineIcon(): Buffer {
  const size = 32;
  const pixels = new Uint8Array(size * size * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const i = (y * size + x) * 4;
      pixels[i] = 255;
      pixels[i + 1] = 255;
      pixels[i + 2] = 255;
      pixels[i + 3] = Math.round(255 * coverage(x, y, size, 3, 0.075));
    }
  }
  return encodePng(size, size, 6, pixels);
}

function main(): void {
  const manifest = JSON.parse(readFileSync(path.join(APP_PACKAGE_DIR, 'manifest.json'), 'utf8')) as { accentColor: string };
  const colour = drawColourIcon(parseHexColour(manifest.accentColor));
  const outline = drawOutlineIcon();
  writeFileSync(path.join(APP_PACKAGE_DIR, 'color.png'), colour);
  writeFileSync(path.join(APP_PACKAGE_DIR, 'outline.png'), outline);
  console.log(`wrote appPackage/color.png (${colour.length} bytes) and appPackage/outline.png (${outline.length} bytes)`);
}

if (require.main === module) main();
