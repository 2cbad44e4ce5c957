import type { CallContext, PartnerCenter, PartnerDirectory } from '../move/ports';
import type { OutboundServices } from './outboundServices';

/**
 * The Partner Center and partner-directory ports the domain uses, acting as the staff member whenever a
 * call carries their sign-in (`ctx.userAssertion`, a Teams SSO token exchanged on-behalf-of) and as
 * the app (or the secure-app-model user) otherwise. Only the App+User calls need the switch.
 */
export function actingAsCallerWhenSignedIn(outbound: OutboundServices): { partnerCenter: PartnerCenter; partnerDirectory: PartnerDirectory } {
  if (!outbound.canActAsUser) return { partnerCenter: outbound.partnerCenter, partnerDirectory: outbound.partnerDirectory };
  const servicesFor = (ctx: CallContext) => (ctx.userAssertion ? outbound.forUser(ctx.userAssertion) : outbound);
  // Everything else is the app's own client: these objects only override the App+User calls.
  const partnerCenter: PartnerCenter = Object.assign(Object.create(outbound.partnerCenter) as PartnerCenter, {
    resellerInvitationLink: (ctx: CallContext) => servicesFor(ctx).partnerCenter.resellerInvitationLink(ctx),
  });
  const partnerDirectory: PartnerDirectory = Object.assign(Object.create(outbound.partnerDirectory) as PartnerDirectory, {
    requestDelegatedAdmin: (tenantId: string, displayName: string, ctx: CallContext) =>
      servicesFor(ctx).partnerDirectory.requestDelegatedAdmin(tenantId, displayName, ctx),
  });
  return { partnerCenter, partnerDirectory };
}
