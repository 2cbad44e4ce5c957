/**
 * Graph GDAP API in the partner tenant: `/tenantRelationships/delegatedAdminRelationships`, its requests and
 * its access assignments.
 */
import { graphError } from '../../http/errors';
import type { Router } from '../../http/router';
import { json, type SandboxRequest } from '../../http/types';
import {
  addGdapRequest, createGdapRelationship, deleteGdapRelationship, effectiveGdapStatus, filterGdapRelationships, gdapEtag,
} from '../../world/gdap';
import { accessAssignmentEtag, accessAssignmentStatus, createAccessAssignment } from '../../world/gdapAccess';
import type { GdapAccessAssignment, GdapRelationship, GdapRequest, Tenant } from '../../world/types';
import type { SandboxWorld } from '../../world/world';
import { collectionBody, graphBase, odataContext, pageOf, queryOption } from './odata';
import { graphRoute } from './route';

const BASE = '/graph/v1.0/tenantRelationships/delegatedAdminRelationships';
/** `$top` supports up to 300 objects on this API (Graph docs review thread). */
const GDAP_MAX_TOP = 300;

export function registerGdapRoutes(router: Router, world: SandboxWorld): void {
  router.add('graph', 'GET', BASE, graphRoute(world, (request, _token, tenant) => {
    requirePartnerTenant(world, request, tenant);
    const relationships = filterGdapRelationships(world, queryOption(request, 'filter'));
    const page = pageOf(request, relationships.map((r) => relationshipJson(world, r)), 100, GDAP_MAX_TOP);
    return json(200, collectionBody(request, 'tenantRelationships/delegatedAdminRelationships', page));
  }));
  router.add('graph', 'POST', BASE, graphRoute(world, (request, _token, tenant) => {
    requirePartnerTenant(world, request, tenant);
    const relationship = createGdapRelationship(world, request.jsonBody());
    return json(
      201,
      { '@odata.context': odataContext(request, 'tenantRelationships/delegatedAdminRelationships/$entity'), ...relationshipJson(world, relationship) },
      { Location: `${graphBase(request)}/tenantRelationships/delegatedAdminRelationships/${relationship.id}`, ETag: gdapEtag(relationship) },
    );
  }));
  router.add('graph', 'GET', `${BASE}/:relationshipId`, graphRoute(world, (request, _token, tenant) => {
    const relationship = findRelationship(world, request, tenant);
    return json(200, { '@odata.context': odataContext(request, 'tenantRelationships/delegatedAdminRelationships/$entity'), ...relationshipJson(world, relationship) }, { ETag: gdapEtag(relationship) });
  }));
  router.add('graph', 'DELETE', `${BASE}/:relationshipId`, graphRoute(world, (request, _token, tenant) => {
    deleteGdapRelationship(world, findRelationship(world, request, tenant), request.header('if-match'));
    return { status: 204 };
  }));
  router.add('graph', 'GET', `${BASE}/:relationshipId/requests`, graphRoute(world, (request, _token, tenant) => {
    const relationship = findRelationship(world, request, tenant);
    const page = pageOf(request, relationship.requests.map(requestJson), 100, GDAP_MAX_TOP);
    return json(200, collectionBody(request, `tenantRelationships/delegatedAdminRelationships('${relationship.id}')/requests`, page));
  }));
  router.add('graph', 'POST', `${BASE}/:relationshipId/requests`, graphRoute(world, (request, _token, tenant) => {
    // The v1.0 docs list application permissions as "not supported" here; the sandbox accepts app tokens too.
    const relationship = findRelationship(world, request, tenant);
    const created = addGdapRequest(world, relationship, request.jsonBody(), request.header('if-match'));
    return json(201, { '@odata.context': odataContext(request, `tenantRelationships/delegatedAdminRelationships('${relationship.id}')/requests/$entity`), ...requestJson(created) });
  }));
  router.add('graph', 'GET', `${BASE}/:relationshipId/requests/:requestId`, graphRoute(world, (request, _token, tenant) => {
    const relationship = findRelationship(world, request, tenant);
    const found = relationship.requests.find((r) => r.id === request.params.requestId.toLowerCase());
    if (!found) throw graphError(request, 404, 'notFound', `The request '${request.params.requestId.slice(0, 100)}' was not found.`);
    return json(200, requestJson(found));
  }));
  router.add('graph', 'GET', `${BASE}/:relationshipId/accessAssignments`, graphRoute(world, (request, _token, tenant) => {
    const relationship = findRelationship(world, request, tenant);
    const page = pageOf(request, relationship.accessAssignments.map((a) => accessAssignmentJson(world, a)), 100, GDAP_MAX_TOP);
    return json(200, collectionBody(request, `tenantRelationships/delegatedAdminRelationships('${relationship.id}')/accessAssignments`, page));
  }));
  router.add('graph', 'POST', `${BASE}/:relationshipId/accessAssignments`, graphRoute(world, (request, _token, tenant) => {
    const relationship = findRelationship(world, request, tenant);
    const assignment = createAccessAssignment(world, relationship, request.jsonBody());
    return json(
      201,
      { '@odata.context': odataContext(request, `tenantRelationships/delegatedAdminRelationships('${relationship.id}')/accessAssignments/$entity`), ...accessAssignmentJson(world, assignment) },
      { Location: `${graphBase(request)}/tenantRelationships/delegatedAdminRelationships/${relationship.id}/accessAssignments/${assignment.id}`, ETag: accessAssignmentEtag(assignment) },
    );
  }));
  router.add('graph', 'GET', `${BASE}/:relationshipId/accessAssignments/:assignmentId`, graphRoute(world, (request, _token, tenant) => {
    const relationship = findRelationship(world, request, tenant);
    const found = relationship.accessAssignments.find((a) => a.id === request.params.assignmentId.toLowerCase());
    if (!found) throw graphError(request, 404, 'notFound', `The access assignment '${request.params.assignmentId.slice(0, 100)}' was not found.`);
    return json(200, { '@odata.context': odataContext(request, `tenantRelationships/delegatedAdminRelationships('${relationship.id}')/accessAssignments/$entity`), ...accessAssignmentJson(world, found) }, { ETag: accessAssignmentEtag(found) });
  }));
}

