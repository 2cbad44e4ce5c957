import { readFileSync } from 'node:fs';
import type { IncomingMessage, Server } from 'node:http';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';

/**
 * The receiver's test-only certificate (self-signed, for 127.0.0.1 and localhost). The exporter turns any http
 * IngestionEndpoint into https, so the receiver speaks TLS and the exporter is told to trust this certificate.
 */
const fixtures = path.join(__dirname, 'fixtures');
export const receiverCertificate = readFileSync(path.join(fixtures, 'loopback-ingestion.crt'));
const receiverKey = readFileSync(path.join(fixtures, 'loopback-ingestion.key'));

/** One Application Insights envelope as the Azure Monitor exporter sends it (the fields the tests read). */
export interface Envelope {
  name: string;
  iKey?: string;
  tags?: Record<string, string>;
  data?: {
    baseType?: string;
    baseData?: {
      name?: string;
      id?: string;
      properties?: Record<string, string>;
      metrics?: Array<{ name: string; value: number; count?: number }>;
      [key: string]: unknown;
    };
  };
}

/**
 * A stand-in for Application Insights' ingestion endpoint on https://127.0.0.1: the exporter POSTs to
 * `{IngestionEndpoint}/v2.1/track` a JSON array of envelopes (gzipped only towards Azure's own https hosts; both are
 * read here), and is answered as Breeze answers. Anything else is kept in `unexpected` and refused.
 */
export class IngestionReceiver {
  readonly envelopes: Envelope[] = [];
  readonly unexpected: string[] = [];
  private server: Server | null = null;
  private port = 0;

  readonly instrumentationKey = '11111111-2222-4333-8444-555555555555';

  async start(): Promise<this> {
    this.server = createServer({ cert: receiverCertificate, key: receiverKey }, (req, res) => {
      void this.receive(req).then((status) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(status === 200 ? JSON.stringify({ itemsReceived: 1, itemsAccepted: 1, errors: [] }) : '{}');
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  get connectionString(): string {
    return `InstrumentationKey=${this.instrumentationKey};IngestionEndpoint=https://127.0.0.1:${this.port}/;LiveEndpoint=https://127.0.0.1:${this.port}/`;
  }

  /** Envelopes of one kind: `RemoteDependencyData`, `RequestData`, `MetricData`... */
  ofType(baseType: string): Envelope[] {
    return this.envelopes.filter((e) => e.data?.baseType === baseType);
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private async receive(req: IncomingMessage): Promise<number> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    if (req.method !== 'POST' || !/^\/v2(\.1)?\/track$/.test((req.url ?? '').split('?')[0])) {
      this.unexpected.push(`${req.method} ${req.url}`);
      return 404;
    }
    const raw = Buffer.concat(chunks);
    const text = (req.headers['content-encoding'] === 'gzip' ? gunzipSync(raw) : raw).toString('utf8').trim();
    const parsed: unknown = text.startsWith('[') ? JSON.parse(text) : text.split('\n').filter((l) => l.trim() !== '').map((l) => JSON.parse(l) as unknown);
    this.envelopes.push(...(parsed as Envelope[]));
    return 200;
  }
}
