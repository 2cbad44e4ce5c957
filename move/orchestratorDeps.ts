/**
 * What the orchestrator is built from (ports, decider, settings) and what its methods take and answer.
 * Apart from orchestrator.ts so that the steps can name their dependencies without the class.
 */
import type { MoveDecider, Refusal } from './decider';
import type { MoveEvent } from './events';
import type { Actor, BillingCycle, SourceChannel, TermDuration } from './model';
import type { OfferMap } from './offerMap';
import type { PriceSheetSource } from './pricing';
import type {
  Clock, CustomerDirectory, IdGenerator, InvitationMailer, Logger, MoveStore, MoveTelemetry, Notifier, PartnerCenter, PartnerDirectory,
  SkuCatalogSource, TenantLookup,
} from './ports';
import type { MoveState } from './state';

export interface MoveSettings {
  partnerTenantId: string;
  /** Overrides the country Partner Center reports for the partner (legal business profile). */
  partnerCountry?: string;
  term: TermDuration;
  billing: BillingCycle;
  freeSkuPartNumbers?: readonly string[];
  /** Days between reminders while the customer has not accepted (default 7). */
  invitationReminderDays?: number;
  /** Hours between reminders while a plan waits for approval (default 24). */
  approvalReminderHours?: number;
  /** Days before each original's end to buy its replacement (default 7); 0 = on the day it ends. */
  buyDaysBeforeEnd?: number;
  /** Hours before a scheduled purchase to remind the approvers (default 24). */
  purchaseReminderHours?: number;
  /** Days before each original subscription's end to remind that auto-renew must be off (default 14). */
  sourceReminderDays?: number;
  /** Hours before a follow-up's due day to remind its owners (default 24): once per task and due date. */
  followUpReminderHours?: number;
  /**
   * Several bot instances share the store (scale-out): a move may have changed on another instance, so
   * a click reads it afresh and a sweep reloads the moves still running.
   */
  sharedStore?: boolean;
}

export interface OrchestratorDeps {
  store: MoveStore;
  /** The partner's price sheet; without it plans show the offer map's guide prices. */
  prices?: PriceSheetSource;
  decider: MoveDecider;
  partnerCenter: PartnerCenter;
  customers: CustomerDirectory;
  partnerDirectory: PartnerDirectory;
  tenants: TenantLookup;
  notifier: Notifier;
  clock: Clock;
  ids: IdGenerator;
  log: Logger;
  settings: MoveSettings;
  /** Microsoft's SKU → service plan table (equivalents are checked against it). */
  skuCatalog: SkuCatalogSource;
  offerMap: OfferMap;
  /** Sends the invitation email staff ask for (Graph sendMail, as them or from the configured mailbox). */
  mailer: InvitationMailer;
  /** A span per step, stage transitions and step failures counted (default NO_MOVE_TELEMETRY: nothing). */
  telemetry?: MoveTelemetry;
}

export type CommandResult =
  | { ok: true; state: MoveState; events: MoveEvent[]; settled: Promise<void> }
  | { ok: false; refusal: Refusal; state: MoveState | null };

export interface StartMoveInput {
  customerDomain: string;
  customerCountry: string;
  source: SourceChannel;
  multiPartner: boolean;
  requestGdap: boolean;
  actor: Actor;
  /** Given by a start form so that submitting the same form twice starts one move. */
  moveId?: string;
  /** The starter's Teams SSO token, for the App+User calls of the invitation (kept in memory only). */
  userAssertion?: string;
}
