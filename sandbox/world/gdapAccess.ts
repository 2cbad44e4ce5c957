/**
 * GDAP access assignments (learn.microsoft.com/graph/api/delegatedadminrelationship-post-accessassignments): which partner security group gets which of
 * the relationship's roles in the customer tenant. Created only on an `active` relationship, with roles that
 * are a subset of the relationship's. A new assignment reads `pending` until the provisioning delay has
 * passed on the sandbox clock, then `active` (worked out when read).
 */
import { addMilliseconds } from '../util/clock';
import { isRecord } from '../util/jwt';
import { effectiveGdapStatus, GdapRuleViolation, GUID_PATTERN } from './gdap';
import type { GdapAccessAssignment, GdapRelationship } from './types';
import type { SandboxWorld } from './world';

const MAX_ASSIGNMENTS = 100;

export function accessAssignmentStatus(world: SandboxWorld, assignment: GdapAccessAssignment): 'pending' | 'active' {
  return world.clock.now().getTime() >= Date.parse(assignment.activeFrom) ? 'active' : 'pending';
}

export function accessAssignmentEtag(assignment: GdapAccessAssignment): string {
  return `W/"${Buffer.from(`${assignment.id}:${assignment.version}`).toString('base64')}"`;
}

export function createAccessAssignment(world: SandboxWorld, relationship: GdapRelationship, body: unknown): GdapAccessAssignment {
  const status = effectiveGdapStatus(world, relationship);
  if (status !== 'active') {
    throw bad(`The relationship is '${status}'; access assignments can only be created on an active relationship.`);
  }
  if (!isRecord(body)) throw bad('The request body must be a delegatedAdminAccessAssignment object.');
  const { accessContainer, accessDetails } = body;
  if (!isRecord(accessContainer)) throw bad('accessContainer (accessContainerId, accessContainerType) is required.');
  const containerId = accessContainer.accessContainerId;
  if (typeof containerId !== 'string' || !GUID_PATTERN.test(containerId)) throw bad('accessContainer.accessContainerId must be a security group id (GUID).');
  const containerType = accessContainer.accessContainerType ?? 'securityGroup';
  if (containerType !== 'securityGroup') throw bad("accessContainer.accessContainerType must be 'securityGroup'.");
  const group = world.state.partner.tenant.groups.find((g) => g.id === containerId.toLowerCase());
  if (!group) throw bad(`The security group '${containerId}' was not found in the partner tenant.`);

  if (!isRecord(accessDetails) || !Array.isArray(accessDetails.unifiedRoles) || accessDetails.unifiedRoles.length === 0) {
    throw bad('accessDetails.unifiedRoles must contain at least one role.');
  }
  const roleIds: string[] = [];
  for (const role of accessDetails.unifiedRoles.slice(0, 100)) {
    const id = isRecord(role) ? role.roleDefinitionId : undefined;
    if (typeof id !== 'string' || !GUID_PATTERN.test(id)) throw bad('Each unifiedRoles entry needs a roleDefinitionId GUID.');
    if (!relationship.unifiedRoleIds.includes(id.toLowerCase())) {
      throw bad(`The role '${id}' is not part of the relationship's roles; an access assignment can only use roles the customer approved.`);
    }
    if (!roleIds.includes(id.toLowerCase())) roleIds.push(id.toLowerCase());
  }
  // A second assignment for the same group is a conflict; the existing one is updated with PATCH in Graph.
  const existing = relationship.accessAssignments.find((a) => a.accessContainerId === group.id);
  if (existing) throw new GdapRuleViolation(409, 'conflict', `The security group '${group.displayName}' already has access assignment ${existing.id} on this relationship.`);
  if (relationship.accessAssignments.length >= MAX_ASSIGNMENTS) throw bad(`A relationship holds at most ${MAX_ASSIGNMENTS} access assignments.`);

  const now = world.clock.now();
  const assignment: GdapAccessAssignment = {
    id: world.ids.guid('gdap-access-assignment'),
    accessContainerId: group.id,
    accessContainerType: 'securityGroup',
    unifiedRoleIds: roleIds,
    createdDateTime: now.toISOString(),
    lastModifiedDateTime: now.toISOString(),
    activeFrom: addMilliseconds(now, world.provisioningDelayMs),
    version: 1,
  };
  relationship.accessAssignments.push(assignment);
  return assignment;
}

function bad(message: string): GdapRuleViolation {
  return new GdapRuleViolation(400, 'badRequest', message);
}
