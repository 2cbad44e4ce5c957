/** Intake: starting a move, and the pre-flight checks' results (tenant, duplicate move, CSP region). */
import type { RecordPreflight, StartMove } from '../commands';
import { accept, blocked, clip, expectStage, refuse, type Decision } from '../decision';
import { SOURCE_CHANNEL_LABELS } from '../model';
import { hasAnyRole, ROLES_THAT_START } from '../policy';
import type { MoveState } from '../state';
import type { DecisionContext } from './handler';
import { regionMismatch } from './regionMismatch';

const DOMAIN_PATTERN = /^(?=.{3,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;
const TENANT_ID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12,13}$/;

export function isValidCustomerIdentifier(value: string): boolean {
  const v = value.trim().toLowerCase();
  return DOMAIN_PATTERN.test(v) || TENANT_ID_PATTERN.test(v);
}

/** The only command a move that does not exist yet takes; one active move per customer. */
export function startMove(command: StartMove, state: MoveState, { envelope }: DecisionContext): Decision {
  if (state.version !== 0) return refuse({ kind: 'move-already-started' });
  if (!hasAnyRole(command.actor, ROLES_THAT_START)) {
    return refuse({ kind: 'role-required', action: 'start-move', roles: [...ROLES_THAT_START], actorRoles: command.actor.roles });
  }
  const domain = command.customerDomain.trim().toLowerCase();
  if (!isValidCustomerIdentifier(domain)) {
    return refuse({ kind: 'not-a-customer-id', input: clip(command.customerDomain, 80) });
  }
  const country = command.customerCountry.trim().toUpperCase();
  if (!/^[A-Z]{2}$/.test(country)) {
    return refuse({ kind: 'country-missing' });
  }
  if (!Object.hasOwn(SOURCE_CHANNEL_LABELS, command.source)) {
    return refuse({ kind: 'source-missing' });
  }
  if (command.activeMoveId) {
    return refuse({ kind: 'already-moving', domain, moveId: command.activeMoveId });
  }
  // The StartMove request's correlation id becomes the move's.
  return accept({
    type: 'MoveStarted', ...envelope, moveId: command.moveId, correlationId: command.correlationId,
    customerDomain: domain, customerCountry: country, source: command.source,
    multiPartner: command.multiPartner, requestGdap: command.requestGdap,
  });
}

/**
 * Pre-flight's findings block the move (no tenant, another move for the same tenant, a country outside the table,
 * the partner's CSP region) or pass it: to the invitation, or straight to the inventory for an existing customer.
 */
export function recordPreflight(command: RecordPreflight, state: MoveState, { envelope, regions }: DecisionContext): Decision {
  const wrong = expectStage(state, 'preflight');
  if (wrong) return wrong;
  if (!command.tenant) {
    return accept(blocked(envelope, { code: 'tenant-not-found', domain: state.customerDomain },
      `No Microsoft 365 tenant answers for ${state.customerDomain}. Check the spelling, or use the tenant's .onmicrosoft.com domain or tenant id.`));
  }
  if (command.otherActiveMove) {
    const other = command.otherActiveMove;
    return accept(blocked(envelope, { code: 'duplicate-tenant', otherMoveId: other.moveId },
      `${state.customerDomain} is the same Microsoft 365 tenant as ${other.customerDomain}, which already has a move under way (${other.moveId}). One move per customer: follow or cancel that one.`));
  }
  const partnerRegion = regions.regionOf(command.partnerCountry);
  if (!partnerRegion) {
    return accept(blocked(envelope, { code: 'unknown-country', country: command.partnerCountry },
      `Your company's country ${command.partnerCountry} is not in the CSP region table. Update the table (CSP_REGIONS_FILE) or set PARTNER_COUNTRY.`));
  }
  const customerRegion = regions.regionOf(state.customerCountry);
  if (!customerRegion) {
    return accept(blocked(envelope, { code: 'unknown-country', country: state.customerCountry },
      `${state.customerCountry} is not a country in the CSP region table. Check the customer tenant's country.`));
  }
  if (customerRegion !== partnerRegion) {
    return accept(regionMismatch(envelope, state.customerCountry, customerRegion, command.partnerCountry, partnerRegion, 'intake'));
  }
  // The tenant's region scope is only a coarse hint; an Account admin may have overridden it.
  const scopeOverridden = state.overrides.some((o) => o.code === 'region-mismatch');
  if (!scopeOverridden && regions.scopeContradicts(partnerRegion, command.tenant.regionScope)) {
    const scopeRegion = `tenant region scope ${command.tenant.regionScope}`;
    return accept(regionMismatch(envelope, state.customerCountry, scopeRegion, command.partnerCountry, partnerRegion, 'tenant-metadata'));
  }
  return accept({
    type: 'PreflightPassed', ...envelope, tenantId: command.tenant.tenantId, partnerCountry: command.partnerCountry,
    partnerRegion, customerRegion, existingCustomerId: command.existingCustomerId,
  });
}
