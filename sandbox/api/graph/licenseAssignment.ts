/** Graph `POST /users/{id | userPrincipalName}/assignLicense` and `/me/assignLicense` (learn.microsoft.com/graph/api/user-assignlicense). */
import { graphErrorResponse } from '../../http/errors';
import type { Router } from '../../http/router';
import { HttpError, json, type SandboxRequest } from '../../http/types';
import { assignLicenses, LicenseRuleViolation } from '../../world/licenseAssignment';
import type { DirectoryUser, Tenant } from '../../world/types';
import type { SandboxWorld } from '../../world/world';
import type { AccessTokenClaims } from '../tokens';
import { odataContext } from './odata';
import { graphRoute, requirePermission } from './route';
import { findUser, signedInUser, userJson } from './users';

const PERMISSION = 'LicenseAssignment.ReadWrite.All';

export function registerLicenseAssignmentRoutes(router: Router, world: SandboxWorld): void {
  const v1 = '/graph/v1.0';
  router.add('graph', 'POST', `${v1}/users/:userId/assignLicense`, graphRoute(world, (request, token, tenant) =>
    assign(world, request, token, tenant, findUser(request, tenant, request.params.userId))));
  router.add('graph', 'POST', `${v1}/me/assignLicense`, graphRoute(world, (request, token, tenant) =>
    assign(world, request, token, tenant, signedInUser(request, token, tenant))));
}

function assign(world: SandboxWorld, request: SandboxRequest, token: AccessTokenClaims, tenant: Tenant, user: DirectoryUser) {
  requirePermission(request, token, PERMISSION);
  try {
    assignLicenses(world, tenant, user, request.jsonBody(), token.oid);
  } catch (error) {
    if (!(error instanceof LicenseRuleViolation)) throw error;
    const response = graphErrorResponse(request, 400, error.code, error.message);
    if (error.detailCode) {
      // Graph lists the licensing error category (CountViolation, …) as a detail of the error.
      const body = response.body as { error: Record<string, unknown> };
      body.error.details = [{ code: error.detailCode, message: error.message, target: error.target ?? null }];
    }
    throw new HttpError(response);
  }
  // 200 with the user: the full set of properties, so the caller sees assignedLicenses and licenseAssignmentStates.
  return json(200, { '@odata.context': odataContext(request, 'users/$entity'), ...userJson(user) });
}
