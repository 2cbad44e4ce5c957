/**
 * New-commerce partner-to-partner transfers (learn.microsoft.com/partner-center/developer/create-a-transfer,
 * `update-a-transfer`, `transfer-entity-resources`). The target partner creates a transfer; it is `Active`
 * until the source partner submits it (`Completed`) or the creator cancels it (`Canceled`). Only the partner
 * that created a transfer may cancel it, and only while it is Active ("pending").
 */
import { isRecord } from '../util/jwt';
import { CommerceFault } from './commerce';
import type { CustomerAccount, Transfer } from './types';
import type { SandboxWorld } from './world';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12,13}$/i;
const EMAIL = /^[^\s@]{1,64}@[^\s@]{1,255}\.[^\s@]{2,63}$/;
const PRODUCT_TYPES = ['AzureSubscription', 'AzureReservation', 'AzureSavingsPlan', 'OnlineServicesNCE', 'Software', 'SaaS'];
/** 3 = ModernAzure, 5 = NewCommerce; the docs accept either for new-commerce transfers and recommend 5. */
const TRANSFER_TYPES = [3, 5];
const CANCEL_WORDS = ['cancel', 'canceled', 'cancelled'];
const COMPLETE_WORDS = ['complete', 'completed', 'submit', 'submitted'];

export function findTransfer(customer: CustomerAccount, transferId: string): Transfer {
  const transfer = customer.transfers.find((t) => t.id.toLowerCase() === transferId.toLowerCase());
  // 900100 "transfer not found" (Partner Center's error codes list 900100–900104; which means what is the sandbox's reading).
  if (!transfer) throw new CommerceFault(404, 900100, `Transfer ${transferId.slice(0, 100)} was not found.`);
  return transfer;
}

/** `POST /v1/customers/{id}/transfers`, called by the target partner (the caller). */
export function createTransfer(world: SandboxWorld, customer: CustomerAccount, body: unknown): Transfer {
  if (!isRecord(body)) throw invalid('The request body must be a TransferEntity object.');
  const partner = world.state.partner;
  const sourcePartnerTenantId = requiredText(body.sourcePartnerTenantId, 'sourcePartnerTenantId', 40);
  if (!GUID.test(sourcePartnerTenantId)) throw invalid('sourcePartnerTenantId must be a tenant id (GUID).');
  if (sourcePartnerTenantId.toLowerCase() === partner.tenant.tenantId) throw invalid('sourcePartnerTenantId is your own tenant; a transfer moves subscriptions from another partner to you.');
  const sourcePartnerName = requiredText(body.sourcePartnerName, 'sourcePartnerName', 256);
  const customerEmailId = requiredText(body.customerEmailId, 'customerEmailId', 320);
  if (!EMAIL.test(customerEmailId)) throw invalid('customerEmailId is not a valid email address.');

  const target = optionalText(body.targetPartnerTenantId, 'targetPartnerTenantId', 40);
  if (target !== null && target.toLowerCase() !== partner.tenant.tenantId) {
    throw invalid('targetPartnerTenantId must be your own tenant (omit it to take it from the token).');
  }
  const targetPartnerEmailId = optionalText(body.targetPartnerEmailId, 'targetPartnerEmailId', 320);
  if (targetPartnerEmailId !== null && !EMAIL.test(targetPartnerEmailId)) throw invalid('targetPartnerEmailId is not a valid email address.');
  const transferType = parseTransferType(body.transferType);
  const targetProductTypes = parseProductTypes(body.targetProductTypes);
  const partnerOnRecord = optionalText(body.partnerOnRecord, 'partnerOnRecord', 20);
  if (partnerOnRecord !== null && !/^\d{1,10}$/.test(partnerOnRecord)) throw invalid('partnerOnRecord must be an MPN id (digits).');

  const inProgress = customer.transfers.find((t) => t.status === 'Active' && t.sourcePartnerTenantId.toLowerCase() === sourcePartnerTenantId.toLowerCase() && t.createdBy === partner.tenant.tenantId);
  if (inProgress) throw new CommerceFault(409, 900101, `Transfer ${inProgress.id} from this source partner is already in progress for the customer.`);

  const now = world.clock.nowIso();
  const transfer: Transfer = {
    id: world.ids.guid('transfer'),
    status: 'Active',
    transferType,
    customerEmailId,
    customerName: optionalText(body.customerName, 'customerName', 256) ?? customer.tenant.displayName,
    customerTenantId: customer.tenant.tenantId,
    sourcePartnerTenantId: sourcePartnerTenantId.toLowerCase(),
    sourcePartnerName,
    targetPartnerTenantId: partner.tenant.tenantId,
    targetPartnerName: partner.companyName,
    targetPartnerEmailId,
    targetProductTypes,
    partnerOnRecord,
    createdBy: partner.tenant.tenantId,
    createdTime: now,
    lastModifiedTime: now,
    completedTime: null,
  };
  customer.transfers.push(transfer);
  return transfer;
}

