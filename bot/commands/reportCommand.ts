import type { TurnContext } from 'botbuilder';
import type { ChatCommand } from '../../dialogs/commandParser';
import type { Actor } from '../../move/model';
import type { FileOffers } from '../files/fileOffers';
import type { CommandDeps, CommandHandler } from './commandHandler';
import { offerExport } from './fileExportCommand';

/**
 * `report <customer>`: the licence reassignment report as a CSV file, one row per user (user principal name,
 * display name, from SKU, to SKU, outcome, what to do, when), offered in the person's personal chat.
 */
export class ReportCommand implements CommandHandler<'report'> {
  readonly kind = 'report' as const;

  constructor(private readonly deps: CommandDeps, private readonly files: FileOffers) {}

  handle(turn: TurnContext, command: Extract<ChatCommand, { kind: 'report' }>, actor: Actor): Promise<void> {
    return offerExport(this.deps, this.files, { turn, actor, customer: command.customer }, 'report', 'reassignment');
  }
}
