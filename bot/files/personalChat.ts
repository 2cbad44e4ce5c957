/**
 * Reaching the person behind a turn in their personal (1:1) chat with the bot, from a channel or group chat: Teams
 * sends files only there. The chat is created (or, when it exists, found: Teams answers with the same id) with the
 * Bot Connector's createConversation — the person's Teams id and the tenant, as Teams does for proactive 1:1
 * messages — and the activity is sent into it. Uses the connector client of the turn (CloudAdapter puts it in the
 * turn state), so the call goes to the same service URL, with the bot's own credentials.
 */
import { TurnContext, type Activity, type ConversationParameters, type ConversationReference } from 'botbuilder';
import type { ConnectorClient } from 'botframework-connector';

/** Why the personal chat could not be reached, in words for the channel reply. */
export class PersonalChatError extends Error {
  constructor(message: string, readonly status?: number) {
    super(message);
    this.name = 'PersonalChatError';
  }
}

export function isPersonalChat(turn: TurnContext): boolean {
  return turn.activity.conversation?.conversationType === 'personal';
}

/** Sends `activity` to the sender's personal chat with the bot; returns where it went. */
export async function sendToPersonalChat(turn: TurnContext, activity: Partial<Activity>): Promise<Partial<ConversationReference>> {
  const incoming = turn.activity;
  const connector = turn.turnState.get<ConnectorClient | undefined>(turn.adapter.ConnectorClientKey);
  if (!connector) throw new PersonalChatError('this connection to Teams cannot open chats');
  const tenantId = incoming.conversation?.tenantId ?? (incoming.channelData as { tenant?: { id?: string } } | undefined)?.tenant?.id;
  if (!incoming.from?.id || !tenantId) throw new PersonalChatError('Teams did not say who you are or which organisation you belong to');
  const parameters: ConversationParameters = {
    isGroup: false,
    bot: incoming.recipient,
    members: [{ id: incoming.from.id, name: incoming.from.name }],
    tenantId,
    channelData: { tenant: { id: tenantId } },
  };
  let conversationId: string;
  try {
    conversationId = (await connector.conversations.createConversation(parameters)).id;
  } catch (error) {
    throw new PersonalChatError(`Teams would not open the chat (${describe(error)})`, statusOf(error));
  }
  if (!conversationId) throw new PersonalChatError('Teams opened no chat');
  const reference: Partial<ConversationReference> = {
    channelId: incoming.channelId, serviceUrl: incoming.serviceUrl, bot: incoming.recipient, user: incoming.from,
    conversation: { id: conversationId, conversationType: 'personal', isGroup: false, tenantId, name: '' },
  };
  try {
    await connector.conversations.sendToConversation(conversationId, TurnContext.applyConversationReference({ ...activity }, reference));
  } catch (error) {
    throw new PersonalChatError(`Teams would not take the message (${describe(error)})`, statusOf(error));
  }
  return reference;
}

function statusOf(error: unknown): number | undefined {
  const status = (error as { statusCode?: unknown } | null)?.statusCode;
  return typeof status === 'number' ? status : undefined;
}

function describe(error: unknown): string {
  const status = statusOf(error);
  return status ? `HTTP ${status}` : error instanceof Error ? error.message.slice(0, 120) : 'no answer';
}
