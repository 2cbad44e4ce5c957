import type { ConversationState, TurnContext } from 'botbuilder';
import type { DialogState } from 'botbuilder-dialogs';
import { intakeCard, type CountryOption } from '../cards/intakeCard';
import type { InvitationMailOptions } from '../cards/moveView';
import { DEFAULT_LOCALE, type Locale } from '../cards/i18n/locales';
import { IntakeDialog } from '../dialogs/intakeDialog';
import type { MoveOrchestrator } from '../move/orchestrator';
import { DEFAULT_APPROVAL_POLICY, type ApprovalPolicy } from '../move/policy';
import type { Clock, Logger, PartnerDirectory } from '../move/ports';
import type { RegionTable } from '../move/regions';
import { ActionRouter } from './actionRouter';
import type { ActionDeps } from './actions/actionHandler';
import { EmailInvitationAction } from './actions/emailInvitation';
import { EnterInventoryAction } from './actions/enterInventory';
import { FollowUpDoneAction } from './actions/followUpDone';
import { MoveCancelAction } from './actions/moveCancel';
import { MoveCancelConfirmAction } from './actions/moveCancelConfirm';
import { MoveListFilterAction } from './actions/moveListFilter';
import { MoveOpenAction } from './actions/moveOpen';
import { MoveRefreshAction } from './actions/moveRefresh';
import { MoveStartAction } from './actions/moveStart';
import { ChooseOffersAction } from './actions/offerChoice';
import { MovePlanApproveAction, MovePlanRejectAction } from './actions/planDecision';
import { MovePlanAdjustAction } from './actions/planAdjust';
import { RetryReassignmentAction } from './actions/reassignmentRetry';
import { ReportDownloadAction } from './actions/reportDownload';
import { ActorResolver } from './actorResolver';
import { CommandRouter } from './commandRouter';
import { AuditCommand } from './commands/auditCommand';
import { CancelCommand } from './commands/cancelCommand';
import type { CommandDeps } from './commands/commandHandler';
import { HelpCommand } from './commands/helpCommand';
import { ListCommand } from './commands/listCommand';
import { MoveCommand } from './commands/moveCommand';
import { NotifyHereCommand } from './commands/notifyHereCommand';
import { OverrideCommand } from './commands/overrideCommand';
import { ReportCommand } from './commands/reportCommand';
import { RetryCommand } from './commands/retryCommand';
import { StatusCommand } from './commands/statusCommand';
import type { ConversationRegistry } from './conversationRegistry';
import type { PeopleToAsk } from './peopleToAsk';
import { FileConsentHandler } from './files/fileConsentHandler';
import { FileOffers, type FileExportDeps } from './files/fileOffers';
import { PendingExports } from './files/pendingExports';
import type { UploadSessionClient } from '../services/files/uploadSession';
import type { KeyValueStore } from '../store/keyValueStore';
import { MoveBot } from './moveBot';
import { SsoGate } from './ssoGate';
import { cardActivity } from './teamsNotifier';
import type { TurnScope } from './turnScope';
import { TypingIndicator } from './typingIndicator';
import type { WorkingCards } from './workingCards';

export interface TeamsEdgeDeps {
  orchestrator: MoveOrchestrator;
  registry: ConversationRegistry;
  /** Who can take a move's next step, by name: refusals say whom to ask. */
  people?: PeopleToAsk;
  partnerDirectory: PartnerDirectory;
  partnerTenantId: string;
  regions: RegionTable;
  /** The partner's CSP region, for the start form (looked up once, lazily). */
  partnerRegion: () => Promise<string>;
  /** The partner's company name, for the invitation email's subject (null when it cannot be read now). */
  partnerName: () => Promise<string | null>;
  conversationState: ConversationState;
  turns: TurnScope;
  clock: Clock;
  log: Logger;
  replyBudgetMs: number;
  /** Teams single sign-on for clicks that act as the staff member; off when absent. */
  sso?: SsoGate;
  /** The approval policy the decider enforces, so the cards name the same approvers (default DEFAULT_APPROVAL_POLICY). */
  approvalPolicy?: ApprovalPolicy;
  /** How the bot can email the invitation (MAIL_SENDER_MAILBOX, Teams SSO); absent = it cannot. */
  invitationMail?: InvitationMailOptions;
  /** CSV exports sent as files (FileConsentCard): where pending offers are kept, how files are uploaded, real time. */
  files: { store: KeyValueStore; uploads: UploadSessionClient; now: () => Date };
  /** Working cards for steps still running when the answer goes, shared with the notifier (absent: none). */
  workingCards?: WorkingCards;
  /** How often "typing…" is shown again while a message is answered (default 3 s). */
  typingEveryMs?: number;
  /** DEFAULT_LOCALE: the language of copies posted for everyone, and of answers to people whose language the bot lacks (default en). */
  defaultLocale?: Locale;
}

