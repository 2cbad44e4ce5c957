import type { TurnContext } from 'botbuilder';
import { auditCsv } from '../../cards/auditCsv';
import { quoteForChat, type ChatCommand } from '../../dialogs/commandParser';
import type { CommandDeps, CommandHandler } from './commandHandler';

/** Teams refuses messages above about 28 KB; keep the export well under. */
const MAX_CSV_CHARS = 20_000;

/** `audit <customer>`: the move's history as CSV (time, actor, role, step, detail, correlation id). */
export class AuditCommand implements CommandHandler<'audit'> {
  readonly kind = 'audit' as const;

  constructor(private readonly deps: CommandDeps) {}

  async handle(turn: TurnContext, command: Extract<ChatCommand, { kind: 'audit' }>): Promise<void> {
    const state = command.customer ? this.deps.orchestrator.latestMoveFor(command.customer) : undefined;
    if (!command.customer || !state) {
      await turn.sendActivity(command.customer ? `There is no move for ${quoteForChat(command.customer)}.` : 'Say which customer: `audit contoso.com`.');
      return;
    }
    const csv = auditCsv(state.moveId, await this.deps.orchestrator.history(state.moveId), this.deps.cardOptions);
    const lines = csv.split('\r\n');
    let shown = csv;
    let note = '';
    if (csv.length > MAX_CSV_CHARS) {
      // Keep the header and the most recent rows.
      const kept: string[] = [];
      let size = lines[0].length;
      for (let i = lines.length - 1; i > 0 && size + lines[i].length + 2 < MAX_CSV_CHARS; i -= 1) { kept.unshift(lines[i]); size += lines[i].length + 2; }
      shown = [lines[0], ...kept].join('\r\n');
      note = `\n\nOnly the latest ${kept.length} of ${lines.length - 1} events fit in one message.`;
    }
    await turn.sendActivity(`Audit trail of the move of ${state.customerDomain} (${state.moveId}), ${lines.length - 1} events:\n\n\`\`\`csv\n${shown}\n\`\`\`${note}`);
  }
}
