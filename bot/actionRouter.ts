import type { AdaptiveCardInvokeResponse, AdaptiveCardInvokeValue, TurnContext } from 'botbuilder';
import type { z } from 'zod';
import type { Logger } from '../move/ports';
import type { ActionHandler } from './actions/actionHandler';
import type { Role } from '../move/model';
import { noRoleRefusal, type ActorResolver } from './actorResolver';
import { errorResponse, messageResponse } from './invokeResponses';

/**
 * Routes an `adaptiveCard/action` invoke to the handler of its verb, after parsing what the client sent with
 * the verb's contract (the schema beside the card that emits it) and checking who sent it. Forged or unknown
 * input gets a 400 naming the field, never a half-applied step; the handler gets the typed data.
 */
export class ActionRouter {
  private readonly handlers: Map<string, ActionHandler>;

  constructor(handlers: readonly ActionHandler[], private readonly actors: ActorResolver, private readonly log: Logger, private readonly approverRoles: readonly Role[]) {
    this.handlers = new Map(handlers.map((h) => [h.verb, h]));
  }

  get verbs(): string[] {
    return [...this.handlers.keys()];
  }

  async route(turn: TurnContext, value: AdaptiveCardInvokeValue | undefined): Promise<AdaptiveCardInvokeResponse> {
    const action = value?.action;
    if (!action || action.type !== 'Action.Execute' || typeof action.verb !== 'string') {
      return errorResponse(400, 'BadRequest', 'Expected an Action.Execute with a verb.');
    }
    const handler = this.handlers.get(action.verb);
    if (!handler) return errorResponse(400, 'UnknownVerb', `Unknown action "${action.verb.slice(0, 60)}". Refresh the card or say \`help\`.`);
    const data = action.data;
    if (data !== undefined && (typeof data !== 'object' || data === null || Array.isArray(data))) {
      return errorResponse(400, 'BadRequest', 'The card sent malformed data.');
    }
    // The verb's contract first: data that does not fit gets a 400 naming the field, before anyone is looked up.
    const parsed = handler.contract.safeParse(data ?? {}, { error: fieldReason });
    if (!parsed.success) return errorResponse(400, 'BadRequest', malformedMessage(parsed.error));
    // Every card answer shows a move, so every action needs a Partner Center role; the decider checks which.
    const who = await this.actors.resolve(turn, 'partner-user');
    if (!who.ok) return messageResponse(who.message);
    if (who.actor.roles.length === 0) {
      // The verb's own "who can" sentence is English; another language gets the general one.
      const locale = this.actors.localeOf(turn);
      return messageResponse(noRoleRefusal(this.approverRoles, locale === 'en' ? handler.whoCan : undefined, locale));
    }
    try {
      return await handler.handle({ turn, actor: who.actor, data: parsed.data });
    } catch (error) {
      this.log.error({ verb: action.verb, err: error instanceof Error ? error.stack ?? error.message : String(error) }, 'card action failed');
      return errorResponse(500, 'InternalError', `"${action.verb}" failed inside the bot; nothing more was done. Try again; if it repeats, an operator should check the bot's logs.`);
    }
  }
}

/** Our words for what a field must be, for issues whose schema did not say (never zod's own text). */
const NOUNS: Readonly<Record<string, string>> = Object.freeze({
  string: 'text', number: 'a number', boolean: 'a boolean', array: 'a list', object: 'an object',
});

function fieldReason(issue: z.core.$ZodRawIssue): string {
  if (issue.input === undefined && issue.code === 'invalid_type') return 'is missing';
  switch (issue.code) {
    case 'invalid_type': return `must be ${NOUNS[issue.expected] ?? 'of another type'}`;
    case 'too_big': return `must be at most ${String(issue.maximum)} ${issue.origin === 'string' ? 'characters' : 'items'}`;
    default: return 'has the wrong shape';
  }
}

/** "The card sent malformed data: "comment" must be text." — the first field that does not fit, and what it must be. */
function malformedMessage(error: z.ZodError): string {
  const issue = error.issues[0];
  const field = issue && issue.path.length > 0 ? issue.path.map(String).join('.').slice(0, 60) : 'data';
  const reason = issue?.message ?? 'has the wrong shape';
  return `The card sent malformed data: "${field}" ${reason}. Refresh the card and try again; nothing was done.`;
}
