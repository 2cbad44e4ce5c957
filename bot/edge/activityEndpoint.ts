import type { IncomingMessage } from 'node:http';
import { CloudAdapter, type Activity, type InvokeResponse, type TurnContext } from 'botbuilder';
import type { AuthenticateRequestResult } from 'botframework-connector';
import type { Logger } from '../../move/ports';
import type { BotAuthenticator } from './botAuthenticator';
import { checkActivity } from './activitySchema';
import { EdgeRefusal, readJsonBody } from './requestBody';

export interface EdgeAnswer {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

/** CloudAdapter, with its turn runner reachable for a request the edge has already authenticated. */
export class EdgeCloudAdapter extends CloudAdapter {
  runAuthenticated(authentication: AuthenticateRequestResult, activity: Activity, logic: (context: TurnContext) => Promise<void>): Promise<InvokeResponse | undefined> {
    return this.processActivity(authentication, activity, logic);
  }
}

const INTERNAL_FAILURE = 'The bot failed while handling this activity; an operator can find the details in its logs.';

/**
 * `/api/messages`, in front of botbuilder: the body is read within limits, the activity's shape checked,
 * the caller authenticated — each refusal a 4xx with a short reason — and only then does botbuilder run
 * the turn. Whatever fails inside is logged and answered without internal text; nothing here throws.
 */
export class ActivityEndpoint {
  constructor(
    private readonly adapter: EdgeCloudAdapter,
    private readonly authenticator: BotAuthenticator,
    private readonly logic: (context: TurnContext) => Promise<void>,
    private readonly log: Logger,
  ) {}

  async handle(req: IncomingMessage): Promise<EdgeAnswer> {
    let body: unknown;
    try {
      body = (await readJsonBody(req)).value;
    } catch (error) {
      if (error instanceof EdgeRefusal) return refusal(error.status, error.reason);
      this.log.error({ err: describe(error) }, 'reading a request body failed');
      return refusal(400, 'The request body could not be read.');
    }
    const checked = checkActivity(body);
    if (!checked.ok) return refusal(400, checked.reason);
    const activity = checked.activity as unknown as Activity;

    if (this.authenticator.anonymous && !isLoopbackUrl(activity.serviceUrl)) {
      // An anonymous bot would post its reply to any URL a caller names; in local mode only this machine's connector.
      return refusal(403, 'This bot runs without authentication (local mode) and answers only a connector on this machine.');
    }
    const authentication = await this.authenticator.authenticate(activity, headerOf(req, 'authorization'));
    if (!authentication.ok) return { ...refusal(401, `Unauthorized: ${authentication.reason}.`), headers: { 'WWW-Authenticate': 'Bearer' } };

    try {
      const invokeResponse = await this.adapter.runAuthenticated(authentication.result, activity, this.logic);
      return { status: invokeResponse?.status ?? 200, body: invokeResponse?.body };
    } catch (error) {
      this.log.error({ err: describe(error), type: activity.type, name: activity.name }, 'processing an activity failed');
      return refusal(500, INTERNAL_FAILURE);
    }
  }
}

function refusal(status: number, reason: string): EdgeAnswer {
  return { status, body: { error: reason } };
}

function headerOf(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

export function isLoopbackUrl(url: string): boolean {
  try {
    const host = new URL(url).hostname.replace(/^\[|\]$/g, '').toLowerCase();
    return host === 'localhost' || host === '::1' || /^127(?:\.\d{1,3}){3}$/.test(host);
  } catch {
    return false;
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.stack ?? error.message : String(error);
}
