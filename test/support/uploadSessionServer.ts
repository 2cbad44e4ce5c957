import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** One PUT the server received. */
export interface ReceivedRange {
  session: string;
  contentRange: string | undefined;
  contentLength: string | undefined;
  authorization: string | undefined;
  bytes: number;
}

/**
 * A stand-in for the OneDrive upload session Teams hands a bot with a FileConsentCard's accept (loopback only):
 * takes `PUT /upload/<session>` with `Content-Range: bytes start-end/total`, in order, answers 202 until the last
 * byte and 201 with the drive item after it, and keeps the bytes, so a test can check the whole file arrived.
 * `failWith` answers every PUT with that status; `hang` never answers (timeouts).
 */
export class UploadSessionServer {
  readonly received: ReceivedRange[] = [];
  /** The completed files by session. */
  readonly files = new Map<string, Buffer>();
  failWith: number | null = null;
  hang = false;
  private readonly partial = new Map<string, Buffer[]>();
  private server: http.Server | null = null;
  private readonly hanging: http.ServerResponse[] = [];

  get url(): string {
    return `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}`;
  }

  uploadUrl(session: string): string {
    return `${this.url}/upload/${session}`;
  }

  async start(): Promise<this> {
    this.server = http.createServer((req, res) => { void this.handle(req, res); });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return this;
  }

  close(): Promise<void> {
    for (const res of this.hanging.splice(0)) res.destroy();
    return new Promise((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    const session = /^\/upload\/([\w-]+)$/.exec(req.url ?? '')?.[1];
    const reply = (status: number, json: object) => { res.writeHead(status, { 'content-type': 'application/json' }); res.end(JSON.stringify(json)); };
    if (req.method !== 'PUT' || !session) return reply(404, { error: { code: 'itemNotFound', message: 'no such upload session' } });
    this.received.push({
      session, contentRange: req.headers['content-range'], contentLength: req.headers['content-length'], authorization: req.headers.authorization, bytes: body.length,
    });
    if (this.hang) { this.hanging.push(res); return; }
    if (this.failWith) return reply(this.failWith, { error: { code: 'generalException', message: 'the fake upload session failed' } });
    const range = /^bytes (\d+)-(\d+)\/(\d+)$/.exec(req.headers['content-range'] ?? '');
    if (!range) return reply(400, { error: { code: 'invalidRange', message: 'Content-Range is missing or malformed' } });
    const [start, end, total] = range.slice(1).map(Number);
    const parts = this.partial.get(session) ?? [];
    const have = parts.reduce((n, p) => n + p.length, 0);
    if (start !== have || end - start + 1 !== body.length || Number(req.headers['content-length']) !== body.length || end >= total) {
      return reply(416, { error: { code: 'invalidRange', message: `expected bytes from ${have}` } });
    }
    parts.push(body);
    this.partial.set(session, parts);
    if (end + 1 < total) return reply(202, { nextExpectedRanges: [`${end + 1}-`] });
    this.files.set(session, Buffer.concat(parts));
    this.partial.delete(session);
    return reply(201, { id: `item-${session}`, name: `${session}.csv`, size: total });
  }
}
