/**
 * Partner Center failures as one typed error. The body Partner Center sends is
 * `{ code, description, data, source }` (error-codes reference); for the codes a move meets, `fix` says
 * what a person should do about it. It is the move's StepError: worth trying again when Partner Center
 * throttled, failed, did not answer or has an order in progress; any other refusal waits for a person.
 */
import { z } from 'zod';
import { StepError } from '../../move/ports';
import { isTransientStatus } from '../stepJudgement';

export class PartnerCenterError extends StepError {
  constructor(
    /** The call that failed, e.g. "Partner Center: create cart". */
    readonly step: string,
    /** HTTP status; null when Partner Center never answered. */
    readonly httpStatus: number | null,
    /** Partner Center's `code` as a string (`"20002"`), or null when the body had none. */
    readonly code: string | null,
    readonly description: string,
    /** The `MS-RequestId` sent (the same on every retry of the call). */
    readonly requestId: string,
    readonly correlationId: string,
    /** What to do about it, for known codes; empty otherwise. */
    readonly fix: string,
    readonly data: unknown[] = [],
    /** Seconds from `Retry-After` when Partner Center throttled the call and retries ran out. */
    readonly retryAfterSeconds: number | null = null,
  ) {
    super(`${step} failed${httpStatus === null ? '' : ` (HTTP ${httpStatus}${code ? `, code ${code}` : ''})`}: `
      + `${description}${fix ? ` — ${fix}` : ''} [MS-RequestId ${requestId}, MS-CorrelationId ${correlationId}]`,
    { retryable: isRetryable(code, httpStatus) });
    this.name = 'PartnerCenterError';
  }

  /** What kind of failure this is, for callers that branch on it (the fix says it in words). */
  get reason(): PartnerCenterErrorReason {
    return reasonOf(this.code, this.httpStatus);
  }
}

export type PartnerCenterErrorReason =
  | 'customer-agreement-missing' // 13605
  | 'not-a-customer' // 20002, 404 on a customer
  | 'not-sold-in-country' // 2030, 800070
  | 'invalid-offer' // 800004, 10001, 500600
  | 'quantity-out-of-range' // 2002, 10015
  | 'order-in-progress' // 800060
  | 'cancellation-window-passed' // 900117
  | 'partner-agreement-missing' // 900124
  | 'transfer-problem' // 900100–900104, 900145
  | 'throttled' // 429
  | 'token-refused' // 401
  | 'forbidden' // other 403
  | 'outcome-unknown' // no answer (timeout, network)
  | 'other';

/**
 * Worth trying again: no answer, throttled, a server error, an order already in progress, or a 2xx whose
 * body did not have the documented shape. Other refusals (4xx) need a person: the fix says what to do.
 */
function isRetryable(code: string | null, httpStatus: number | null): boolean {
  const reason = reasonOf(code, httpStatus);
  if (reason === 'order-in-progress' || reason === 'throttled' || reason === 'outcome-unknown') return true;
  return isTransientStatus(httpStatus) || (httpStatus !== null && httpStatus < 400);
}

function reasonOf(code: string | null, httpStatus: number | null): PartnerCenterErrorReason {
  switch (code) {
    case '13605': return 'customer-agreement-missing';
    case '20002': return 'not-a-customer';
    case '2030': case '800070': return 'not-sold-in-country';
    case '800004': case '10001': case '500600': return 'invalid-offer';
    case '2002': case '10015': return 'quantity-out-of-range';
    case '800060': return 'order-in-progress';
    case '900117': return 'cancellation-window-passed';
    case '900124': return 'partner-agreement-missing';
    case '900100': case '900101': case '900102': case '900103': case '900104': case '900145': return 'transfer-problem';
    default: break;
  }
  if (httpStatus === null) return 'outcome-unknown';
  if (httpStatus === 429) return 'throttled';
  if (httpStatus === 401) return 'token-refused';
  if (httpStatus === 403) return 'forbidden';
  return 'other';
}

/** Checkout placed some orders and failed others: the placed ones must be recorded, not retried. */
export class CheckoutPartlyFailedError extends PartnerCenterError {
  constructor(
    base: PartnerCenterError,
    readonly placedOrderIds: string[],
  ) {
    super(base.step, base.httpStatus, base.code, base.description, base.requestId, base.correlationId, base.fix,
      base.data, base.retryAfterSeconds);
    this.name = 'CheckoutPartlyFailedError';
  }
}

/** The fix sentence for a Partner Center error code (SDK error-codes table) or, lacking a code, an auth status. */
export function fixForPartnerCenterError(code: string | null, httpStatus: number | null): string {
  switch (code) {
    case '2030':
      return "the partner is not onboarded to sell in that country: the customer's country must be in the partner's CSP region";
    case '20002':
      return "this tenant is not (yet) the partner's customer: send the reseller invitation and wait for the customer's Global Admin to accept it";
    case '13605':
      return 'the customer has not accepted the Microsoft Customer Agreement: have a customer Global Admin accept it in the Microsoft 365 admin center, or record the attestation in Partner Center, then retry';
    case '800004':
      return 'the offer id is not valid: refresh the catalog and resolve the catalogItemId again at purchase time';
    case '800070':
      return "the offer is not sold in the customer's country: choose an offer available in that market";
    case '2002':
      return "the quantity is outside the SKU's minimum and maximum: change the plan's quantity";
    case '800060':
      return "an order is already in progress: check the customer's order history in a few minutes before placing anything again";
    case '900117':
      return 'the cancellation window has passed: the purchase can no longer be cancelled or reduced';
    case '900124':
      return "the partner's company has not accepted the Microsoft Partner Agreement: a Global admin must accept it in Partner Center";
    case '10001':
    case '500600':
      return 'the catalog item cannot be bought (changed or retired): resolve the catalogItemId again from the live catalog';
    case '10015':
      return 'the quantity exceeds the seats allowed per subscription: split the purchase or lower the quantity';
    case '900100':
    case '900101':
    case '900102':
    case '900103':
    case '900104':
    case '900145':
      return 'the transfer cannot proceed in its current state: read the transfer, and ask the source partner to complete or cancel it';
    default:
      break;
  }
  if (httpStatus === 401) {
    return 'Partner Center refused the token even after getting a new one: check the app registration, its secret, and that the app is registered in Partner Center (Account settings > App management)';
  }
  if (httpStatus === 403) {
    return 'Partner Center denied access: App+User calls need a partner user in AdminAgents or SalesAgents, and some calls accept only App+User tokens';
  }
  return '';
}

const errorBodySchema = z.object({
  code: z.union([z.string(), z.number()]).optional(),
  description: z.string().optional(),
  // The throttling answer uses `message` instead (`{ statusCode: 429, message }`).
  message: z.string().optional(),
  data: z.array(z.unknown()).optional(),
  source: z.string().optional(),
});

export interface ParsedPartnerCenterError {
  code: string | null;
  description: string;
  data: unknown[];
}

export function parsePartnerCenterErrorBody(body: unknown, httpStatus: number): ParsedPartnerCenterError {
  const parsed = errorBodySchema.safeParse(body);
  if (!parsed.success) return { code: null, description: `HTTP ${httpStatus} without a Partner Center error body`, data: [] };
  const code = parsed.data.code === undefined || parsed.data.code === '' ? null : String(parsed.data.code);
  const text = parsed.data.description ?? parsed.data.message ?? `HTTP ${httpStatus}`;
  return { code, description: text.length > 1024 ? `${text.slice(0, 1021)}...` : text, data: parsed.data.data ?? [] };
}
