import { quoteForChat } from '../../dialogs/commandParser';
import { refusalFor } from '../refusalWords';
import { TurnContext } from 'botbuilder';
import { intakeCard } from '../../cards/intakeCard';
import { intakeProblemText, problemsByField } from '../../cards/intakeProblemText';
import { intakeProblems } from '../intakeValidation';
import { moveCard } from '../../cards/moveCard';
import { noticeCard } from '../../cards/noticeCard';
import type { ChatCommand } from '../../dialogs/commandParser';
import type { Actor } from '../../move/model';
import { isValidCustomerIdentifier } from '../../move/decider';
import { whoCanText } from '../../cards/refusalText';
import { describeActorRoles } from '../../cards/roleText';
import { hasAnyRole, ROLES_THAT_START } from '../../move/policy';
import { postWorkingCard, settlesWithin } from '../actions/actionHandler';
import { cardActivity } from '../teamsNotifier';
import type { CommandDeps, CommandHandler } from './commandHandler';
import { cardOptionsFor } from '../viewerCardOptions';

/**
 * `move <customer> [country] [direct|csp|program] [multi-partner] [no-gdap]`: with the country the move
 * starts at once; without it the start form asks for what is missing.
 */
export class MoveCommand implements CommandHandler<'move'> {
  readonly kind = 'move' as const;
  readonly refusalTitle = 'No move started';
  readonly whoCan = whoCanText('start-move', { roles: ROLES_THAT_START });

  constructor(private readonly deps: CommandDeps, private readonly askForCustomer: (turn: TurnContext) => Promise<void>) {}

  async handle(turn: TurnContext, command: Extract<ChatCommand, { kind: 'move' }>, actor: Actor): Promise<void> {
    if (!hasAnyRole(actor, ROLES_THAT_START)) {
      await turn.sendActivity(cardActivity(noticeCard({
        title: 'You cannot start a move',
        message: `${this.whoCan} ${describeActorRoles(actor)}.`,
        fix: 'Ask one of them to start it, or ask your Partner Center admin for the Sales agent role.',
        tone: 'warning',
      })));
      return;
    }
    if (!command.customer) {
      await this.askForCustomer(turn);
      return;
    }
    const active = this.deps.orchestrator.activeMoveFor(command.customer);
    if (active) {
      await turn.sendActivity(`${quoteForChat(command.customer)} already has a move under way, started by ${active.startedBy?.name ?? 'someone'}. Here it is:`);
      await turn.sendActivity(cardActivity(moveCard(active, cardOptionsFor(this.deps.cardOptions, turn))));
      return;
    }
    const moveId = this.deps.orchestrator.newMoveId();
    const form = (problems: { domain?: string; country?: string }) => this.deps.partnerRegion().then((partnerRegion) => cardActivity(intakeCard({
      domain: command.customer ?? '', source: command.source ?? undefined, multiPartner: command.multiPartner, requestGdap: command.requestGdap,
      countries: this.deps.countries, partnerRegion, moveId, domainProblem: problems.domain, countryProblem: problems.country,
    })));
    if (!command.country || !isValidCustomerIdentifier(command.customer)) {
      const problem = isValidCustomerIdentifier(command.customer) ? undefined : intakeProblemText({ field: 'domain', kind: 'not-a-customer-id', input: command.customer });
      await turn.sendActivity(await form({ domain: problem }));
      return;
    }
    // Bad input gets the form back with the problem beside its field, and nothing is created (no move, no thread).
    const problems = await intakeProblems({ domain: command.customer, country: command.country }, this.deps);
    if (problems.length > 0) {
      await turn.sendActivity(await form(problemsByField(problems)));
      return;
    }
    const result = await this.deps.orchestrator.startMove({
      moveId, actor, customerDomain: command.customer, customerCountry: command.country,
      source: command.source ?? 'unknown', multiPartner: command.multiPartner, requestGdap: command.requestGdap,
    });
    if (!result.ok) {
      await turn.sendActivity(cardActivity(noticeCard({ title: 'No move started', message: await refusalFor(result.refusal, actor, this.deps.people), tone: 'warning' })));
      return;
    }
    await this.deps.registry.addFollower(moveId, TurnContext.getConversationReference(turn.activity));
    // Still checking the tenant or asking for the invitation: the answer is a working card that shows the outcome in place.
    if (!(await settlesWithin(result.settled, this.deps.replyBudgetMs)) && await postWorkingCard(this.deps, turn, moveId)) return;
    await turn.sendActivity(cardActivity(moveCard(this.deps.orchestrator.get(moveId) ?? result.state, cardOptionsFor(this.deps.cardOptions, turn))));
  }
}
