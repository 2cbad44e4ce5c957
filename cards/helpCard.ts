/** `help`: the commands with examples, and what the caller's roles allow them to do. */
import { ROLE_LABELS } from '../move/model';
import type { Role } from '../move/model';
import { ROLES_THAT_APPROVE, ROLES_THAT_CANCEL_ANY, ROLES_THAT_START } from '../move/policy';
import { describeRoles } from './roleText';
import { CARD_SCHEMA, expandCard, deepFreeze } from './common';
import type { AdaptiveCardJson } from './common';

export interface HelpCardData {
  roles: Role[];
  /** The configured approvers (APPROVER_ROLES); the built-in ones when not given. */
  approverRoles?: readonly Role[];
}

/** The commands as the help card lists them: what to type, an example, what it does. */
export const COMMANDS: ReadonlyArray<{ readonly command: string; readonly example: string; readonly does: string }> = deepFreeze([
  { command: 'move', example: 'move contoso.com', does: "Start a move. Use the customer's domain or tenant id; I then show the start form. Add the tenant's country (move contoso.com US) to start at once." },
  { command: 'status', example: 'status contoso.com', does: 'Show where a move is and what it waits for. Without a customer: the moves, as list shows them.' },
  { command: 'list', example: 'list waiting', does: 'The moves by stage, longest wait first, each with on whom it waits and an Open button. Filters: list (all), list mine (started or acted on by you), list waiting (waiting on you), list blocked; the same as buttons on the card.' },
  { command: 'cancel', example: 'cancel contoso.com', does: 'Cancel a running move. Nothing already bought is undone.' },
  { command: 'retry', example: 'retry contoso.com', does: 'Run a failed step again now (after fixing its cause); after users were left on their old licence, move them again.' },
  { command: 'override', example: 'override contoso.com (your reason)', does: 'Account admins: lift a blocker that needs judgement (e.g. a coarse region hint, restored access, users left on their old licence), with the reason on record.' },
  { command: 'audit', example: 'audit contoso.com', does: "The move's whole history as a CSV file (time, person, role, step, detail), sent to you in a personal chat." },
  { command: 'report', example: 'report contoso.com', does: 'The licence reassignment report as a CSV file: one row per user, with the outcome and what to do, sent to you in a personal chat.' },
  { command: 'notify here', example: '@CSP Move Assistant notify here', does: 'In a team channel: post every move update to this channel.' },
  { command: 'help', example: 'help', does: 'Show this card.' },
]);

interface HelpView {
  commands: Array<{ title: string; value: string }>;
  rolesText: string;
  abilities: Array<{ text: string; color: string }>;
}

const ROLE_ORDER: readonly Role[] = deepFreeze(['account-admin', 'admin-agent', 'sales-agent', 'billing-agent', 'helpdesk-agent'] as Role[]);

export function helpView(data: HelpCardData): HelpView {
  const roles = ROLE_ORDER.filter((role) => data.roles.includes(role));
  const canStart = roles.some((role) => ROLES_THAT_START.includes(role));
  const approvers = data.approverRoles ?? ROLES_THAT_APPROVE;
  const canApprove = roles.some((role) => approvers.includes(role));
  const canCancelAny = roles.some((role) => ROLES_THAT_CANCEL_ANY.includes(role));
  // Default colour throughout: Teams' Good and Warning text is hard to read on a white card; the words say it.
  const abilities: HelpView['abilities'] = [
    canStart
      ? { text: '✔ You can start moves (move contoso.com).', color: 'Default' }
      : { text: '✖ You cannot start a move: that needs the Account admin, Admin agent or Sales agent role. Ask your Global Administrator to add you to the SalesAgents or AdminAgents group.', color: 'Default' },
    canApprove
      ? { text: '✔ You can approve or reject plans, except the plan of a move you started (another approver must check it).', color: 'Default' }
      : { text: `✖ You cannot approve plans: that needs ${describeRoles(approvers)} role${approvers.includes('billing-agent') ? ' (Billing agent is the Billing Administrator directory role)' : ''}.`, color: 'Default' },
    canCancelAny
      ? { text: '✔ You can cancel any move.', color: 'Default' }
      : roles.length > 0
        ? { text: '✔ You can cancel the moves you started; an Account admin or an Admin agent can cancel any move.', color: 'Default' }
        : { text: '✖ You cannot see or cancel moves without a Partner Center role.', color: 'Default' },
  ];
  return {
    commands: COMMANDS.map((c) => ({ title: c.example, value: c.does })),
    rolesText: roles.length > 0
      ? `Your Partner Center roles: ${roles.map((role) => ROLE_LABELS[role]).join(', ')}.`
      : 'You have no Partner Center role in this partner tenant.',
    abilities,
  };
}

const TEMPLATE = deepFreeze({
  type: 'AdaptiveCard',
  $schema: CARD_SCHEMA,
  version: '1.5',
  body: [
    { type: 'TextBlock', text: 'CSP Move Assistant: commands', size: 'Medium', weight: 'Bolder', wrap: true },
    {
      type: 'TextBlock',
      wrap: true,
      isSubtle: true,
      text: 'In a channel, mention me first (@CSP Move Assistant status). In a chat with me, just type the command.',
    },
    { type: 'FactSet', facts: [{ $data: '${commands}', title: '${title}', value: '${value}' }] },
    { type: 'TextBlock', text: 'What you can do', weight: 'Bolder', spacing: 'Medium', wrap: true },
    { type: 'TextBlock', text: '${rolesText}', wrap: true },
    { type: 'TextBlock', $data: '${abilities}', text: '${text}', color: '${color}', wrap: true, spacing: 'Small' },
  ],
});

export function helpCard(data: HelpCardData): AdaptiveCardJson {
  return expandCard(TEMPLATE, helpView(data));
}
