import {
  TeamsActivityHandler, TurnContext, type AdaptiveCardInvokeValue, type InvokeResponse,
} from 'botbuilder';
import { welcomeCard } from '../cards/welcomeCard';
import type { Logger } from '../move/ports';
import type { ActionRouter } from './actionRouter';
import type { ActorResolver } from './actorResolver';
import type { CommandRouter } from './commandRouter';
import type { ConversationRegistry } from './conversationRegistry';
import type { FileConsentHandler } from './files/fileConsentHandler';
import { startRequest } from './requestCorrelation';
import { cardActivity } from './teamsNotifier';
import type { TurnScope } from './turnScope';
import { TypingIndicator } from './typingIndicator';

/**
 * The Teams edge: chat commands, card actions and install events. Each turn runs inside a TurnScope
 * so the notifier does not repeat in this conversation what the turn's reply already shows.
 */
export class MoveBot extends TeamsActivityHandler {
  constructor(
    private readonly commands: CommandRouter,
    private readonly actions: ActionRouter,
    private readonly registry: ConversationRegistry,
    private readonly turns: TurnScope,
    private readonly log: Logger,
    private readonly actors: ActorResolver,
    private readonly fileConsent: FileConsentHandler,
    /** "Typing…" from the moment a message arrives until it is answered (never for card clicks: they answer with a card). */
    private readonly typing: TypingIndicator = new TypingIndicator(log),
  ) {
    super();
    this.onMessage(async (context, next) => {
      await this.typing.during(context, () => this.inScope(context, () => this.commands.route(context)));
      await next();
    });
    this.onInstallationUpdateAdd(async (context, next) => {
      await this.welcome(context);
      await next();
    });
    this.onMembersAdded(async (context, next) => {
      const botAdded = (context.activity.membersAdded ?? []).some((m) => m.id === context.activity.recipient?.id);
      if (botAdded) await this.welcome(context);
      await next();
    });
  }

  /**
   * Card actions go straight to the router: botbuilder's own parsing of `adaptiveCard/action` throws on
   * a payload without `action`, which would crash the turn instead of answering 400.
   */
  protected override async onInvokeActivity(context: TurnContext): Promise<InvokeResponse> {
    if (context.activity.name === 'fileConsent/invoke') return this.answerFileConsent(context);
    if (context.activity.name !== 'adaptiveCard/action') return super.onInvokeActivity(context);
    const response = await this.inScope(context, () => this.actions.route(context, context.activity.value as AdaptiveCardInvokeValue | undefined));
    if (response.statusCode >= 400 && response.statusCode !== 401) this.log.warn({ status: response.statusCode, verb: (context.activity.value as { action?: { verb?: unknown } } | undefined)?.action?.verb }, 'card action refused');
    return { status: response.statusCode, body: response };
  }

  /**
   * A FileConsentCard's answer goes to its own handler, not botbuilder's handleTeamsFileConsentAccept/Decline:
   * those always answer 200, and a forged, expired or someone else's answer must get a 4xx.
   */
  private async answerFileConsent(context: TurnContext): Promise<InvokeResponse> {
    const response = await this.inScope(context, () => this.fileConsent.handle(context));
    if (response.status >= 400) this.log.warn({ status: response.status }, 'file consent answer refused');
    return response;
  }

  /** Every turn gets its request's correlation id first. */
  override async run(context: TurnContext): Promise<void> {
    startRequest(context);
    await super.run(context);
  }

  private async welcome(context: TurnContext): Promise<void> {
    const conversationId = context.activity.conversation?.id;
    // Only the partner's own organisation is welcomed (and remembered): nothing is stored for anyone else.
    if (!conversationId || !this.actors.fromPartnerTenant(context) || !(await this.registry.markWelcomed(conversationId))) return;
    await context.sendActivity(cardActivity(welcomeCard({ userName: context.activity.from?.name })));
  }

  private inScope<T>(context: TurnContext, work: () => Promise<T>): Promise<T> {
    return this.turns.run(context.activity.conversation?.id ?? '', work);
  }
}
