import assert from 'node:assert/strict';
import { actingAsCallerWhenSignedIn } from '../../services/actingUser';
import type { OutboundServices } from '../../services/outboundServices';

describe('acting as the signed-in staff member', () => {
  function outbound(canActAsUser: boolean) {
    const calls: string[] = [];
    const client = (who: string) => ({
      resellerInvitationLink: async () => { calls.push(`${who}:link`); return `https://link/${who}`; },
      partnerProfile: async function (this: { who: string }) { calls.push(`${this.who}:profile`); return { companyName: 'Relecloud', country: 'US' }; },
      who,
    });
    const directory = (who: string) => ({
      requestDelegatedAdmin: async () => { calls.push(`${who}:gdap`); return { relationshipId: 'r', approvalLink: 'l' }; },
      rolesOf: async () => { calls.push(`${who}:roles`); return []; },
    });
    const services = {
      canActAsUser, partnerCenter: client('app'), partnerDirectory: directory('app'),
      forUser: (token: string) => ({ partnerCenter: client(`user(${token})`), partnerDirectory: directory(`user(${token})`) }),
    } as unknown as OutboundServices;
    return { services, calls };
  }

  it('sends the App+User calls as the staff member when the call carries their sign-in, the rest as the app', async () => {
    const { services, calls } = outbound(true);
    const { partnerCenter, partnerDirectory } = actingAsCallerWhenSignedIn(services);
    assert.equal(await partnerCenter.resellerInvitationLink({ correlationId: 'c', userAssertion: 'megan' }), 'https://link/user(megan)');
    assert.equal(await partnerCenter.resellerInvitationLink({ correlationId: 'c' }), 'https://link/app');
    await partnerDirectory.requestDelegatedAdmin('t', 'n', { correlationId: 'c', userAssertion: 'megan' });
    await partnerCenter.partnerProfile({ correlationId: 'c', userAssertion: 'megan' });
    await partnerDirectory.rolesOf('someone');
    assert.deepEqual(calls, ['user(megan):link', 'app:link', 'user(megan):gdap', 'app:profile', 'app:roles']);
  });

  it('uses the app (and the refresh token) throughout when on-behalf-of is not configured', async () => {
    const { services, calls } = outbound(false);
    const { partnerCenter } = actingAsCallerWhenSignedIn(services);
    await partnerCenter.resellerInvitationLink({ correlationId: 'c', userAssertion: 'megan' });
    assert.deepEqual(calls, ['app:link']);
  });
});
