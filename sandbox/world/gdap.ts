/**
 * GDAP relationships (Graph `tenantRelationships/delegatedAdminRelationships`) held in the partner tenant.
 * Flow: created → (lockForApproval) approvalPending → (customer Global Admin approves) active → expired.
 * Validation follows learn.microsoft.com/graph/api/tenantrelationship-post-delegatedadminrelationships; error codes
 * (`badRequest`) are as seen in public reports, the exact messages are the sandbox's own.
 */
import { addIsoDuration, approximateDays, parseIsoDuration } from '../util/isoDuration';
import { isRecord } from '../util/jwt';
import { GLOBAL_ADMINISTRATOR_ROLE_TEMPLATE_ID } from './constants';
import type { GdapRelationship, GdapRequest, GdapStatus } from './types';
import type { SandboxWorld } from './world';

export class GdapRuleViolation extends Error {
  constructor(readonly httpStatus: number, readonly code: string, message: string) {
    super(message);
    this.name = 'GdapRuleViolation';
  }
}

const ZERO_AUTO_EXTEND = ['PT0S', 'P0D'];
const ALLOWED_AUTO_EXTEND = [...ZERO_AUTO_EXTEND, 'P180D'];
export const GUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12,13}$/i;
const MAX_ROLES = 72;

/** `active` relationships whose end date has passed read as `expired` (computed from the sandbox clock). */
export function effectiveGdapStatus(world: SandboxWorld, relationship: GdapRelationship): GdapStatus {
  if (relationship.status === 'active' && relationship.endDateTime && Date.parse(relationship.endDateTime) <= world.clock.now().getTime()) {
    return 'expired';
  }
  return relationship.status;
}

export function hasActiveGdap(world: SandboxWorld, customerTenantId: string): boolean {
  const wanted = customerTenantId.toLowerCase();
  return world.state.gdapRelationships.some(
    (r) => r.customer?.tenantId.toLowerCase() === wanted && effectiveGdapStatus(world, r) === 'active',
  );
}

export function gdapEtag(relationship: GdapRelationship): string {
  return `W/"${Buffer.from(`${relationship.id}:${relationship.version}`).toString('base64')}"`;
}

export function createGdapRelationship(world: SandboxWorld, body: unknown): GdapRelationship {
  if (!isRecord(body)) throw bad('The request body must be a delegatedAdminRelationship object.');
  const { displayName, duration, accessDetails, customer } = body;
  const autoExtendDuration = body.autoExtendDuration ?? 'PT0S';

  if (typeof displayName !== 'string' || displayName.trim() === '') throw bad('displayName is required.');
  if (displayName.length > 50) throw bad('displayName must be at most 50 characters.');
  const duplicate = world.state.gdapRelationships.some((r) => r.displayName.toLowerCase() === displayName.toLowerCase());
  if (duplicate) throw bad(`A delegated admin relationship named '${displayName}' already exists; displayName must be unique.`);

  const parsedDuration = typeof duration === 'string' ? parseIsoDuration(duration) : null;
  if (typeof duration !== 'string' || !parsedDuration) throw bad('duration is required and must be an ISO 8601 duration such as P730D.');
  const days = approximateDays(parsedDuration);
  if (days < 1 || days > 730) throw bad('duration must be between P1D and P2Y (730 days).');

  if (!isRecord(accessDetails) || !Array.isArray(accessDetails.unifiedRoles) || accessDetails.unifiedRoles.length === 0) {
    throw bad('accessDetails.unifiedRoles must contain at least one role.');
  }
  if (accessDetails.unifiedRoles.length > MAX_ROLES) throw bad(`accessDetails.unifiedRoles may hold at most ${MAX_ROLES} roles.`);
  const roleIds: string[] = [];
  for (const role of accessDetails.unifiedRoles) {
    const id = isRecord(role) ? role.roleDefinitionId : undefined;
    if (typeof id !== 'string' || !GUID_PATTERN.test(id)) throw bad('Each unifiedRoles entry needs a roleDefinitionId GUID.');
    if (!roleIds.includes(id.toLowerCase())) roleIds.push(id.toLowerCase());
  }

  if (typeof autoExtendDuration !== 'string' || !ALLOWED_AUTO_EXTEND.includes(autoExtendDuration)) {
    throw bad('autoExtendDuration must be PT0S, P0D or P180D.');
  }
  if (roleIds.includes(GLOBAL_ADMINISTRATOR_ROLE_TEMPLATE_ID) && !ZERO_AUTO_EXTEND.includes(autoExtendDuration)) {
    throw bad('Auto-extend is not available for relationships that include the Global Administrator role; use PT0S.');
  }

  let boundCustomer: GdapRelationship['customer'] = null;
  if (customer !== undefined && customer !== null) {
    if (!isRecord(customer) || typeof customer.tenantId !== 'string') throw bad('customer.tenantId must be a string.');
    const account = world.findCustomer(customer.tenantId);
    if (!account || account.tenant.tenantId.toLowerCase() !== customer.tenantId.toLowerCase()) {
      throw bad(`The customer tenant '${customer.tenantId}' was not found.`);
    }
    const name = typeof customer.displayName === 'string' && customer.displayName ? customer.displayName : account.tenant.displayName;
    boundCustomer = { tenantId: account.tenant.tenantId, displayName: name.slice(0, 256) };
  }

  const now = world.clock.nowIso();
  const relationship: GdapRelationship = {
    id: `${boundCustomer ? boundCustomer.tenantId : world.ids.guid('gdap-prefix')}-${world.ids.guid('gdap')}`,
    displayName,
    duration,
    autoExtendDuration,
    customer: boundCustomer,
    unifiedRoleIds: roleIds,
    status: 'created',
    createdDateTime: now,
    lastModifiedDateTime: now,
    activatedDateTime: null,
    endDateTime: null,
    version: 1,
    requests: [],
    accessAssignments: [],
  };
  world.state.gdapRelationships.push(relationship);
  return relationship;
}

