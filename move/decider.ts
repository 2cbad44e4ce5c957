import type { MoveCommand } from './commands';
import { decideAfterPlan } from './deciderLate';
import {
  accept, blocked, clip, expectStage, MAX_COMMENT_LENGTH, refuse, type Decision, type Envelope,
} from './decision';
import type { BlockReason, MoveEvent, RegionEvidence } from './events';
import { decideInvitationEmail } from './invitationEmail';
import { SOURCE_CHANNEL_LABELS } from './model';
import {
  approvalRequirement, DEFAULT_APPROVAL_POLICY, describeActorRoles, describeRoles, hasAnyRole, ROLES_THAT_CANCEL_ANY,
  ROLES_THAT_START, type ApprovalPolicy,
} from './policy';
import type { RegionTable } from './regions';
import { assertNever, FINAL_STAGES, STAGE_LABELS, type MoveState, type Stage } from './state';

const INVITATION_LIFETIME_DAYS = 90;
/** Graph subscription statuses after which the customer no longer has (or pays for) the subscription. */
const ENDED_STATUSES = new Set(['deleted', 'suspended', 'lockedout']);
const DOMAIN_PATTERN = /^(?=.{3,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;
const TENANT_ID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12,13}$/;

export function isValidCustomerIdentifier(value: string): boolean {
  const v = value.trim().toLowerCase();
  return DOMAIN_PATTERN.test(v) || TENANT_ID_PATTERN.test(v);
}

export type { Decision, Refusal, RefusalCode } from './decision';

/** Commands a blocked move still takes: each resolves its blocker. */
const COMMANDS_FOR_BLOCKED: ReadonlySet<MoveCommand['type']> = new Set(['StartMove', 'OverrideBlock', 'ChooseOffer', 'EnterInventory', 'ResumeReassignment']);
/** Results of a side effect already under way: recorded whatever became of the move meanwhile. */
const RESULTS_RECORDED_TO_THE_END: ReadonlySet<MoveCommand['type']> = new Set(['RecordInvitationEmailAttempt', 'RecordInvitationEmailResult']);

/**
 * The move decider: given the current state and a command, which events happen — or why not.
 * Pure: no I/O, no clock (the command carries its time).
 */
export class MoveDecider {
  constructor(private readonly regions: RegionTable, private readonly approval: ApprovalPolicy = DEFAULT_APPROVAL_POLICY) {}

  decide(command: MoveCommand, state: MoveState): Decision {
    if (command.type !== 'StartMove' && state.version === 0) {
      return refuse('wrong-stage', 'This move does not exist. Start one with `move <customer domain>`.');
    }
    const blockedButResolvable = state.stage === 'blocked' && COMMANDS_FOR_BLOCKED.has(command.type);
    const exempt = blockedButResolvable || RESULTS_RECORDED_TO_THE_END.has(command.type);
    if (command.type !== 'StartMove' && !exempt && FINAL_STAGES.has(state.stage)) {
      return refuse('wrong-stage', `This move is already ${STAGE_LABELS[state.stage].toLowerCase()}${finalDetail(state)}.`);
    }
    // The request's own id when the edge gave one; otherwise (the bot's steps, the sweep) the move's.
    const envelope: Envelope = { at: command.at, actor: command.actor, correlationId: command.correlationId ?? state.correlationId };
    switch (command.type) {
      case 'StartMove': {
        if (state.version !== 0) return refuse('wrong-stage', 'This move has already started.');
        if (!hasAnyRole(command.actor, ROLES_THAT_START)) {
          return refuse('not-allowed', `Only ${describeRoles(ROLES_THAT_START)} can start a move. ${describeActorRoles(command.actor)}.`);
        }
        const domain = command.customerDomain.trim().toLowerCase();
        if (!isValidCustomerIdentifier(domain)) {
          return refuse('invalid-input', `"${clip(command.customerDomain, 80)}" is not a domain (like contoso.onmicrosoft.com) or a tenant id.`);
        }
        const country = command.customerCountry.trim().toUpperCase();
        if (!/^[A-Z]{2}$/.test(country)) {
          return refuse('invalid-input', 'Give the customer tenant\'s country as a two-letter ISO code, like US or CA.');
        }
        if (!Object.hasOwn(SOURCE_CHANNEL_LABELS, command.source)) {
          return refuse('invalid-input', 'Say where the subscriptions come from: Microsoft direct, another CSP partner, another program, or unknown.');
        }
        if (command.activeMoveId) {
          return refuse('already-moving', `${domain} already has a move under way (${command.activeMoveId}). Say \`status ${domain}\` to see it, or cancel it first.`);
        }
        return accept({
          type: 'MoveStarted', ...envelope, moveId: command.moveId, correlationId: command.correlationId,
          customerDomain: domain, customerCountry: country, source: command.source,
          multiPartner: command.multiPartner, requestGdap: command.requestGdap,
        });
      }
      case 'RecordPreflight': {
        const wrong = expectStage(state, 'preflight');
        if (wrong) return wrong;
        if (!command.tenant) {
          return accept(blocked(envelope, { code: 'tenant-not-found', domain: state.customerDomain },
            `No Microsoft 365 tenant answers for ${state.customerDomain}. Check the spelling, or use the tenant's .onmicrosoft.com domain or tenant id.`));
        }
        if (command.otherActiveMove) {
          const other = command.otherActiveMove;
          return accept(blocked(envelope, { code: 'duplicate-tenant', otherMoveId: other.moveId },
            `${state.customerDomain} is the same Microsoft 365 tenant as ${other.customerDomain}, which already has a move under way (${other.moveId}). One move per customer: follow or cancel that one.`));
        }
        const partnerRegion = this.regions.regionOf(command.partnerCountry);
        if (!partnerRegion) {
          return accept(blocked(envelope, { code: 'unknown-country', country: command.partnerCountry },
            `Your company's country ${command.partnerCountry} is not in the CSP region table. Update the table (CSP_REGIONS_FILE) or set PARTNER_COUNTRY.`));
        }
        const customerRegion = this.regions.regionOf(state.customerCountry);
        if (!customerRegion) {
          return accept(blocked(envelope, { code: 'unknown-country', country: state.customerCountry },
            `${state.customerCountry} is not a country in the CSP region table. Check the customer tenant's country.`));
        }
        if (customerRegion !== partnerRegion) {
          return accept(regionMismatch(envelope, state.customerCountry, customerRegion, command.partnerCountry, partnerRegion, 'intake'));
        }
        // The tenant's region scope is only a coarse hint; an Account admin may have overridden it.
        const scopeOverridden = state.overrides.some((o) => o.code === 'region-mismatch');
        if (!scopeOverridden && this.regions.scopeContradicts(partnerRegion, command.tenant.regionScope)) {
          const scopeRegion = `tenant region scope ${command.tenant.regionScope}`;
          return accept(regionMismatch(envelope, state.customerCountry, scopeRegion, command.partnerCountry, partnerRegion, 'tenant-metadata'));
        }
        return accept({
          type: 'PreflightPassed', ...envelope, tenantId: command.tenant.tenantId, partnerCountry: command.partnerCountry,
          partnerRegion, customerRegion, existingCustomerId: command.existingCustomerId,
        });
      }
      case 'RecordInvitation': {
        const wrong = expectStage(state, 'invitation');
        if (wrong) return wrong;
        const expiresAt = new Date(Date.parse(command.at) + INVITATION_LIFETIME_DAYS * 86_400_000).toISOString();
        return accept({
          type: 'InvitationIssued', ...envelope, resellerLink: command.resellerLink,
          gdapRelationshipId: command.gdapRelationshipId, gdapLink: command.gdapLink, expiresAt,
        });
      }
      case 'RecordAcceptance': {
        const wrong = expectStage(state, 'awaiting-acceptance');
        if (wrong) return wrong;
        const accepted: MoveEvent = {
          type: 'RelationshipAccepted', ...envelope, customerId: command.customerId,
          companyName: command.companyName, customerCountry: command.customerCountry,
        };
        // Partner Center's country is the final word on the region (csp-regions.md).
        const country = command.customerCountry?.toUpperCase() ?? null;
        const region = country ? this.regions.regionOf(country) : null;
        if (country && region !== state.partnerRegion && state.partnerRegion && state.partnerCountry) {
          return { ok: true, events: [accepted, regionMismatch(envelope, country, region ?? 'unknown', state.partnerCountry, state.partnerRegion, 'partner-center')] };
        }
        return accept(accepted);
      }
      case 'RecordInventory': {
        const wrong = expectStage(state, 'inventory');
        if (wrong) return wrong;
        const taken: MoveEvent = { type: 'InventoryTaken', ...envelope, inventory: command.inventory };
        // The tenant's own country (Graph organization) is the final word on the region, as Partner Center's is.
        const country = command.customerCountry?.toUpperCase() ?? null;
        const region = country ? this.regions.regionOf(country) : null;
        if (country && region !== state.partnerRegion && state.partnerRegion && state.partnerCountry) {
          return { ok: true, events: [taken, regionMismatch(envelope, country, region ?? 'unknown', state.partnerCountry, state.partnerRegion, 'tenant-directory')] };
        }
        return accept(taken);
      }
      case 'ProposePlan': {
        const wrong = expectStage(state, 'plan');
        if (wrong) return wrong;
        const proposed: MoveEvent = { type: 'PlanProposed', ...envelope, plan: command.plan, proposer: state.startedBy ?? command.actor };
        if (command.plan.blockers.length > 0) {
          const skus = command.plan.blockers.map((b) => b.skuPartNumber);
          const pick = command.plan.blockers.some((b) => b.kind === 'no-equivalent') ? ' An Account admin may pick offers for a licence with no equivalent on the card.' : '';
          return { ok: true, events: [proposed, blocked(envelope, { code: 'plan-has-no-offer', skus },
            `The plan cannot go to approval: ${command.plan.blockers.map((b) => `${b.skuPartNumber}: ${b.reason}`).join(' ')}${pick}`)] };
        }
        if (command.plan.lines.length === 0) {
          return { ok: true, events: [proposed, blocked(envelope, { code: 'nothing-to-move' },
            'There is nothing to buy: the customer holds only free, trial or excluded licences.')] };
        }
        return accept(proposed);
      }
      case 'ApprovePlan':
      case 'RejectPlan': {
        const wrong = expectDecisionPossible(state);
        if (wrong) return wrong;
        const requirement = approvalRequirement(state.plan ?? { lines: [] }, this.approval);
        const roles = command.type === 'ApprovePlan' ? requirement.roles : this.approval.approverRoles;
        if (!hasAnyRole(command.actor, roles)) {
          const verb = command.type === 'ApprovePlan' ? 'approve' : 'reject';
          const why = command.type === 'ApprovePlan' && requirement.reasons.length > 0 ? ` (${requirement.reasons.join('; ')})` : '';
          return refuse('not-allowed', `Only ${describeRoles(roles)} can ${verb} this plan${why}. ${describeActorRoles(command.actor)}.`);
        }
        if (command.type === 'ApprovePlan' && requirement.fourEyes && state.proposer && command.actor.id === state.proposer.id) {
          return refuse('four-eyes', `You proposed this plan, so ${describeRoles(roles)} other than you must approve it.`);
        }
        if (!state.plan || command.planHash !== state.plan.hash) {
          return refuse('stale-plan', 'This card shows an older plan. Refresh the card and decide on the current plan.');
        }
        const comment = clip(command.comment.trim(), MAX_COMMENT_LENGTH);
        return accept(command.type === 'ApprovePlan'
          ? { type: 'PlanApproved', ...envelope, planHash: command.planHash, comment }
          : { type: 'PlanRejected', ...envelope, planHash: command.planHash, comment });
      }
      case 'RecordCart': {
        const wrong = expectStage(state, 'provisioning');
        if (wrong) return wrong;
        if (state.cart) return state.cart.cartId === command.cartId ? accept() : refuse('wrong-stage', `A cart (${state.cart.cartId}) is already recorded for this move.`);
        return accept({ type: 'CartCreated', ...envelope, customerId: command.customerId, cartId: command.cartId, requestId: command.requestId });
      }
      case 'RecordOrder': {
        const wrong = expectStage(state, 'provisioning');
        if (wrong) return wrong;
        if (!state.cart) return refuse('wrong-stage', 'No cart is recorded for this move, so no order can be.');
        if (state.orderIds.length > 0) return accept();
        return accept({ type: 'OrderPlaced', ...envelope, orderIds: command.orderIds, subscriptions: command.subscriptions });
      }
      case 'RecordProvisioned': {
        const wrong = expectStage(state, 'provisioning');
        if (wrong) return wrong;
        if (state.orderIds.length === 0) return refuse('wrong-stage', 'No order is recorded for this move yet.');
        return accept({ type: 'ProvisioningCompleted', ...envelope, subscriptions: command.subscriptions, prepaidCheck: command.prepaidCheck });
      }
      case 'RecordSourceAdvice': {
        const wrong = expectStage(state, 'source-advice');
        if (wrong) return wrong;
        const given: MoveEvent = { type: 'SourceAdviceGiven', ...envelope, advice: command.advice };
        // Nothing to watch (no original subscription to let expire): the move is complete now.
        return command.advice.length === 0 ? { ok: true, events: [given, { type: 'MoveCompleted', ...envelope }] } : accept(given);
      }
      case 'RecordSourceStatus': {
        const wrong = expectStage(state, 'watching-sources');
        if (wrong) return wrong;
        const events: MoveEvent[] = [];
        for (const advice of state.advice) {
          if (state.sourcesEnded.includes(advice.subscriptionId)) continue;
          const status = command.statuses[advice.subscriptionId] ?? 'Deleted';
          if (ENDED_STATUSES.has(status.toLowerCase())) {
            events.push({ type: 'SourceSubscriptionEnded', ...envelope, subscriptionId: advice.subscriptionId, skuPartNumber: advice.skuPartNumber, status });
          }
        }
        const endedNow = new Set([...state.sourcesEnded, ...events.map((e) => (e as { subscriptionId: string }).subscriptionId)]);
        if (state.advice.every((a) => endedNow.has(a.subscriptionId))) events.push({ type: 'MoveCompleted', ...envelope });
        return { ok: true, events };
      }
      case 'RemindSourceExpiry': {
        const wrong = expectStage(state, 'watching-sources');
        if (wrong) return wrong;
        const now = Date.parse(command.at);
        const due = state.advice.filter((a) => a.expires && !a.monthly && !state.sourcesReminded.includes(a.subscriptionId)
          && !state.sourcesEnded.includes(a.subscriptionId) && Date.parse(a.expires) - command.leadMs <= now && now < Date.parse(a.expires));
        return { ok: true, events: due.map((a) => ({
          type: 'SourceExpiryReminder', ...envelope, subscriptionId: a.subscriptionId, skuPartNumber: a.skuPartNumber, expires: a.expires!,
        })) };
      }
      case 'CancelMove': {
        const isStarter = state.startedBy?.id === command.actor.id;
        if (!isStarter && !hasAnyRole(command.actor, ROLES_THAT_CANCEL_ANY)) {
          return refuse('not-allowed', `Only the person who started this move (${state.startedBy?.name ?? 'unknown'}), ${describeRoles(ROLES_THAT_CANCEL_ANY)} can cancel it. ${describeActorRoles(command.actor)}.`);
        }
        if (state.stage === 'provisioning' || state.stage === 'reassigning-licenses' || state.stage === 'source-advice' || state.provisionedAt) {
          return refuse('wrong-stage', 'The plan is approved and the order is being placed, so the move can no longer be cancelled here. Within 7 days of purchase the new subscriptions can be cancelled in Partner Center.');
        }
        return accept({ type: 'MoveCancelled', ...envelope, reason: clip(command.reason.trim(), MAX_COMMENT_LENGTH) || 'No reason given.' });
      }
      case 'RemindWaiting': {
        const waitingStage: Stage = command.about === 'invitation' ? 'awaiting-acceptance' : 'approval';
        const wrong = expectStage(state, waitingStage);
        if (wrong) return wrong;
        const waitingSince = command.about === 'invitation' ? state.invitation?.issuedAt : state.proposedAt;
        if (!waitingSince) return accept();
        const last = state.reminders[command.about];
        const dueAt = Date.parse(last?.lastAt ?? waitingSince) + command.intervalMs;
        // Not due yet: nothing happens (the sweep asks every time it runs).
        if (Date.parse(command.at) < dueAt) return accept();
        return accept({ type: 'ReminderDue', ...envelope, about: command.about, waitingSince, count: (last?.count ?? 0) + 1 });
      }
      case 'TimeOutInvitation': {
        const wrong = expectStage(state, 'awaiting-acceptance');
        if (wrong) return wrong;
        if (!state.invitation || Date.parse(command.at) < Date.parse(state.invitation.expiresAt)) return accept();
        return accept({
          type: 'MoveTimedOut', ...envelope,
          message: `The invitation sent on ${state.invitation.issuedAt.slice(0, 10)} expired on ${state.invitation.expiresAt.slice(0, 10)} without the customer accepting it. Start a new move for a fresh invitation if ${state.customerDomain} still wants to move.`,
        });
      }
      case 'OverrideBlock': {
        if (state.stage !== 'blocked' || !state.blocked) return refuse('wrong-stage', 'There is no blocker to override: the move is not blocked.');
        if (!hasAnyRole(command.actor, ['account-admin'])) {
          return refuse('not-allowed', `Only an Account admin can override a blocker. ${describeActorRoles(command.actor)}.`);
        }
        if (!isOverridable(state.blocked.reason)) {
          return refuse('not-allowed', 'This blocker cannot be overridden: it is a rule (or a fact), not a judgement. Resolve its cause and start a new move.');
        }
        const reason = clip(command.reason.trim(), MAX_COMMENT_LENGTH);
        if (reason.length < 10) return refuse('invalid-input', 'Give the reason for the override (at least a sentence); it goes on the record.');
        return accept({ type: 'BlockOverridden', ...envelope, blockCode: state.blocked.reason.code, reason });
      }
      case 'ChooseOffer':
      case 'EnterInventory':
      case 'RecordReassignment':
      case 'ResumeReassignment':
      case 'RecordDelegatedAccess':
        return decideAfterPlan(command, state, envelope);
      case 'RequestInvitationEmail':
      case 'RecordInvitationEmailAttempt':
      case 'RecordInvitationEmailResult':
        return decideInvitationEmail(command, state, envelope);
      case 'RecordStepFailure': {
        const failed: MoveEvent = { type: 'StepFailed', ...envelope, step: command.step, error: clip(command.error, 1000), retryable: command.retryable };
        if (command.blocks) return { ok: true, events: [failed, blocked(envelope, command.blocks, clip(command.error, 1000))] };
        return accept(failed);
      }
      default:
        return assertNever(command);
    }
  }
}

/**
 * Blockers a person may judge: the tenant's coarse region scope (the typed and Partner Center
 * countries are facts and rules, never overridable), and a lost access that has been restored.
 */
export function isOverridable(reason: BlockReason): boolean {
  return (reason.code === 'region-mismatch' && reason.detectedBy === 'tenant-metadata') || reason.code === 'no-customer-access'
    || reason.code === 'reassignment-incomplete';
}

function regionMismatch(
  envelope: Envelope, customerCountry: string, customerRegion: string,
  partnerCountry: string, partnerRegion: string, detectedBy: RegionEvidence,
): MoveEvent {
  const message = `The customer tenant (${customerCountry}) is in the CSP region "${customerRegion}", but your company (${partnerCountry}) `
    + `is in "${partnerRegion}". A CSP partner can only move customers whose tenant country is in its own region, so nothing was sent. `
    + 'A partner location in the customer\'s region (or the customer\'s current partner) must do this move.';
  return blocked(envelope, { code: 'region-mismatch', customerCountry, customerRegion, partnerCountry, partnerRegion, detectedBy }, message);
}

function expectDecisionPossible(state: MoveState): Decision | null {
  if (state.stage === 'approval') return null;
  if (state.approval) return refuse('wrong-stage', `The plan was already approved by ${state.approval.by.name} at ${state.approval.at}.`);
  return refuse('wrong-stage', `There is no plan waiting for approval; the move is at "${STAGE_LABELS[state.stage]}".`);
}

function finalDetail(state: MoveState): string {
  if (state.stage === 'rejected' && state.rejection) return ` (rejected by ${state.rejection.by.name})`;
  if (state.stage === 'cancelled' && state.cancelled) return ` (cancelled by ${state.cancelled.by.name})`;
  if (state.stage === 'blocked' && state.blocked) return `: ${state.blocked.message}`;
  return '';
}

