import type { z } from 'zod';
/**
 * Microsoft Graph failures as one typed error: Graph's `{ error: { code, message } }`, the HTTP status,
 * the tenant the call was made in, and the step that made it. It is the move's StepError: worth trying
 * again when Graph throttled, failed or did not answer; a refusal (other 4xx) is not. In a customer's
 * tenant, `inCustomerTenant` makes a refusal for lack of access (401, 403, or no token for that tenant)
 * block the move with "no access to the customer's tenant".
 */
import { GraphClientError, GraphError as LibraryGraphError } from '@microsoft/microsoft-graph-client';
import { StepError, type StepErrorJudgement } from '../../move/ports';
import { OutboundHttpError } from '../http/outboundHttp';
import { NO_TENANT_ACCESS_AADSTS, TokenRequestError } from '../identity/tokenProvider';
import { isTransientStatus, noCustomerAccess } from '../stepJudgement';

export class GraphError extends StepError {
  constructor(
    readonly step: string,
    readonly tenantId: string,
    /** HTTP status; null when Graph never answered. */
    readonly status: number | null,
    /** Graph's `error.code`, e.g. `Authorization_RequestDenied`. */
    readonly code: string | null,
    readonly graphMessage: string,
    /** What to do about it, when the code says. */
    readonly fix: string,
    /** Default: retryable when Graph did not answer, throttled or failed (5xx); never blocking. */
    judgement?: StepErrorJudgement,
  ) {
    super(`${step} in tenant ${tenantId} failed${status === null ? '' : ` (HTTP ${status}${code ? `, ${code}` : ''})`}: `
      + `${graphMessage}${fix ? ` — ${fix}` : ''}`, judgement ?? { retryable: isTransientStatus(status) });
    this.name = 'GraphError';
  }
}

/**
 * A failure of a call made in a customer's tenant, as the move must see it. Graph refusing the app or the
 * GDAP roles (401, 403), or the identity platform refusing a token for that tenant (no consent, no active
 * GDAP: NO_TENANT_ACCESS_AADSTS), means the bot has no access to the tenant: the move is blocked until a
 * person acts (the customer approves GDAP or consents, or staff type the inventory). Anything else is
 * returned as it is.
 */
export function inCustomerTenant(error: unknown): unknown {
  if (error instanceof GraphError && (error.status === 401 || error.status === 403) && !error.blocks) {
    const said = `Graph answered ${error.status}${error.code ? ` ${error.code}` : ''}: ${error.graphMessage}`;
    return new GraphError(error.step, error.tenantId, error.status, error.code, error.graphMessage, error.fix,
      { retryable: false, blocks: noCustomerAccess(said) });
  }
  if (error instanceof TokenRequestError && error.aadstsCode !== null && NO_TENANT_ACCESS_AADSTS.has(error.aadstsCode) && !error.blocks) {
    return new TokenRequestError(error.resource, error.tenantId, error.mode, error.httpStatus, error.oauthError, error.aadstsCode,
      error.description, error.fix, { retryable: false, blocks: noCustomerAccess(`The identity platform refused a token for the tenant: ${error.description}`) });
  }
  return error;
}

/** What to do about a Graph failure, when its status or code says. */
export function fixFor(status: number | null, code: string | null): string {
  if (code === 'Authorization_IdentityNotFound' || code === 'InvalidAuthenticationToken' || status === 401) {
    return "no access to the tenant: approve the GDAP request or grant consent to the app in that tenant";
  }
  if (code === 'Authorization_RequestDenied' || status === 403) {
    return 'the app or the GDAP roles lack the permission this call needs';
  }
  if (status === 429) return 'Graph is throttling: try again after the Retry-After delay';
  return '';
}

/**
 * Turns whatever a Graph call threw into a GraphError. Token errors (TokenRequestError,
 * MissingRefreshTokenError) are already typed and say what to configure: they pass through.
 */
export function toGraphError(error: unknown, step: string, tenantId: string): Error {
  if (error instanceof GraphError) return error;
  // Raised inside our middleware and carried through the library unchanged (see graphClientFactory).
  if (error instanceof GraphClientError && error.customError !== undefined) {
    return toGraphError(error.customError, step, tenantId);
  }
  if (error instanceof OutboundHttpError) {
    return new GraphError(step, tenantId, null, null, error.message, '');
  }
  if (error instanceof LibraryGraphError) {
    const status = error.statusCode > 0 ? error.statusCode : null;
    const code = error.code && error.code !== 'Error' ? error.code : null;
    const message = error.message || 'no error message';
    return new GraphError(step, tenantId, status, code, message.length > 500 ? `${message.slice(0, 497)}...` : message,
      fixFor(status, code));
  }
  if (error instanceof Error) return error;
  return new GraphError(step, tenantId, null, null, String(error), '');
}

/** Checks one item of a Graph answer against its documented shape; a mismatch names the step and where. */
export function parseGraphItem<S extends z.ZodTypeAny>(schema: S, item: unknown, step: string, tenantId: string): z.infer<S> {
  const parsed = schema.safeParse(item);
  if (!parsed.success) {
    const where = parsed.error.issues[0]?.path.join('.') || '(root)';
    throw new GraphError(step, tenantId, null, null, `an item does not have the documented shape (at ${where})`, '');
  }
  return parsed.data;
}