/**
 * `PATCH …/transfers/{id}` with `status`: `Cancel` (only the creator, only while Active) or `Complete`
 * (only the source partner submits).
 */
export function updateTransfer(world: SandboxWorld, customer: CustomerAccount, transferId: string, body: unknown): Transfer {
  const transfer = findTransfer(customer, transferId);
  if (!isRecord(body) || typeof body.status !== 'string') throw invalid("Send the transfer with the new status, e.g. {\"status\": \"Cancel\"}.");
  if (body.id !== undefined && (typeof body.id !== 'string' || body.id.toLowerCase() !== transfer.id.toLowerCase())) {
    throw invalid('The id in the body does not match the transfer in the path.');
  }
  const wanted = body.status.toLowerCase();
  const us = world.state.partner.tenant.tenantId;
  if (CANCEL_WORDS.includes(wanted)) {
    if (transfer.createdBy !== us) throw new CommerceFault(403, 403, 'Only the target partner that created the transfer can cancel it.');
    if (transfer.status !== 'Active') throw new CommerceFault(400, 900102, `The transfer is ${transfer.status}; it can only be canceled while it is pending (Active).`);
    transfer.status = 'Canceled';
  } else if (COMPLETE_WORDS.includes(wanted)) {
    if (transfer.sourcePartnerTenantId !== us) throw new CommerceFault(403, 403, 'Only the source partner can submit (complete) the transfer.');
    if (transfer.status !== 'Active') throw new CommerceFault(400, 900102, `The transfer is ${transfer.status}; only an Active transfer can be submitted.`);
    transfer.status = 'Completed';
    transfer.completedTime = world.clock.nowIso();
  } else {
    throw invalid(`status '${body.status.slice(0, 40)}' is not supported; use Cancel (target partner) or Complete (source partner).`);
  }
  transfer.lastModifiedTime = world.clock.nowIso();
  return transfer;
}

function parseTransferType(value: unknown): number {
  if (value === undefined || value === null) return 5;
  const number = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
  if (typeof number !== 'number' || !TRANSFER_TYPES.includes(number)) throw invalid('transferType must be 5 (NewCommerce) or 3 (ModernAzure).');
  return number;
}

function parseProductTypes(value: unknown): string[] | null {
  if (value === undefined || value === null) return null;
  if (!Array.isArray(value) || value.length > PRODUCT_TYPES.length) throw invalid('targetProductTypes must be a list of product types.');
  return value.map((entry) => {
    const type = typeof entry === 'string' ? PRODUCT_TYPES.find((t) => t.toLowerCase() === entry.toLowerCase()) : undefined;
    if (!type) throw invalid(`targetProductTypes: '${String(entry).slice(0, 40)}' is not one of ${PRODUCT_TYPES.join(', ')}.`);
    return type;
  });
}

function requiredText(value: unknown, name: string, max: number): string {
  if (typeof value !== 'string' || value.trim() === '') throw invalid(`${name} is required.`);
  if (value.length > max) throw invalid(`${name} must be at most ${max} characters.`);
  return value.trim();
}

function optionalText(value: unknown, name: string, max: number): string | null {
  if (value === undefined || value === null || value === '') return null;
  return requiredText(value, name, max);
}

function invalid(description: string): CommerceFault {
  return new CommerceFault(400, 400, description);
}
