/**
 * Microsoft Customer Agreement: agreement metadata (`GET /v1/agreements`), the customer's acceptances
 * (`GET /v1/customers/{id}/agreements`) and the partner's attestation (`POST /v1/customers/{id}/agreements`).
 * The per-customer calls are App+User only (Microsoft Learn: "This scenario only supports App+User authentication").
 */
import type { Router } from '../../http/router';
import { json } from '../../http/types';
import { agreementTypesOf, attestMca } from '../../world/agreements';
import { requireResellerCustomer } from '../../world/commerce';
import { MCA_AGREEMENT_LINK, MCA_TEMPLATE_ID } from '../../world/constants';
import type { CustomerAgreement } from '../../world/types';
import type { SandboxWorld } from '../../world/world';
import { collection, link } from './presenters';
import { partnerCenterRoute, requireAppPlusUser } from './route';

export function registerAgreementRoutes(router: Router, world: SandboxWorld): void {
  router.add('partnerCenter', 'GET', '/v1/agreements', partnerCenterRoute(world, (request) => {
    const types = agreementTypesOf(request.query.get('agreementType'));
    // Only the MCA template exists in the sandbox (the partner sells new commerce under the MCA).
    const items = types.includes('MicrosoftCustomerAgreement')
      ? [{ templateId: MCA_TEMPLATE_ID, agreementType: 'MicrosoftCustomerAgreement', agreementLink: MCA_AGREEMENT_LINK, versionRank: 0 }]
      : [];
    return json(200, collection(items, `/v1/agreements?agreementType=${encodeURIComponent(request.query.get('agreementType') ?? 'MicrosoftCloudAgreement')}`));
  }));

  router.add('partnerCenter', 'GET', '/v1/customers/:customerId/agreements', partnerCenterRoute(world, (request, token) => {
    requireAppPlusUser(token, "Getting confirmation of the customer's acceptance of an agreement");
    const customer = requireResellerCustomer(world, request.params.customerId);
    const types: readonly string[] = agreementTypesOf(request.query.get('agreementType'));
    const items = customer.agreements.filter((a) => types.includes(a.type)).map(agreementJson);
    return json(200, collection(items, `/v1/customers/${customer.tenant.tenantId}/agreements`));
  }));

  router.add('partnerCenter', 'POST', '/v1/customers/:customerId/agreements', partnerCenterRoute(world, (request, token) => {
    requireAppPlusUser(token, "Confirming the customer's acceptance of the Microsoft Customer Agreement");
    const customer = requireResellerCustomer(world, request.params.customerId);
    const agreement = attestMca(world, customer, request.jsonBody(), token.oid);
    return json(201, { ...agreementJson(agreement), links: { self: link(`/v1/customers/${customer.tenant.tenantId}/agreements`) } });
  }));
}

function agreementJson(agreement: CustomerAgreement) {
  return {
    primaryContact: { ...agreement.primaryContact },
    templateId: agreement.templateId,
    dateAgreed: agreement.dateAgreed,
    type: agreement.type,
    agreementLink: agreement.agreementLink,
    ...(agreement.userId ? { userId: agreement.userId } : {}),
    attributes: { objectType: 'Agreement' },
  };
}
