import type { StatePropertyAccessor, TurnContext, ConversationState } from 'botbuilder';
import { DialogSet, DialogTurnStatus, type DialogState } from 'botbuilder-dialogs';
import { cleanText, parseCommand, quoteForChat, type ChatCommand } from '../dialogs/commandParser';
import { INTAKE_DIALOG_ID, IntakeDialog } from '../dialogs/intakeDialog';
import type { Actor } from '../move/model';
import { noticeCard } from '../cards/noticeCard';
import { suggestionCard } from '../cards/suggestionCard';
import { suggestCommand } from '../dialogs/commandSuggestion';
import type { Role } from '../move/model';
import { noRoleRefusal, noRoleTitle, nothingDoneTitle, type ActorResolver } from './actorResolver';
import { t } from '../cards/i18n/catalog';
import type { Locale } from '../cards/i18n/locales';
import { cardActivity } from './teamsNotifier';
import type { CommandHandler } from './commands/commandHandler';

/**
 * Routes a chat message: first who is asking (a refusal ends the turn, before anything is looked up);
 * then a conversation in the middle of a dialog continues it (unless the person typed a command, which
 * wins); otherwise the text is parsed and handed to its command's handler, if the sender may use it —
 * after `beforeCommand` (with a shared store: the moves as the store has them, whichever instance changed them).
 */
export class CommandRouter {
  private readonly handlers = new Map<string, CommandHandler>();
  private readonly dialogs: DialogSet;

  constructor(
    private readonly conversationState: ConversationState,
    dialogState: StatePropertyAccessor<DialogState>,
    intake: IntakeDialog,
    private readonly actors: ActorResolver,
    private readonly approverRoles: readonly Role[],
    private readonly beforeCommand: () => Promise<void> = async () => undefined,
  ) {
    this.dialogs = new DialogSet(dialogState);
    this.dialogs.add(intake);
  }

  register(handler: CommandHandler): this {
    this.handlers.set(handler.kind, handler);
    return this;
  }

  private handlerFor(command: ChatCommand): CommandHandler | undefined {
    return command.kind === 'unknown' ? undefined : this.handlers.get(command.kind);
  }

  async startIntake(turn: TurnContext): Promise<void> {
    const dc = await this.dialogs.createContext(turn);
    await dc.cancelAllDialogs();
    await dc.beginDialog(INTAKE_DIALOG_ID);
  }

  async route(turn: TurnContext): Promise<void> {
    try {
      // Anyone of the partner tenant may get help; everything else needs a Partner Center role (checked below).
      const text = cleanText(turn.activity.text ?? '');
      const who = await this.actors.resolve(turn, 'partner-user');
      const locale = this.actors.localeOf(turn);
      if (!who.ok) {
        await refuse(turn, this.handlerFor(parseCommand(text))?.refusalTitle ?? nothingDoneTitle(locale), who.message);
        return;
      }
      if (!text && turn.activity.value) {
        await turn.sendActivity(t(locale, 'replies.needsNewerTeams'));
        return;
      }
      const command = parseCommand(text);
      const dc = await this.dialogs.createContext(turn);
      if (dc.activeDialog && who.actor.roles.length > 0 && (command.kind === 'unknown' || looksLikeAnswer(text))) {
        const result = await dc.continueDialog();
        if (result.status !== DialogTurnStatus.empty) return;
      }
      await dc.cancelAllDialogs();
      await this.dispatch(turn, command, who.actor, locale);
    } finally {
      await this.conversationState.saveChanges(turn, false);
    }
  }

  private async dispatch(turn: TurnContext, command: ChatCommand, actor: Actor, locale: Locale): Promise<void> {
    if (command.kind === 'unknown') {
      // A typo of a command gets the corrected command as a button; anything else the pointer to help.
      const suggestion = suggestCommand(command.text);
      const typed = quoteForChat(command.text, 80);
      await turn.sendActivity(suggestion
        ? cardActivity(suggestionCard(t(locale, 'replies.notUnderstoodDidYouMean', { text: typed, suggestion: quoteForChat(suggestion, 120) }), [suggestion]))
        : t(locale, 'replies.notUnderstood', { text: typed }));
      return;
    }
    const handler = this.handlerFor(command);
    if (!handler) {
      await turn.sendActivity(t(locale, 'replies.notAvailable'));
      return;
    }
    if ((handler.access ?? 'staff') === 'staff' && actor.roles.length === 0) {
      await refuse(turn, handler.refusalTitle ?? noRoleTitle(locale), noRoleRefusal(this.approverRoles, handler.whoCan, locale));
      return;
    }
    if ((handler.access ?? 'staff') === 'staff') await this.beforeCommand();
    await (handler as { handle(turn: TurnContext, command: ChatCommand, actor: Actor): Promise<void> }).handle(turn, command, actor);
  }
}

async function refuse(turn: TurnContext, title: string, message: string): Promise<void> {
  await turn.sendActivity(cardActivity(noticeCard({ title, message, tone: 'warning' })));
}

/** A bare domain or tenant id is an answer to the dialog's question, not a command. */
function looksLikeAnswer(text: string): boolean {
  return !text.includes(' ') && text.includes('.') || /^[0-9a-f-]{36,37}$/i.test(text);
}
