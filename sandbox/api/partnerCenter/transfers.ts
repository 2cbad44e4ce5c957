/**
 * New-commerce transfers of one customer: `POST|GET /v1/customers/{id}/transfers`,
 * `GET|PATCH /v1/customers/{id}/transfers/{transferId}` (both auth types; reseller relationship required).
 */
import type { Router } from '../../http/router';
import { json } from '../../http/types';
import { requireResellerCustomer } from '../../world/commerce';
import { createTransfer, findTransfer, updateTransfer } from '../../world/transfers';
import type { CustomerAccount, Transfer } from '../../world/types';
import type { SandboxWorld } from '../../world/world';
import { collection, link } from './presenters';
import { partnerCenterRoute } from './route';

export function registerTransferRoutes(router: Router, world: SandboxWorld): void {
  const base = '/v1/customers/:customerId/transfers';
  router.add('partnerCenter', 'POST', base, partnerCenterRoute(world, (request) => {
    const customer = requireResellerCustomer(world, request.params.customerId);
    return json(201, transferJson(world, customer, createTransfer(world, customer, request.jsonBody())));
  }));
  router.add('partnerCenter', 'GET', base, partnerCenterRoute(world, (request) => {
    const customer = requireResellerCustomer(world, request.params.customerId);
    const items = customer.transfers.map((t) => transferJson(world, customer, t));
    return json(200, collection(items, `/v1/customers/${customer.tenant.tenantId}/transfers`));
  }));
  router.add('partnerCenter', 'GET', `${base}/:transferId`, partnerCenterRoute(world, (request) => {
    const customer = requireResellerCustomer(world, request.params.customerId);
    return json(200, transferJson(world, customer, findTransfer(customer, request.params.transferId)));
  }));
  router.add('partnerCenter', 'PATCH', `${base}/:transferId`, partnerCenterRoute(world, (request) => {
    const customer = requireResellerCustomer(world, request.params.customerId);
    return json(200, transferJson(world, customer, updateTransfer(world, customer, request.params.transferId, request.jsonBody())));
  }));
}

/** TransferEntity (learn.microsoft.com/partner-center/developer/transfer-entity-resources). `transferDirection` values are UNCONFIRMED. */
function transferJson(world: SandboxWorld, customer: CustomerAccount, transfer: Transfer) {
  const us = world.state.partner.tenant.tenantId;
  return {
    id: transfer.id,
    status: transfer.status,
    transferType: transfer.transferType,
    customerEmailId: transfer.customerEmailId,
    createdTime: transfer.createdTime,
    lastModifiedTime: transfer.lastModifiedTime,
    completedTime: transfer.completedTime,
    customerName: transfer.customerName,
    customerTenantId: transfer.customerTenantId,
    partnertenantid: us,
    sourcePartnerName: transfer.sourcePartnerName,
    sourcePartnerTenantId: transfer.sourcePartnerTenantId,
    targetPartnerName: transfer.targetPartnerName,
    targetPartnerTenantId: transfer.targetPartnerTenantId,
    targetPartnerEmailId: transfer.targetPartnerEmailId,
    targetProductTypes: transfer.targetProductTypes ? [...transfer.targetProductTypes] : null,
    partnerOnRecord: transfer.partnerOnRecord,
    transferDirection: transfer.targetPartnerTenantId === us ? 'Incoming' : 'Outgoing',
    lineItems: [],
    links: { self: link(`/v1/customers/${customer.tenant.tenantId}/transfers/${transfer.id}`) },
    attributes: { objectType: 'TransferEntity' },
  };
}
