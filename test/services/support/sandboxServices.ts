/** One sandbox per suite; before each test the world is reset and the outbound services built afresh. */
import { startSandbox, type SandboxHandleWithWorld } from '../../../sandbox/server';
import { PARTNER_TENANT_ID, SANDBOX_CLIENT_ID, SANDBOX_CLIENT_SECRET, SANDBOX_REFRESH_TOKEN } from '../../../sandbox/world/constants';
import { createOutboundServices, sandboxEndpoints, type OutboundServices } from '../../../services/outboundServices';
import { sandboxClient } from './sandboxAdmin';

type ServiceOptions = Omit<Parameters<typeof createOutboundServices>[0], 'endpoints' | 'partnerTenantId' | 'clientId' | 'clientSecret' | 'refreshToken'>;

/** Call inside a `describe`: registers the hooks and hands the suite its sandbox and services. */
export function useSandboxServices(
  receive: (sandbox: SandboxHandleWithWorld, services: OutboundServices) => void, options: ServiceOptions = {},
): ReturnType<typeof sandboxClient> {
  let sandbox: SandboxHandleWithWorld | undefined;
  const sb = sandboxClient(() => sandbox!.url);
  before(async () => { sandbox = await startSandbox({ port: 0 }); });
  after(async () => { await sandbox?.close(); });
  beforeEach(async () => {
    await sb.reset();
    receive(sandbox!, createOutboundServices({
      endpoints: sandboxEndpoints(sandbox!.url), partnerTenantId: PARTNER_TENANT_ID, clientId: SANDBOX_CLIENT_ID,
      clientSecret: SANDBOX_CLIENT_SECRET, refreshToken: SANDBOX_REFRESH_TOKEN, ...options,
    }));
  });
  return sb;
}
