import type { TurnContext } from 'botbuilder';
import { STAGE_LABELS, FINAL_STAGES, type MoveState } from '../../move/state';
import type { CommandDeps, CommandHandler } from './commandHandler';

/** `list`: moves still running, grouped by stage, the longest wait first. */
export class ListCommand implements CommandHandler<'list'> {
  readonly kind = 'list' as const;

  constructor(private readonly deps: CommandDeps) {}

  async handle(turn: TurnContext): Promise<void> {
    await turn.sendActivity(movesListText(this.deps.orchestrator.all(), this.deps.now()));
  }
}

export function movesListText(moves: MoveState[], now: Date): string {
  const running = moves.filter((m) => !FINAL_STAGES.has(m.stage))
    .sort((a, b) => (a.updatedAt ?? '').localeCompare(b.updatedAt ?? ''));
  if (running.length === 0) return 'No moves are running. Start one with `move <customer domain>`.';
  const lines = running.slice(0, 50).map((m) => {
    const waitingDays = m.updatedAt ? Math.floor((now.getTime() - Date.parse(m.updatedAt)) / 86_400_000) : 0;
    const waited = waitingDays >= 1 ? `, ${waitingDays} day${waitingDays === 1 ? '' : 's'} in this stage` : '';
    return `- **${m.customerDomain}**: ${STAGE_LABELS[m.stage]}${waited} (started by ${m.startedBy?.name ?? 'someone'})`;
  });
  const more = running.length > 50 ? `\n\n…and ${running.length - 50} more.` : '';
  return `Running moves (${running.length}), longest wait first:\n\n${lines.join('\n')}${more}`;
}
