import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedActivity {
  conversationId: string;
  activityId: string;
  activity: Record<string, any>;
  updated: boolean;
}

/** Checks the bot's outbound Authorization header (the sandbox's Bot Framework token verifier). */
export interface OutboundAuthCheck {
  verify(authorizationHeader: string | undefined): Promise<{ ok: true } | { ok: false; reason: string }>;
}

/**
 * A stand-in for the Bot Connector service (what Teams runs): records what the bot sends, starts
 * channel threads and accepts updates. Loopback only. With a verifier, every call must carry a valid
 * Bot Framework token, as the real connector requires; a call without one gets 401 and is recorded.
 */
export class FakeConnector {
  readonly sent: RecordedActivity[] = [];
  /** The bot's "typing…" indicators, kept apart from what it said. */
  readonly typing: RecordedActivity[] = [];
  /** Calls the verifier refused: what was called and why. */
  readonly authFailures: string[] = [];
  authenticatedCalls = 0;
  /** While true every call gets 503, as when Teams cannot be reached; `refused` counts them. */
  down = false;
  refused = 0;
  readonly threads: Array<{ conversationId: string; rootActivityId: string; channelId: string }> = [];
  /** Personal chats the bot opened (createConversation with isGroup false). */
  readonly personalChats: Array<{ conversationId: string; tenantId: string | undefined; members: Array<{ id: string }> }> = [];
  private server: http.Server | null = null;
  private counter = 0;

  constructor(private readonly verifier?: OutboundAuthCheck) {}

  get url(): string {
    return `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}`;
  }

  async start(): Promise<this> {
    this.server = http.createServer((req, res) => { void this.handle(req, res); });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return this;
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }

  /** Everything sent to a conversation (and its threads when `includeThreads`). */
  to(conversationId: string, includeThreads = false): RecordedActivity[] {
    return this.sent.filter((s) => s.conversationId === conversationId || (includeThreads && s.conversationId.startsWith(`${conversationId};`)));
  }

  texts(conversationId: string, includeThreads = false): string[] {
    return this.to(conversationId, includeThreads).map((s) => textOf(s.activity));
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const body = await readJson(req);
    const url = decodeURIComponent(req.url ?? '');
    const reply = (status: number, json: object) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(json));
    };
    if (this.down) {
      this.refused += 1;
      return reply(503, { error: { code: 'ServiceUnavailable', message: 'the fake connector is down' } });
    }
    if (this.verifier) {
      const check = await this.verifier.verify(req.headers.authorization);
      if (!check.ok) {
        this.authFailures.push(`${req.method} ${url}: ${check.reason}`);
        return reply(401, { error: { code: 'Unauthorized', message: check.reason } });
      }
      this.authenticatedCalls += 1;
    }
    let match: RegExpExecArray | null;
    if (req.method === 'POST' && /\/v3\/conversations\/?$/.test(url) && body?.isGroup === false) {
      // A personal (1:1) chat with one person, as Teams creates for proactive messages: the same id each time.
      const conversationId = `a:personal-${body?.members?.[0]?.id ?? 'unknown'}`;
      this.personalChats.push({ conversationId, tenantId: body?.tenantId, members: body?.members ?? [] });
      return reply(201, { id: conversationId, activityId: '' });
    }
    if (req.method === 'POST' && /\/v3\/conversations\/?$/.test(url)) {
      const activityId = `root-${++this.counter}`;
      const channelId = body?.channelData?.channel?.id ?? 'unknown';
      const conversationId = `${channelId};messageid=${activityId}`;
      this.threads.push({ conversationId, rootActivityId: activityId, channelId });
      this.sent.push({ conversationId, activityId, activity: body?.activity ?? {}, updated: false });
      return reply(201, { id: conversationId, activityId });
    }
    if ((match = /\/v3\/conversations\/(.+?)\/activities(?:\/([^/]+))?$/.exec(url))) {
      const [, conversationId, existingId] = match;
      if (req.method === 'PUT' && existingId) {
        const found = this.sent.find((s) => s.activityId === existingId);
        if (found) { found.activity = body; found.updated = true; }
        return reply(200, { id: existingId });
      }
      const activityId = `act-${++this.counter}`;
      (body?.type === 'typing' ? this.typing : this.sent).push({ conversationId, activityId, activity: body, updated: false });
      return reply(200, { id: activityId });
    }
    reply(404, { error: { code: 'NotFound', message: `fake connector has no ${req.method} ${url}` } });
  }
}

/** The readable text of an activity: its text, or every string inside its card. */
export function textOf(activity: Record<string, any>): string {
  const parts: string[] = [];
  if (typeof activity.text === 'string') parts.push(activity.text);
  for (const attachment of activity.attachments ?? []) collectStrings(attachment.content, parts);
  return parts.join('\n');
}

/** The first Action.Execute with this verb anywhere inside a card (or an activity). */
export function findAction(card: unknown, verb: string): any {
  const stack: unknown[] = [card];
  while (stack.length) {
    const node = stack.pop() as Record<string, unknown> | null;
    if (node && typeof node === 'object') {
      if (node.type === 'Action.Execute' && node.verb === verb) return node;
      stack.push(...Object.values(node));
    }
  }
  return null;
}

export function cardOf(activity: Record<string, any>): Record<string, any> | null {
  return activity.attachments?.[0]?.content ?? null;
}

function collectStrings(value: unknown, into: string[]): void {
  if (typeof value === 'string') into.push(value);
  else if (Array.isArray(value)) value.forEach((v) => collectStrings(v, into));
  else if (value && typeof value === 'object') Object.values(value).forEach((v) => collectStrings(v, into));
}

async function readJson(req: http.IncomingMessage): Promise<any> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  try { return text ? JSON.parse(text) : null; } catch { return null; }
}
