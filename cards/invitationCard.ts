/**
 * Stage awaiting-acceptance: the reseller invitation link (and the GDAP approval link when requested),
 * a ready-to-send message for the customer's Global Admin, the expiry date, and Cancel.
 */
import type { MoveState } from '../move/state';
import { deepFreeze, executeAction, expandCard, formatDate, MOVE_CARD_FRAME, plainText, safeUrl, VERBS } from './common';
import type { AdaptiveCardJson, MoveActionData } from './common';
import { HEADER_TEMPLATE, actionData, customerLabel, headerView, canCancel } from './moveView';
import type { MoveHeaderView } from './moveView';

interface InvitationView {
  act: MoveActionData;
  header: MoveHeaderView;
  hasReseller: boolean;
  resellerLink: string;
  skipped: boolean;
  skippedText: string;
  hasGdap: boolean;
  gdapLink: string;
  hasLinks: boolean;
  hasInvitation: boolean;
  expires: string;
  message: string;
  canCancel: boolean;
}

/** The message staff send to the customer's Global Admin, in plain text. */
export function customerMessage(state: MoveState): string {
  const customer = customerLabel(state);
  const reseller = safeUrl(state.invitation?.resellerLink);
  const gdap = safeUrl(state.invitation?.gdapLink);
  const expires = formatDate(state.invitation?.expiresAt);
  const steps: string[] = [];
  if (reseller) {
    steps.push(`${steps.length + 1}. Sign in as a Global Administrator of your Microsoft 365 tenant and open our reseller invitation: ${reseller}\n` +
      '   Review it and accept it (accept the Microsoft Customer Agreement too if you are asked).');
  }
  if (gdap) {
    steps.push(`${steps.length + 1}. Open our delegated admin (GDAP) request and approve all the roles in it: ${gdap}\n` +
      '   It gives us limited, time-bound admin roles (never Global Administrator) so we can read which licences you have.');
  }
  return [
    'Hello,',
    '',
    `We are ready to move the Microsoft 365 subscriptions of ${customer} to us as your Cloud Solution Provider (CSP). ` +
      'Only a Global Administrator of your tenant can accept this; nobody can accept it for you.',
    '',
    ...steps,
    '',
    'What this does: it makes us your reseller, so we can buy the same Microsoft 365 subscriptions for you. ' +
      'It does not move, change or cancel any subscription by itself, and your users notice nothing. ' +
      'Your current subscriptions keep running until they reach their end date.',
    '',
    `The invitation is valid until ${expires}. Reply to this message if anything is unclear.`,
    '',
    'Thank you',
  ].join('\n');
}

export function invitationView(state: MoveState): InvitationView {
  const reseller = safeUrl(state.invitation?.resellerLink);
  const gdap = safeUrl(state.invitation?.gdapLink);
  return {
    act: actionData(state),
    header: headerView(state),
    hasReseller: reseller !== null,
    resellerLink: reseller ?? '',
    skipped: reseller === null,
    skippedText: state.customerId
      ? `Invitation skipped: ${customerLabel(state)} is already your customer in Partner Center (reseller relationship exists).`
      : 'Invitation skipped: there is no reseller invitation link for this move.',
    hasGdap: gdap !== null,
    gdapLink: gdap ?? '',
    hasLinks: reseller !== null || gdap !== null,
    hasInvitation: state.invitation !== null,
    expires: formatDate(state.invitation?.expiresAt),
    message: customerMessage(state),
    canCancel: canCancel(state),
  };
}

const TEMPLATE = deepFreeze({
  ...MOVE_CARD_FRAME,
  body: [
    ...HEADER_TEMPLATE,
    { type: 'TextBlock', text: 'Waiting for the customer to accept', weight: 'Bolder', spacing: 'Medium', wrap: true },
    {
      type: 'TextBlock',
      $when: '${hasReseller}',
      wrap: true,
      text: "Send the message below to a Global Admin of the customer's tenant. Only a Global Admin can accept. " +
        'I notice the acceptance by myself and then read the inventory; nothing is bought before a plan is approved.',
    },
    {
      type: 'TextBlock',
      $when: '${hasLinks}',
      wrap: true,
      isSubtle: true,
      size: 'Small',
      text: "The buttons below open the links so you can check them; they only work for a Global Admin signed in to the customer's tenant.",
    },
    plainText('${skippedText}', { $when: '${skipped}' }),
    {
      type: 'TextBlock',
      $when: '${hasInvitation}',
      wrap: true,
      text: 'The invitation is valid until ${expires}. After that, cancel this move and start a new one for a fresh link.',
    },
    {
      type: 'Input.Text',
      $when: '${hasLinks}',
      id: 'customerMessage',
      label: "Message for the customer's Global Admin (select all and copy)",
      isMultiline: true,
      value: '${message}',
    },
    {
      type: 'TextBlock',
      $when: '${hasGdap}',
      wrap: true,
      isSubtle: true,
      size: 'Small',
      text: 'The delegated admin (GDAP) request uses least-privilege roles without Global Administrator; requests not approved within 90 days expire.',
    },
  ],
  actions: [
    { type: 'Action.OpenUrl', $when: '${hasReseller}', title: 'Open the reseller invitation', url: '${resellerLink}' },
    { type: 'Action.OpenUrl', $when: '${hasGdap}', title: 'Open the GDAP approval link', url: '${gdapLink}' },
    executeAction('Refresh', VERBS.refresh, { associatedInputs: 'none' }),
    executeAction('Cancel the move', VERBS.cancel, { $when: '${canCancel}', associatedInputs: 'none', style: 'destructive' }),
  ],
});

export function invitationCard(state: MoveState): AdaptiveCardJson {
  return expandCard(TEMPLATE, invitationView(state));
}