function accessAssignmentJson(world: SandboxWorld, assignment: GdapAccessAssignment) {
  return {
    '@odata.type': '#microsoft.graph.delegatedAdminAccessAssignment',
    '@odata.etag': accessAssignmentEtag(assignment),
    id: assignment.id,
    status: accessAssignmentStatus(world, assignment),
    createdDateTime: assignment.createdDateTime,
    lastModifiedDateTime: assignment.lastModifiedDateTime,
    accessContainer: { accessContainerId: assignment.accessContainerId, accessContainerType: assignment.accessContainerType },
    accessDetails: { unifiedRoles: assignment.unifiedRoleIds.map((roleDefinitionId) => ({ roleDefinitionId })) },
  };
}

function requirePartnerTenant(world: SandboxWorld, request: SandboxRequest, tenant: Tenant): void {
  if (!world.isPartnerTenant(tenant.tenantId)) {
    throw graphError(request, 403, 'Authorization_RequestDenied', 'Delegated admin relationships are managed from the partner tenant.');
  }
}

function findRelationship(world: SandboxWorld, request: SandboxRequest, tenant: Tenant): GdapRelationship {
  requirePartnerTenant(world, request, tenant);
  const wanted = request.params.relationshipId.toLowerCase();
  const relationship = world.state.gdapRelationships.find((r) => r.id.toLowerCase() === wanted);
  if (!relationship) throw graphError(request, 404, 'notFound', `The delegated admin relationship '${request.params.relationshipId.slice(0, 200)}' was not found.`);
  return relationship;
}

function relationshipJson(world: SandboxWorld, relationship: GdapRelationship) {
  return {
    '@odata.type': '#microsoft.graph.delegatedAdminRelationship',
    '@odata.etag': gdapEtag(relationship),
    id: relationship.id,
    displayName: relationship.displayName,
    duration: relationship.duration,
    status: effectiveGdapStatus(world, relationship),
    autoExtendDuration: relationship.autoExtendDuration,
    createdDateTime: relationship.createdDateTime,
    lastModifiedDateTime: relationship.lastModifiedDateTime,
    activatedDateTime: relationship.activatedDateTime,
    endDateTime: relationship.endDateTime,
    customer: relationship.customer ? { ...relationship.customer } : null,
    accessDetails: { unifiedRoles: relationship.unifiedRoleIds.map((roleDefinitionId) => ({ roleDefinitionId })) },
  };
}

function requestJson(request: GdapRequest) {
  return {
    '@odata.type': '#microsoft.graph.delegatedAdminRelationshipRequest',
    id: request.id,
    action: request.action,
    status: request.status,
    createdDateTime: request.createdDateTime,
    lastModifiedDateTime: request.lastModifiedDateTime,
  };
}
