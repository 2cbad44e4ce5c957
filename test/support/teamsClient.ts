import { randomUUID } from 'node:crypto';
import { PARTNER_TENANT_ID } from '../../sandbox/world/constants';

export interface TeamsUser {
  id: string;
  name: string;
  aadObjectId: string;
}

/** Builds the activities Teams would POST to /api/messages, for integration tests over HTTP. */
export class TeamsClient {
  constructor(
    private readonly botUrl: string,
    private readonly serviceUrl: string,
    private readonly tenantId = PARTNER_TENANT_ID,
    /** The Bot Connector's token for the bot (authentication on); none = anonymous, as in local mode. */
    private readonly channelToken?: () => Promise<string>,
    /** Waits for what the bot posts after answering (its outbox), so a test sees what the request caused. */
    private readonly settled: () => Promise<void> = async () => undefined,
  ) {}

  personal(user: TeamsUser) {
    return { id: `a:personal-${user.aadObjectId}`, conversationType: 'personal', tenantId: this.tenantId };
  }

  channel(channelId: string) {
    return { id: `${channelId};messageid=${randomUUID()}`, conversationType: 'channel', tenantId: this.tenantId, isGroup: true };
  }

  async say(user: TeamsUser, text: string, conversation = this.personal(user), channelData: object = {}): Promise<Response> {
    return this.post({ type: 'message', text, from: user, conversation, channelData: { tenant: { id: this.tenantId }, ...channelData } });
  }

  /** Clicks an Action.Execute button; returns the invoke response body. */
  async click(user: TeamsUser, verb: string, data: object, conversation = this.personal(user)): Promise<{ status: number; body: any }> {
    const response = await this.post({
      type: 'invoke', name: 'adaptiveCard/action', from: user, conversation,
      channelData: { tenant: { id: this.tenantId } },
      value: { action: { type: 'Action.Execute', id: randomUUID(), verb, data }, trigger: 'manual' },
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : null };
  }

  async post(activity: Record<string, unknown>): Promise<Response> {
    const authorization: Record<string, string> = this.channelToken ? { authorization: `Bearer ${await this.channelToken()}` } : {};
    const response = await fetch(`${this.botUrl}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...authorization },
      body: JSON.stringify({
        id: randomUUID(), channelId: 'msteams', serviceUrl: this.serviceUrl, timestamp: new Date().toISOString(),
        recipient: { id: '28:bot', name: 'CSP Move Assistant' }, locale: 'en-US', ...activity,
      }),
    });
    await response.clone().arrayBuffer();
    await this.settled();
    return response;
  }
}