/** The bot with its card actions (one handler per verb) and chat commands (one handler per command). */
export function createTeamsEdge(deps: TeamsEdgeDeps): { bot: MoveBot; actions: ActionRouter; commands: CommandRouter } {
  const countries = countryOptions(deps.regions);
  const approvalPolicy = deps.approvalPolicy ?? DEFAULT_APPROVAL_POLICY;
  const actors = new ActorResolver(deps.partnerDirectory, deps.partnerTenantId, deps.log, approvalPolicy.approverRoles, deps.defaultLocale ?? DEFAULT_LOCALE);
  const actionDeps: ActionDeps = {
    orchestrator: deps.orchestrator, registry: deps.registry, countries, partnerRegion: deps.partnerRegion, partnerName: deps.partnerName,
    replyBudgetMs: deps.replyBudgetMs, sso: deps.sso ?? new SsoGate(undefined),
    people: deps.people, workingCards: deps.workingCards,
    cardOptions: { approvalPolicy, invitationMail: deps.invitationMail, now: () => deps.clock.now(), locale: deps.defaultLocale ?? DEFAULT_LOCALE },
  };
  const fileDeps: FileExportDeps = {
    orchestrator: deps.orchestrator, pending: new PendingExports(deps.files.store, deps.files.now), uploads: deps.files.uploads,
    now: deps.files.now, cardOptions: actionDeps.cardOptions, log: deps.log,
  };
  const files = new FileOffers(fileDeps);
  const actions = new ActionRouter([
    new MoveStartAction(actionDeps), new MovePlanApproveAction(actionDeps), new MovePlanRejectAction(actionDeps), new MovePlanAdjustAction(actionDeps),
    new MoveCancelAction(actionDeps), new MoveCancelConfirmAction(actionDeps), new MoveRefreshAction(actionDeps), new ChooseOffersAction(actionDeps),
    new EnterInventoryAction(actionDeps), new RetryReassignmentAction(actionDeps), new EmailInvitationAction(actionDeps),
    new FollowUpDoneAction(actionDeps),
    new ReportDownloadAction(actionDeps, files),
    new MoveOpenAction(actionDeps), new MoveListFilterAction(actionDeps, () => deps.clock.now()),
  ], actors, deps.log, approvalPolicy.approverRoles);

  const commandDeps: CommandDeps = { ...actionDeps, actors, now: () => deps.clock.now() };
  const showStartForm = async (turn: TurnContext, customer: string) => {
    await turn.sendActivity(cardActivity(intakeCard({
      domain: customer, countries, partnerRegion: await deps.partnerRegion(), moveId: deps.orchestrator.newMoveId(),
    })));
  };
  const state = deps.conversationState;
  // Staff commands name moves by customer: they see the moves as the shared store has them (a no-op without one).
  const commands = new CommandRouter(state, state.createProperty<DialogState>('dialogState'), new IntakeDialog(showStartForm), actors,
    approvalPolicy.approverRoles, () => deps.orchestrator.refresh());
  commands
    .register(new HelpCommand(commandDeps))
    .register(new MoveCommand(commandDeps, (turn) => commands.startIntake(turn).then(() => state.saveChanges(turn, false))))
    .register(new StatusCommand(commandDeps))
    .register(new ListCommand(commandDeps))
    .register(new CancelCommand(commandDeps))
    .register(new RetryCommand(commandDeps))
    .register(new AuditCommand(commandDeps, files))
    .register(new ReportCommand(commandDeps, files))
    .register(new OverrideCommand(commandDeps))
    .register(new NotifyHereCommand(commandDeps));

  const fileConsent = new FileConsentHandler({ ...fileDeps, actors, approverRoles: approvalPolicy.approverRoles });
  return { bot: new MoveBot(commands, actions, deps.registry, deps.turns, deps.log, actors, fileConsent, new TypingIndicator(deps.log, deps.typingEveryMs)), actions, commands };
}

/** The countries of the region table with their English names, for the start form. */
export function countryOptions(regions: RegionTable): CountryOption[] {
  const names = new Intl.DisplayNames(['en'], { type: 'region' });
  return regions.countries().map(({ code, region }) => {
    let name = code;
    try { name = names.of(code) ?? code; } catch { /* an unknown code keeps its code */ }
    return { code, name, region };
  });
}