/**
 * `POST …/{id}/requests`: lockForApproval (created → approvalPending) or terminate (active → terminated; also a
 * request still waiting for the customer's approval, approvalPending → terminated, which the customer then can no
 * longer approve).
 */
export function addGdapRequest(world: SandboxWorld, relationship: GdapRelationship, body: unknown, ifMatch: string | undefined): GdapRequest {
  if (ifMatch !== undefined && ifMatch !== '*' && ifMatch !== gdapEtag(relationship)) {
    throw new GdapRuleViolation(412, 'preconditionFailed', 'The If-Match etag does not match the relationship.');
  }
  const action = isRecord(body) ? body.action : undefined;
  if (action !== 'lockForApproval' && action !== 'terminate') throw bad("action must be 'lockForApproval' or 'terminate'.");
  const status = effectiveGdapStatus(world, relationship);
  if (action === 'lockForApproval' && status !== 'created') {
    throw bad(`The relationship is '${status}'; only a relationship in status 'created' can be locked for approval.`);
  }
  if (action === 'terminate' && status !== 'active' && status !== 'approvalPending') {
    throw bad(`The relationship is '${status}'; only an active relationship, or one waiting for approval, can be terminated.`);
  }
  const now = world.clock.nowIso();
  const request: GdapRequest = { id: world.ids.guid('gdap-request'), action, status: 'created', createdDateTime: now, lastModifiedDateTime: now };
  relationship.requests.push(request);
  relationship.status = action === 'lockForApproval' ? 'approvalPending' : 'terminated';
  relationship.lastModifiedDateTime = now;
  relationship.version += 1;
  return request;
}

/** `DELETE …/{id}`: only a relationship still in status `created`, with the If-Match etag (required; `*` accepted). */
export function deleteGdapRelationship(world: SandboxWorld, relationship: GdapRelationship, ifMatch: string | undefined): void {
  if (ifMatch === undefined) throw new GdapRuleViolation(400, 'badRequest', 'The If-Match header is required.');
  if (ifMatch !== '*' && ifMatch !== gdapEtag(relationship)) {
    throw new GdapRuleViolation(412, 'preconditionFailed', 'The If-Match etag does not match the relationship.');
  }
  const status = effectiveGdapStatus(world, relationship);
  if (status !== 'created') throw bad(`The relationship is '${status}'; only a relationship in status 'created' can be deleted.`);
  world.state.gdapRelationships.splice(world.state.gdapRelationships.indexOf(relationship), 1);
}

/** The customer's Global Admin approves every relationship waiting for them. Returns the ones activated. */
export function approvePendingGdap(world: SandboxWorld, customerTenantId: string): GdapRelationship[] {
  const now = world.clock.now();
  const activated: GdapRelationship[] = [];
  for (const relationship of world.state.gdapRelationships) {
    if (relationship.customer?.tenantId !== customerTenantId || relationship.status !== 'approvalPending') continue;
    const duration = parseIsoDuration(relationship.duration);
    relationship.status = 'active';
    relationship.activatedDateTime = now.toISOString();
    relationship.endDateTime = duration ? addIsoDuration(now, duration).toISOString() : null;
    relationship.lastModifiedDateTime = now.toISOString();
    relationship.version += 1;
    for (const request of relationship.requests) {
      if (request.action === 'lockForApproval' && request.status === 'created') {
        request.status = 'succeeded';
        request.lastModifiedDateTime = now.toISOString();
      }
    }
    activated.push(relationship);
  }
  return activated;
}

const FILTER_CLAUSE = /^(status|customer\/tenantId|displayName|id)\s+eq\s+'([^']*)'$/i;

/** Supports `$filter` clauses `status|customer/tenantId|displayName|id eq '…'` joined by `and`. */
export function filterGdapRelationships(world: SandboxWorld, filter: string | null): GdapRelationship[] {
  const all = world.state.gdapRelationships;
  if (filter === null || filter.trim() === '') return all;
  if (filter.length > 1000) throw bad('The $filter expression is too long.');
  const predicates = filter.trim().split(/\s+and\s+/i).map((clause) => {
    const match = FILTER_CLAUSE.exec(clause.trim());
    if (!match) throw bad(`Unsupported $filter clause '${clause.trim()}'.`);
    const field = match[1].toLowerCase();
    const value = match[2].toLowerCase();
    return (r: GdapRelationship): boolean => {
      if (field === 'status') return effectiveGdapStatus(world, r).toLowerCase() === value;
      if (field === 'customer/tenantid') return (r.customer?.tenantId.toLowerCase() ?? '') === value;
      if (field === 'displayname') return r.displayName.toLowerCase() === value;
      return r.id.toLowerCase() === value;
    };
  });
  return all.filter((r) => predicates.every((p) => p(r)));
}

function bad(message: string): GdapRuleViolation {
  return new GdapRuleViolation(400, 'badRequest', message);
}
