import type { TurnContext } from 'botbuilder';
import type { ChatCommand } from '../../dialogs/commandParser';
import type { Actor } from '../../move/model';
import type { FileOffers } from '../files/fileOffers';
import type { CommandDeps, CommandHandler } from './commandHandler';
import { offerExport } from './fileExportCommand';

/**
 * `audit <customer>`: the move's whole history as a CSV file (time, actor, role, step, detail, correlation id),
 * offered with a FileConsentCard in the person's personal chat (Teams sends files only there).
 */
export class AuditCommand implements CommandHandler<'audit'> {
  readonly kind = 'audit' as const;

  constructor(private readonly deps: CommandDeps, private readonly files: FileOffers) {}

  handle(turn: TurnContext, command: Extract<ChatCommand, { kind: 'audit' }>, actor: Actor): Promise<void> {
    return offerExport(this.deps, this.files, { turn, actor, customer: command.customer }, 'audit', 'audit');
  }
}
