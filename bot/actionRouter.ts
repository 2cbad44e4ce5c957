import type { AdaptiveCardInvokeResponse, AdaptiveCardInvokeValue, TurnContext } from 'botbuilder';
import type { Logger } from '../move/ports';
import type { ActionHandler } from './actions/actionHandler';
import type { Role } from '../move/model';
import { noRoleRefusal, type ActorResolver } from './actorResolver';
import { errorResponse, messageResponse } from './invokeResponses';

/**
 * Routes an `adaptiveCard/action` invoke to the handler of its verb, after checking the shape of
 * what the client sent and who sent it. Forged or unknown input gets a 400, never a half-applied step.
 */
export class ActionRouter {
  private readonly handlers: Map<string, ActionHandler>;

  constructor(handlers: ActionHandler[], private readonly actors: ActorResolver, private readonly log: Logger, private readonly approverRoles: readonly Role[]) {
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
    // Every card answer shows a move, so every action needs a Partner Center role; the decider checks which.
    const who = await this.actors.resolve(turn, 'partner-user');
    if (!who.ok) return messageResponse(who.message);
    if (who.actor.roles.length === 0) return messageResponse(noRoleRefusal(this.approverRoles, handler.whoCan));
    try {
      return await handler.handle({ turn, actor: who.actor, data: (data ?? {}) as Record<string, unknown> });
    } catch (error) {
      this.log.error({ verb: action.verb, err: error instanceof Error ? error.stack ?? error.message : String(error) }, 'card action failed');
      return errorResponse(500, 'InternalError', `"${action.verb}" failed inside the bot; nothing more was done. Try again; if it repeats, an operator should check the bot's logs.`);
    }
  }
}
