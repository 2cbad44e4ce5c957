/**
 * New-commerce partner-to-partner transfers, the alternative to buying new subscriptions when the customer
 * buys from another CSP partner: the target partner (us) creates the transfer, the source partner fills in
 * the line items and accepts it (LRN `create-a-transfer`, `update-a-transfer`; roles: Admin agent).
 *
 *   POST  /v1/customers/{id}/transfers            create (transferType 5 = NewCommerce)
 *   GET   /v1/customers/{id}/transfers[/{id}]     list / read
 *   PATCH /v1/customers/{id}/transfers/{id}       update: the full resource with the new status; the target
 *                                                 partner cancels a pending transfer with `"status": "Cancel"`
 *
 * Creating is not idempotent by nature: it is sent with `ctx.requestId` as MS-RequestId and only repeated
 * with that same id. PATCH carries the full resource read just before, so repeating it sets the same state.
 */
import { z } from 'zod';
import type { CallContext } from '../../move/ports';
import { segment, type PartnerCenterTransport } from './partnerCenterTransport';
import type { TransferLine, TransferRecord, TransferRequest } from './partnerCenterTypes';

/**
 * `transferType`: "3 resolves to ModernAzure and 5 resolves to NewCommerce. Partners executing partner to
 * partner new commerce transfers can use either but should standardize on 5" (LRN `transfer-entity-resources`,
 * current text; the older digest line "3 represents New Commerce" predates it).
 */
export const NEW_COMMERCE_TRANSFER = 5;

const text = z.string().nullish().transform((v) => v ?? null);

export const transferSchema = z.object({
  id: z.string(),
  status: z.string().nullish().transform((s) => s ?? 'Unknown'),
  transferType: z.union([z.number(), z.string()]).nullish().transform((t) => t ?? null),
  customerTenantId: text,
  sourcePartnerTenantId: text,
  sourcePartnerName: text,
  targetPartnerTenantId: text,
  customerEmailId: text,
  createdTime: text,
  lastModifiedTime: text,
  completedTime: text,
  lineItems: z.array(z.object({
    subscriptionId: text,
    offerId: text,
    friendlyName: text,
    quantity: z.number().nullish().transform((q) => q ?? null),
    billingCycle: text,
    termDuration: text,
  }).passthrough()).nullish().transform((l) => l ?? []),
}).passthrough();

export type TransferWire = z.infer<typeof transferSchema>;

export interface TransferUpdate {
  /** The new status as Partner Center spells it (see `update-a-transfer`). */
  status?: string;
  lineItems?: Array<Partial<TransferLine> & { subscriptionId: string }>;
}

export class PartnerCenterTransfers {
  constructor(private readonly transport: PartnerCenterTransport) {}

  async create(customerId: string, request: TransferRequest, ctx: CallContext): Promise<TransferRecord> {
    for (const field of ['sourcePartnerTenantId', 'sourcePartnerName', 'customerEmailId'] as const) {
      if (!request[field]?.trim()) throw new Error(`Partner Center: create transfer: ${field} is required.`);
    }
    const wire = await this.transport.json({
      step: 'Partner Center: create a new-commerce transfer',
      method: 'POST',
      target: `/v1/customers/${segment(customerId)}/transfers`,
      ctx,
      repeatableWithRequestId: true,
      body: {
        sourcePartnerTenantId: request.sourcePartnerTenantId,
        sourcePartnerName: request.sourcePartnerName,
        customerEmailId: request.customerEmailId,
        ...(request.customerName ? { customerName: request.customerName } : {}),
        ...(request.targetPartnerEmailId ? { targetPartnerEmailId: request.targetPartnerEmailId } : {}),
        targetProductTypes: request.targetProductTypes ?? ['OnlineServicesNCE'],
        ...(request.partnerOnRecord ? { partnerOnRecord: request.partnerOnRecord } : {}),
        transferType: NEW_COMMERCE_TRANSFER,
      },
    }, transferSchema);
    return toTransferRecord(wire);
  }

  async get(customerId: string, transferId: string, ctx: CallContext): Promise<TransferRecord> {
    return toTransferRecord((await this.read(customerId, transferId, ctx)).wire);
  }

  async list(customerId: string, ctx: CallContext): Promise<TransferRecord[]> {
    const transfers: TransferRecord[] = [];
    for await (const wire of this.transport.pages({
      step: 'Partner Center: list transfers', target: `/v1/customers/${segment(customerId)}/transfers`, ctx,
    }, transferSchema)) {
      transfers.push(toTransferRecord(wire));
    }
    return transfers;
  }

  /** Reads the transfer, applies `changes` and PATCHes the full resource back. */
  async update(customerId: string, transferId: string, changes: TransferUpdate, ctx: CallContext): Promise<TransferRecord> {
    const { raw } = await this.read(customerId, transferId, ctx);
    const body: Record<string, unknown> = { ...raw };
    if (changes.status !== undefined) body.status = changes.status;
    if (changes.lineItems !== undefined) body.lineItems = changes.lineItems;
    const wire = await this.transport.json({
      step: 'Partner Center: update transfer',
      method: 'PATCH',
      target: `/v1/customers/${segment(customerId)}/transfers/${segment(transferId)}`,
      ctx,
      repeatableWithRequestId: true,
      body,
    }, transferSchema);
    return toTransferRecord(wire);
  }

  /** The validated transfer and, for a PATCH, the resource exactly as Partner Center sent it. */
  /** Cancels a pending transfer this partner created (LRN `update-a-transfer`: `"status": "Cancel"`). */
  cancel(customerId: string, transferId: string, ctx: CallContext): Promise<TransferRecord> {
    return this.update(customerId, transferId, { status: 'Cancel' }, ctx);
  }

  private async read(customerId: string, transferId: string, ctx: CallContext): Promise<{ wire: TransferWire; raw: Record<string, unknown> }> {
    const call = {
      step: 'Partner Center: read transfer',
      method: 'GET' as const,
      target: `/v1/customers/${segment(customerId)}/transfers/${segment(transferId)}`,
      ctx,
    };
    const result = await this.transport.send(call);
    if (!result.response.ok) throw this.transport.toError(call, result);
    const wire = this.transport.parse(call, result, transferSchema);
    return { wire, raw: result.response.json() as Record<string, unknown> };
  }
}

export function toTransferRecord(wire: TransferWire): TransferRecord {
  return {
    id: wire.id,
    status: wire.status,
    transferType: wire.transferType,
    customerTenantId: wire.customerTenantId,
    sourcePartnerTenantId: wire.sourcePartnerTenantId,
    sourcePartnerName: wire.sourcePartnerName,
    targetPartnerTenantId: wire.targetPartnerTenantId,
    customerEmailId: wire.customerEmailId,
    createdTime: wire.createdTime,
    lastModifiedTime: wire.lastModifiedTime,
    completedTime: wire.completedTime,
    lineItems: wire.lineItems.map((line) => ({
      subscriptionId: line.subscriptionId,
      offerId: line.offerId,
      friendlyName: line.friendlyName,
      quantity: line.quantity,
      billingCycle: line.billingCycle,
      termDuration: line.termDuration,
    })),
  };
}
