import type { IncomingMessage } from 'node:http';
import { promisify } from 'node:util';
import zlib from 'node:zlib';

/**
 * Reads a JSON request body before anything else sees it. restify's own body parser is not used: it
 * inflates gzip with no error handler (restify issue #1975, a corrupt body ends the process) and counts
 * only compressed bytes (a small gzip body may inflate to hundreds of megabytes). Here the compressed
 * bytes, the inflated bytes and the nesting depth are all capped, and every failure is an EdgeRefusal.
 */

export interface BodyLimits {
  /** Bytes on the wire (compressed or not). */
  maxWireBytes: number;
  /** Bytes after inflating. */
  maxBodyBytes: number;
  /** Nesting of arrays and objects. */
  maxDepth: number;
}

/** The bot's limits: a Teams message is at most about 28 KB; cards and invoke values stay well under 1 MB. */
export const ACTIVITY_BODY_LIMITS: BodyLimits = { maxWireBytes: 1024 * 1024, maxBodyBytes: 1024 * 1024, maxDepth: 64 };

/** A request refused at the edge: an HTTP status and a short reason safe to show the caller. */
export class EdgeRefusal extends Error {
  constructor(readonly status: number, readonly reason: string) {
    super(reason);
    this.name = 'EdgeRefusal';
  }
}

const INFLATERS: Record<string, (input: Buffer, options: zlib.ZlibOptions) => Promise<Buffer>> = {
  gzip: promisify(zlib.gunzip),
  'x-gzip': promisify(zlib.gunzip),
  deflate: promisify(zlib.inflate),
  br: promisify(zlib.brotliDecompress) as (input: Buffer, options: zlib.ZlibOptions) => Promise<Buffer>,
};

/** Reads, inflates, decodes and parses a JSON body, within the limits: the parsed value, its text and the inflated bytes. */
export async function readJsonBody(req: IncomingMessage, limits: BodyLimits = ACTIVITY_BODY_LIMITS): Promise<{ value: unknown; text: string; bytes: Buffer }> {
  checkContentType(req.headers['content-type']);
  const encoding = contentEncodingOf(req.headers['content-encoding']);
  const declared = Number(req.headers['content-length'] ?? NaN);
  if (Number.isFinite(declared) && declared > limits.maxWireBytes) {
    throw new EdgeRefusal(413, `The body is larger than ${limits.maxWireBytes} bytes.`);
  }
  const wire = await readAll(req, limits.maxWireBytes);
  const bytes = encoding === 'identity' ? wire : await inflate(wire, encoding, limits.maxBodyBytes);
  if (bytes.length > limits.maxBodyBytes) throw new EdgeRefusal(413, `The body is larger than ${limits.maxBodyBytes} bytes.`);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw new EdgeRefusal(400, 'The body is not valid UTF-8.');
  }
  if (text.trim() === '') throw new EdgeRefusal(400, 'The body is empty; a JSON object was expected.');
  if (nestingDepth(text) > limits.maxDepth) throw new EdgeRefusal(400, `The JSON body is nested deeper than ${limits.maxDepth} levels.`);
  try {
    return { value: JSON.parse(text) as unknown, text, bytes };
  } catch {
    throw new EdgeRefusal(400, 'The body is not valid JSON.');
  }
}

function checkContentType(header: string | undefined): void {
  if (!header) throw new EdgeRefusal(415, 'Content-Type must be application/json.');
  const [mediaType, ...parameters] = header.split(';').map((part) => part.trim().toLowerCase());
  if (mediaType !== 'application/json') throw new EdgeRefusal(415, 'Content-Type must be application/json.');
  const charset = parameters.find((p) => p.startsWith('charset='))?.slice('charset='.length).replace(/"/g, '');
  if (charset && charset !== 'utf-8' && charset !== 'utf8') throw new EdgeRefusal(415, 'The body must be UTF-8 (charset=utf-8).');
}

function contentEncodingOf(header: string | undefined): string {
  const value = (header ?? 'identity').trim().toLowerCase();
  if (value === '' || value === 'identity') return 'identity';
  if (value in INFLATERS) return value;
  throw new EdgeRefusal(415, 'Content-Encoding must be gzip, deflate, br or none.');
}

/**
 * Collects the body up to the limit. Past it, the rest is read and dropped (up to DRAIN_LIMIT_BYTES) so the
 * refusal reaches a client that is still sending, instead of a reset connection; beyond that the request is
 * refused at once and the connection closed after the answer.
 */
const DRAIN_LIMIT_BYTES = 16 * 1024 * 1024;

function readAll(req: IncomingMessage, maxBytes: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    const tooLarge = () => new EdgeRefusal(413, `The body is larger than ${maxBytes} bytes.`);
    const finish = (error: EdgeRefusal | null) => {
      if (done) return;
      done = true;
      req.removeListener('data', onData);
      if (error) {
        req.resume(); // whatever is still coming is dropped; the answer closes the connection
        reject(error);
      } else {
        resolve(Buffer.concat(chunks, size));
      }
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= maxBytes) chunks.push(chunk);
      else if (size > DRAIN_LIMIT_BYTES) finish(tooLarge());
      else chunks.length = 0; // over the limit: keep reading to the end, keep nothing
    };
    req.on('data', onData);
    req.once('end', () => finish(size > maxBytes ? tooLarge() : null));
    req.once('error', () => finish(new EdgeRefusal(400, 'The request body could not be read.')));
    req.once('aborted', () => finish(new EdgeRefusal(400, 'The request was aborted.')));
  });
}

async function inflate(wire: Buffer, encoding: string, maxBytes: number): Promise<Buffer> {
  try {
    // maxOutputLength stops inflating as soon as the output passes the limit: a gzip bomb never grows in memory.
    return await INFLATERS[encoding](wire, { maxOutputLength: maxBytes });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE' || error instanceof RangeError) {
      throw new EdgeRefusal(413, `The body inflates to more than ${maxBytes} bytes.`);
    }
    throw new EdgeRefusal(400, `The body is not valid ${encoding} data.`);
  }
}

/** The deepest nesting of [ and { outside strings; a cheap guard before parsing and walking the value. */
export function nestingDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92 /* \ */) i += 1;
      else if (c === 34 /* " */) inString = false;
    } else if (c === 34) {
      inString = true;
    } else if (c === 91 /* [ */ || c === 123 /* { */) {
      depth += 1;
      if (depth > deepest) deepest = depth;
    } else if (c === 93 /* ] */ || c === 125 /* } */) {
      depth -= 1;
    }
  }
  return deepest;
}
