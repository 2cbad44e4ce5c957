import { refusalFor } from '../refusalWords';
import { correlationOf } from '../requestCorrelation';
import { TurnContext } from 'botbuilder';
import { moveCard } from '../../cards/moveCard';
import { noticeCard } from '../../cards/noticeCard';
import type { ChatCommand } from '../../dialogs/commandParser';
import type { Actor } from '../../move/model';
import { needsAttention } from '../../move/reassignment';
import type { MoveState } from '../../move/state';
import { postWorkingCard, settlesWithin } from '../actions/actionHandler';
import { cardActivity } from '../teamsNotifier';
import type { CommandDeps, CommandHandler } from './commandHandler';
import { noMoveReply } from './customerSuggestions';
import { t } from '../../cards/i18n/catalog';
import { viewerLocale } from '../viewerLocale';
import { cardOptionsFor } from '../viewerCardOptions';

/**
 * `retry <customer>`: run the move's failed step again now; for a move blocked because some users could not
 * get their new licence, another reassignment pass (as the person asking, so the decider checks their role).
 */
export class RetryCommand implements CommandHandler<'retry'> {
  readonly kind = 'retry' as const;
  readonly refusalTitle = 'Nothing run again';

  constructor(private readonly deps: CommandDeps) {}

  async handle(turn: TurnContext, command: Extract<ChatCommand, { kind: 'retry' }>, actor: Actor): Promise<void> {
    const { locale } = viewerLocale(turn, this.deps.cardOptions.locale);
    const latest = command.customer ? this.deps.orchestrator.latestMoveFor(command.customer) : undefined;
    const state = command.customer ? this.deps.orchestrator.activeMoveFor(command.customer) ?? (latest?.stage === 'blocked' ? latest : undefined) : undefined;
    if (!command.customer || !state) {
      await turn.sendActivity(command.customer
        ? noMoveReply(this.deps.orchestrator.all(), 'retry', command.customer, { running: true, locale })
        : t(locale, 'replies.sayWhichCustomer', { example: 'retry contoso.com' }));
      return;
    }
    if (state.stage === 'blocked' && state.blocked?.reason.code === 'reassignment-incomplete') {
      await this.resumeReassignment(turn, state, actor);
      return;
    }
    if (state.stage === 'blocked') {
      await turn.sendActivity(t(locale, 'replies.retry.blocked', { customer: state.customerDomain }));
      await turn.sendActivity(cardActivity(moveCard(state, cardOptionsFor(this.deps.cardOptions, turn))));
      return;
    }
    if (!state.lastFailure) {
      await turn.sendActivity(t(locale, 'replies.retry.nothingFailed', { customer: state.customerDomain }));
      await turn.sendActivity(cardActivity(moveCard(state, cardOptionsFor(this.deps.cardOptions, turn))));
      return;
    }
    const running = this.deps.orchestrator.retry(state.moveId);
    // The step may take long (a whole reassignment): past the reply budget the answer is a working card, which shows
    // the outcome in place when it comes.
    if (!(await settlesWithin(running.then(() => undefined), this.deps.replyBudgetMs)) && await postWorkingCard(this.deps, turn, state.moveId)) {
      this.deps.workingCards?.logLateFailure(running, state.moveId);
      return;
    }
    const after = await running;
    await turn.sendActivity(cardActivity(moveCard(after ?? state, cardOptionsFor(this.deps.cardOptions, turn))));
  }

  private async resumeReassignment(turn: TurnContext, state: MoveState, actor: Actor): Promise<void> {
    const result = await this.deps.orchestrator.resumeReassignment(state.moveId, actor, correlationOf(turn));
    if (!result.ok) {
      await turn.sendActivity(cardActivity(noticeCard({ title: 'Licence reassignment not run again', message: await refusalFor(result.refusal, actor, this.deps.people), tone: 'warning' })));
      return;
    }
    await this.deps.registry.addFollower(state.moveId, TurnContext.getConversationReference(turn.activity));
    if (!(await settlesWithin(result.settled, this.deps.replyBudgetMs)) && await postWorkingCard(this.deps, turn, state.moveId)) return;
    const after = this.deps.orchestrator.get(state.moveId) ?? result.state;
    await turn.sendActivity(passOutcome(after));
    await turn.sendActivity(cardActivity(moveCard(after, cardOptionsFor(this.deps.cardOptions, turn))));
  }
}

/** What another reassignment pass did, as far as it got within the reply budget. */
function passOutcome(state: MoveState): string {
  const results = Object.values(state.reassignment.results);
  const moved = results.filter((r) => !needsAttention(r)).length;
  const stuck = results.length - moved;
  const pass = `Licence reassignment, pass ${state.reassignment.pass} for ${state.customerDomain}`;
  if (state.stage === 'reassigning-licenses') return `${pass}: started; ${moved} moved so far. The card updates as it goes.`;
  if (state.stage === 'blocked' && state.blocked?.reason.code === 'reassignment-incomplete') {
    return `${pass}: ${moved} moved, ${stuck} still on the old licence. Fix what the card lists for each, then say \`retry ${state.customerDomain}\` again; or an Account admin may \`override ${state.customerDomain} <reason>\` to go on.`;
  }
  return `${pass}: done, ${moved} moved; every user is on the new licences now.`;
}
