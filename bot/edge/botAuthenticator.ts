import type { Activity } from 'botbuilder';
import type { AuthenticateRequestResult, BotFrameworkAuthentication } from 'botframework-connector';
import type { Logger } from '../../move/ports';
import { precheckToken, type TokenExpectations } from './tokenPrecheck';

/** The bot identity fields the check needs (from the validated configuration). */
export interface InboundTokenPolicy {
  appId: string;
  tokenIssuer: string;
  allowEmulator: boolean;
  allowedCallers: readonly string[];
}

export type Authentication = { ok: true; result: AuthenticateRequestResult } | { ok: false; reason: string };

/** How long the signature check may take (it may fetch the OpenID metadata) before the request is refused. */
const DEFAULT_TIMEOUT_MS = 5_000;

/**
 * Authenticates an inbound request: the precheck first (no network), then botbuilder's own validation
 * (signature against the OpenID metadata's keys, endorsements, serviceUrl claim). Whatever goes wrong is a
 * refusal the edge answers with 401 — also when the metadata cannot be fetched, which botbuilder would turn
 * into a 500 carrying its internal error text. Without a policy (local mode, anonymous) botbuilder's anonymous
 * claims are used.
 */
export class BotAuthenticator {
  constructor(
    private readonly auth: BotFrameworkAuthentication,
    private readonly policy: InboundTokenPolicy | null,
    private readonly log: Logger,
    private readonly nowMs: () => number = Date.now,
    private readonly timeoutMs = DEFAULT_TIMEOUT_MS,
  ) {}

  get anonymous(): boolean {
    return this.policy === null;
  }

  async authenticate(activity: Partial<Activity>, authorization: string | undefined): Promise<Authentication> {
    if (this.policy) {
      const expectations: TokenExpectations = {
        appId: this.policy.appId, channelIssuer: this.policy.tokenIssuer, allowEmulator: this.policy.allowEmulator,
        allowedCallers: this.policy.allowedCallers, nowSeconds: Math.floor(this.nowMs() / 1000),
      };
      const precheck = precheckToken(authorization, expectations);
      if (!precheck.ok) return { ok: false, reason: precheck.reason };
    }
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<'timeout'>((resolve) => { timer = setTimeout(() => resolve('timeout'), this.timeoutMs); });
    try {
      const outcome = await Promise.race([this.auth.authenticateRequest(activity as Activity, authorization ?? ''), timeout]);
      if (outcome === 'timeout') {
        this.log.warn({ timeoutMs: this.timeoutMs }, 'Bot Framework token validation timed out (OpenID metadata unreachable?); request refused with 401');
        return { ok: false, reason: 'the token could not be validated in time' };
      }
      return { ok: true, result: outcome };
    } catch (error) {
      const status = (error as { statusCode?: unknown }).statusCode;
      const message = error instanceof Error ? error.message : String(error);
      if (status === 401) {
        this.log.info({ err: message.slice(0, 300) }, 'Bot Framework token refused');
      } else {
        // Not the token's fault as far as we can tell (keys not reachable, metadata malformed): still a 401.
        this.log.warn({ err: message.slice(0, 300) }, 'Bot Framework token validation failed (OpenID metadata or signing keys unavailable?); request refused with 401');
      }
      return { ok: false, reason: 'the token could not be validated' };
    } finally {
      clearTimeout(timer);
    }
  }
}
