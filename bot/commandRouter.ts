import type { StatePropertyAccessor, TurnContext, ConversationState } from 'botbuilder';
import { DialogSet, DialogTurnStatus, type DialogState } from 'botbuilder-dialogs';
import { cleanText, parseCommand, quoteForChat, type ChatCommand } from '../dialogs/commandParser';
import { INTAKE_DIALOG_ID, IntakeDialog } from '../dialogs/intakeDialog';
import type { CommandHandler } from './commands/commandHandler';

/**
 * Routes a chat message: a conversation in the middle of a dialog continues it (unless the person
 * typed a command, which wins); otherwise the text is parsed and handed to its command's handler.
 */
export class CommandRouter {
  private readonly handlers = new Map<string, CommandHandler>();
  private readonly dialogs: DialogSet;

  constructor(
    private readonly conversationState: ConversationState,
    dialogState: StatePropertyAccessor<DialogState>,
    intake: IntakeDialog,
  ) {
    this.dialogs = new DialogSet(dialogState);
    this.dialogs.add(intake);
  }

  register(handler: CommandHandler): this {
    this.handlers.set(handler.kind, handler);
    return this;
  }

  async startIntake(turn: TurnContext): Promise<void> {
    const dc = await this.dialogs.createContext(turn);
    await dc.cancelAllDialogs();
    await dc.beginDialog(INTAKE_DIALOG_ID);
  }

  async route(turn: TurnContext): Promise<void> {
    try {
      const text = cleanText(turn.activity.text ?? '');
      if (!text && turn.activity.value) {
        await turn.sendActivity('This card needs a newer Teams client (Adaptive Cards 1.5 with Universal Actions). Update Teams and try again.');
        return;
      }
      const command = parseCommand(text);
      const dc = await this.dialogs.createContext(turn);
      if (dc.activeDialog && (command.kind === 'unknown' || looksLikeAnswer(text))) {
        const result = await dc.continueDialog();
        if (result.status !== DialogTurnStatus.empty) return;
      }
      await dc.cancelAllDialogs();
      await this.dispatch(turn, command);
    } finally {
      await this.conversationState.saveChanges(turn, false);
    }
  }

  private async dispatch(turn: TurnContext, command: ChatCommand): Promise<void> {
    if (command.kind === 'unknown') {
      await turn.sendActivity(`I did not understand "${quoteForChat(command.text, 80)}". Say \`help\` to see what I can do.`);
      return;
    }
    const handler = this.handlers.get(command.kind) as CommandHandler<typeof command.kind> | undefined;
    if (!handler) {
      await turn.sendActivity('That command is not available here. Say `help`.');
      return;
    }
    await (handler as { handle(turn: TurnContext, command: ChatCommand): Promise<void> }).handle(turn, command);
  }
}

/** A bare domain or tenant id is an answer to the dialog's question, not a command. */
function looksLikeAnswer(text: string): boolean {
  return !text.includes(' ') && text.includes('.') || /^[0-9a-f-]{36,37}$/i.test(text);
}
