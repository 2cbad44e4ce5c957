/**
 * The calls added for the whole move, end to end against the sandbox: MCA check and attestation, provisioning
 * status, organization profile and customer search, transfers, GDAP through to access assignments, licence
 * changes in bulk, and mail.
 */
import assert from 'node:assert/strict';
import {
  CONTOSO_DOMAIN, CONTOSO_TENANT_ID, PARTNER_TENANT_ID, PCSYNC_USER_PRINCIPAL_NAME,
  WOODGROVE_DOMAIN, WOODGROVE_TENANT_ID,
} from '../../sandbox/world/constants';
import { PartnerCenterError } from '../../services/partnerCenter/partnerCenterError';
import { type OutboundServices } from '../../services/outboundServices';
import { useSandboxServices } from './support/sandboxServices';

const ctx = { correlationId: '0f0e0d0c-0b0a-4909-8807-060504030201' };
const BUSINESS_PREMIUM = { productId: 'CFQ7TTC0LCHC', skuId: '0002', graphSkuId: 'cbdc14ab-d96c-4c30-b9f4-6ada7cdc1d46' };
const POWER_BI_PRO = 'f8a1db68-be16-40ed-86d5-cb42ce701560';

describe('services: the calls of a whole move against the sandbox', function () {
  this.timeout(30_000);
  let services: OutboundServices;
  const sb = useSandboxServices((_started, built) => { services = built; }, { mailSenderMailbox: 'alexw@relecloud.onmicrosoft.com' });

  it('reads the organization profile, finds a customer by domain, and gets the invitation link with indirect options', async () => {
    const pc = services.partnerCenter;
    const profile = await pc.organizationProfile(ctx);
    assert.equal(profile.country, 'US');
    assert.equal(profile.tenantId, PARTNER_TENANT_ID);
    assert.equal((await pc.findCustomerByDomain(WOODGROVE_DOMAIN.toUpperCase(), ctx))?.id, WOODGROVE_TENANT_ID);
    assert.equal(await pc.findCustomerByDomain(CONTOSO_DOMAIN, ctx), null, 'not a customer yet');
    assert.match(await pc.resellerInvitationLink(ctx, { dualRoleIndirectRelationship: false }), /^https:\/\/admin\.microsoft\.com\//);
  });

  it('refuses checkout without the MCA (13605, with the fix), attests it once, then checks the same cart out', async () => {
    await sb.accept(CONTOSO_DOMAIN, false);
    const pc = services.partnerCenter;
    assert.deepEqual(await pc.customerAgreementStatus(CONTOSO_TENANT_ID, ctx), { accepted: false, latest: null });
    const catalogItemId = await pc.findCatalogItemId(BUSINESS_PREMIUM.productId, BUSINESS_PREMIUM.skuId, 'US', 'P1Y', 'monthly', ctx);
    const { cartId } = await pc.createCart(CONTOSO_TENANT_ID, [{ catalogItemId: catalogItemId!, quantity: 5, termDuration: 'P1Y', billingCycle: 'monthly' }],
      { ...ctx, requestId: 'c0000000-0000-4000-8000-000000000001' });
    await assert.rejects(pc.checkoutCart(CONTOSO_TENANT_ID, cartId, ctx), (error: unknown) => {
      assert.ok(error instanceof PartnerCenterError);
      assert.equal(error.reason, 'customer-agreement-missing');
      assert.match(error.fix, /Microsoft Customer Agreement/);
      return true;
    });
    const contact = { firstName: 'Tania', lastName: 'Carr', email: 'tania.carr@contoso.example', phoneNumber: '1234567890' };
    const attestCtx = { ...ctx, requestId: 'c0000000-0000-4000-8000-000000000002' };
    const record = await pc.attestCustomerAgreement(CONTOSO_TENANT_ID, contact, attestCtx);
    assert.equal(record.type, 'MicrosoftCustomerAgreement');
    assert.ok(record.templateId);
    await pc.attestCustomerAgreement(CONTOSO_TENANT_ID, contact, attestCtx);
    const { agreements } = (await sb.state(CONTOSO_DOMAIN)).customers[0];
    assert.deepEqual(agreements.map((a: { by: string }) => a.by), ['partner attestation'], 'one attestation, however often the step runs');
    assert.equal((await pc.customerAgreementStatus(CONTOSO_TENANT_ID, ctx)).accepted, true);

    const [order] = await pc.checkoutCart(CONTOSO_TENANT_ID, cartId, { ...ctx, requestId: 'c0000000-0000-4000-8000-000000000003' });
    assert.ok(order);
    const subscriptionId = order.lineItems[0]?.subscriptionId as string;
    assert.equal((await pc.getOrder(CONTOSO_TENANT_ID, order.id, ctx)).id, order.id);
    assert.deepEqual((await pc.listSubscriptions(CONTOSO_TENANT_ID, ctx, { orderId: order.id })).map((s) => s.subscriptionId.toLowerCase()), [subscriptionId.toLowerCase()]);

    const pending = await pc.provisioningStatus(CONTOSO_TENANT_ID, subscriptionId, ctx);
    assert.equal(pending.status, 'pending');
    await sb.advanceSeconds(60);
    const done = await pc.provisioningStatus(CONTOSO_TENANT_ID, subscriptionId, ctx);
    assert.deepEqual([done.status, done.quantity, done.skuId], ['success', 5, BUSINESS_PREMIUM.graphSkuId]);
  });

  it('requests GDAP, sees it approved, gives AdminAgents access, and follows the assignment to active', async () => {
    const directory = services.partnerDirectory;
    const { relationshipId } = await directory.requestDelegatedAdmin(CONTOSO_TENANT_ID, 'Relecloud move - Contoso', { ...ctx, requestId: 'e0000000-0000-4000-8000-000000000001' });
    assert.equal((await directory.delegatedAdminStatus(relationshipId, ctx))?.status, 'approvalPending');
    await sb.approveGdap(CONTOSO_DOMAIN);
    const active = await directory.delegatedAdminStatus(relationshipId, ctx);
    assert.equal(active?.status, 'active');
    assert.ok(active?.endDateTime);

    const memberships = await directory.memberOf('00000000-0000-0000-0000-0000000000024'); // Patti Fernandez, Admin agent
    const adminAgents = memberships.find((m) => m.type === 'group' && m.displayName === 'AdminAgents');
    assert.ok(adminAgents?.id);
    const access = await directory.grantDelegatedAccess(relationshipId, ctx);
    assert.ok(access.kind === 'granted');
    assert.deepEqual([access.groupId, access.groupName, access.assignmentStatus], [adminAgents.id, 'AdminAgents', 'pending']);
    const again = await directory.grantDelegatedAccess(relationshipId, ctx);
    assert.equal(again.kind === 'granted' && again.assignmentId, access.assignmentId, 'a retried step reuses it');
    await sb.advanceSeconds(3600);
    const [now] = await directory.gdap.listAccessAssignments(relationshipId, ctx);
    assert.equal(now?.status, 'active');
    assert.deepEqual((await directory.gdap.list(ctx, { customerTenantId: CONTOSO_TENANT_ID })).map((r) => r.id), [relationshipId]);
  });

  it('changes licences in bulk through $batch, reports each user, and counts a repeat as already applied', async () => {
    const licensing = services.customerLicensing;
    const org = await licensing.organization(WOODGROVE_TENANT_ID, ctx);
    assert.equal(org.countryLetterCode, 'US');
    const analysts = [];
    for await (const user of licensing.usersWithSku(WOODGROVE_TENANT_ID, POWER_BI_PRO, ctx)) analysts.push(user);
    assert.ok(analysts.length >= 2);
    const changes = analysts.map((u) => ({ userId: u.id, addLicenses: [], removeLicenses: [POWER_BI_PRO] }));
    const first = await licensing.assignLicenses(WOODGROVE_TENANT_ID, changes, ctx);
    assert.ok(first.every((r) => r.ok && !r.alreadyApplied), JSON.stringify(first));
    const repeat = await licensing.assignLicenses(WOODGROVE_TENANT_ID, changes, ctx);
    assert.ok(repeat.every((r) => r.ok && r.alreadyApplied && r.status === 400), JSON.stringify(repeat));
    const history = await sb.admin('GET', `/customers/${WOODGROVE_DOMAIN}/license-history`);
    const changed = (history.users as Array<{ changes: unknown[] }>).filter((u) => u.changes.length > 0);
    assert.equal(changed.length, analysts.length, 'each user changed once');
  });

  it('sends mail as the App+User identity and from the configured mailbox (app-only)', async () => {
    const message = { subject: 'Please accept our invitation', body: { contentType: 'Text' as const, content: 'Link inside.' }, to: ['admin@contoso.example'] };
    await services.mailer.sendAsUser(message, ctx);
    await services.mailer.sendFromMailbox(message, ctx);
    const outbox = (await sb.state()).outbox as Array<{ from: string; subject: string; to: string[] }>;
    assert.deepEqual(outbox.map((m) => [m.from, m.subject]), [
      [PCSYNC_USER_PRINCIPAL_NAME, message.subject], ['alexw@relecloud.onmicrosoft.com', message.subject],
    ]);
  });

  it('has no on-behalf-of against the http sandbox, and says why', () => {
    assert.equal(services.canActAsUser, false);
    assert.throws(() => services.forUser('a.b.c'), /not https, which @azure\/identity refuses/);
  });
});
