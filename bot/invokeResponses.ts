import type { AdaptiveCardInvokeResponse } from 'botbuilder';
import type { AdaptiveCardJson } from '../cards/common';

/** The three answers an Action.Execute click can get (Universal Actions, graph-and-teams-platform B4). */
export function cardResponse(card: AdaptiveCardJson): AdaptiveCardInvokeResponse {
  return { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: card as unknown as Record<string, unknown> };
}

/** A message shown to the person who clicked; the card stays as it is. */
export function messageResponse(text: string): AdaptiveCardInvokeResponse {
  return { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: text as unknown as Record<string, unknown> };
}

export function errorResponse(statusCode: 400 | 500, code: string, message: string): AdaptiveCardInvokeResponse {
  return { statusCode, type: 'application/vnd.microsoft.error', value: { code, message } as unknown as Record<string, unknown> };
}
