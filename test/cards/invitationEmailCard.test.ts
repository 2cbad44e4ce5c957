/** The invitation card's "Email the invitation" section, the email's subject and text, and its event lines. */
import assert from 'node:assert/strict';
import { auditCsv } from '../../cards/auditCsv';
import { INVITATION_EMAIL_INPUT_ID } from '../../cards/common';
import { eventText } from '../../cards/eventText';
import { invitationCard, invitationEmail } from '../../cards/invitationCard';
import { moveCard } from '../../cards/moveCard';
import type { CardOptions } from '../../cards/moveView';
import type { MoveEvent } from '../../move/events';
import { SYSTEM_ACTOR } from '../../move/model';
import { evolve, type MoveState } from '../../move/state';
import { assertValidCard, buttons, moveChecks, visibleText, walk } from './cardAssertions';
import { ALEX, GDAP_LINK, HOSTILE, MEGAN, OPTIONS, RESELLER_LINK, contosoState, contosoUntil, stateOf } from './fixtures';

const MAILBOX = 'moves@relecloud.com';
const WITH_MAILBOX: CardOptions = { ...OPTIONS, invitationMail: { asSignedInUser: false, mailbox: MAILBOX } };
const WITH_SSO: CardOptions = { ...OPTIONS, invitationMail: { asSignedInUser: true, mailbox: null } };

/** The events of one email: asked for by `by` at 10:00, sent (or not) a second later. */
function emailEvents(n: number, outcome: 'sent' | 'failed' | 'unknown' | 'sending', to = ['admin@contoso.com'], by = MEGAN, error = ''): MoveEvent[] {
  const at = `2025-03-03T10:0${n}:00Z`;
  const done = `2025-03-03T10:0${n}:01Z`;
  const attemptId = `email-${n}`;
  const events: MoveEvent[] = [
    { type: 'InvitationEmailRequested', at, actor: by, to, subject: 'Action needed', body: 'Hello', sendAs: 'mailbox' },
    { type: 'InvitationEmailAttempted', at, actor: SYSTEM_ACTOR, attemptId, sender: { kind: 'mailbox', address: MAILBOX } },
  ];
  if (outcome === 'sent') events.push({ type: 'InvitationEmailed', at: done, actor: SYSTEM_ACTOR, attemptId });
  if (outcome === 'failed' || outcome === 'unknown') events.push({ type: 'InvitationEmailFailed', at: done, actor: SYSTEM_ACTOR, attemptId, outcome, error });
  return events;
}

function withEmails(...events: MoveEvent[]): MoveState {
  return events.reduce(evolve, contosoState('InvitationIssued'));
}

function emailInput(card: unknown): Record<string, unknown> | undefined {
  let found: Record<string, unknown> | undefined;
  walk(card, (o) => { if (o.id === INVITATION_EMAIL_INPUT_ID) found = o; });
  return found;
}

function emailLines(card: unknown): Array<{ text: string; color: string }> {
  const lines: Array<{ text: string; color: string }> = [];
  walk(card, (o) => {
    if (o.type === 'TextRun' && typeof o.text === 'string' && /^(Emailed to|Sending failed|Unknown|Sending to)/.test(o.text)) {
      lines.push({ text: o.text, color: String(o.color) });
    }
  });
  return lines;
}

describe('invitationCard: email the invitation', () => {
  it('offers the form when the bot has a mailbox, and says where the email leaves from', () => {
    const state = contosoState('InvitationIssued');
    const card = invitationCard(state, WITH_MAILBOX);
    assertValidCard(card, moveChecks(state));
    const input = emailInput(card);
    assert.equal(input?.type, 'Input.Text');
    assert.equal(input?.label, "Customer admin's email address (up to 5, separated by commas)");
    assert.equal(input?.isRequired, true);
    const send = buttons(card).find((b) => b.verb === 'move.invitation.email');
    assert.equal(send?.title, 'Email the invitation');
    assert.equal(send?.associatedInputs, 'auto', 'the click carries the typed address');
    assert.deepEqual(buttons(card).filter((b) => b.verb !== 'move.invitation.email').map((b) => b.associatedInputs), ['none', 'none']);
    assert.match(visibleText(card), /The email leaves from moves@relecloud\.com\./);
    // The same card through moveCard, as the bot draws it.
    assert.deepEqual(moveCard(state, WITH_MAILBOX), card);
  });

  it('says the email leaves from the staff member\'s own mailbox with Teams SSO', () => {
    const card = invitationCard(contosoState('InvitationIssued'), WITH_SSO);
    assertValidCard(card);
    assert.ok(emailInput(card));
    assert.match(visibleText(card), /The email leaves from your own mailbox \(Teams signs you in\)/);
  });

  it('does not offer the form without a mailbox or SSO, and says what to set up', () => {
    for (const options of [OPTIONS, { ...OPTIONS, invitationMail: { asSignedInUser: false, mailbox: null } }]) {
      const card = invitationCard(contosoState('InvitationIssued'), options);
      assertValidCard(card);
      assert.equal(emailInput(card), undefined);
      assert.ok(!buttons(card).some((b) => b.verb === 'move.invitation.email'));
      assert.match(visibleText(card), /The bot cannot email the invitation yet: an operator must set MAIL_SENDER_MAILBOX .* or set up Teams single sign-on/);
    }
  });

  it('shows each email\'s outcome, latest first, and the form again for another address', () => {
    const state = withEmails(
      ...emailEvents(1, 'failed', ['admin@contoso.com'], MEGAN, 'Emailing the invitation from moves@relecloud.com: Graph answered HTTP 403 (ErrorAccessDenied): Access is denied. Fix: grant the app Mail.Send.'),
      ...emailEvents(2, 'unknown', ['admin@contoso.com'], MEGAN, 'Emailing the invitation: the bot stopped while sending: check the Sent Items of moves@relecloud.com before sending again.'),
      ...emailEvents(3, 'sent', ['it@contoso.com', 'ceo@contoso.com'], ALEX),
    );
    const card = invitationCard(state, WITH_MAILBOX);
    assertValidCard(card, moveChecks(state));
    assert.deepEqual(emailLines(card), [
      { text: 'Emailed to it@contoso.com, ceo@contoso.com by Alex Wilber at 3 Mar 2025, 10:03 UTC, from moves@relecloud.com.', color: 'Default' },
      { text: 'Unknown (to admin@contoso.com, asked by Megan Bowen at 3 Mar 2025, 10:02 UTC): Emailing the invitation: the bot stopped while sending: check the Sent Items of moves@relecloud.com before sending again.', color: 'Attention' },
      { text: 'Sending failed (to admin@contoso.com, asked by Megan Bowen at 3 Mar 2025, 10:01 UTC): Emailing the invitation from moves@relecloud.com: Graph answered HTTP 403 (ErrorAccessDenied): Access is denied. Fix: grant the app Mail.Send.', color: 'Attention' },
    ]);
    assert.ok(emailInput(card), 'another address can be sent to');
    assert.equal(state.stage, 'awaiting-acceptance');
  });

  it('shows an email on its way without the form', () => {
    const state = withEmails(...emailEvents(1, 'sending'));
    const card = invitationCard(state, WITH_MAILBOX);
    assertValidCard(card, moveChecks(state));
    assert.deepEqual(emailLines(card).map((l) => l.text), ['Sending to admin@contoso.com (asked by Megan Bowen at 3 Mar 2025, 10:01 UTC)…']);
    assert.match(visibleText(card), /An email is on its way; select Refresh in a moment/);
    assert.equal(emailInput(card), undefined);
  });

  it('clips hostile addresses, names and errors, and lists only the latest emails', () => {
    const hostileActor = { ...MEGAN, name: HOSTILE };
    const events = [1, 2, 3, 4, 5, 6, 7, 8].flatMap((n) => emailEvents(n, 'failed', [HOSTILE, HOSTILE], hostileActor, HOSTILE));
    const card = invitationCard(withEmails(...events), WITH_MAILBOX);
    assertValidCard(card);
    const lines = emailLines(card);
    assert.equal(lines.length, 6, 'the latest six; the audit export has them all');
    for (const line of lines) assert.ok(line.text.length < 1_000, `${line.text.length} characters`);
    const json = JSON.stringify(card);
    assert.doesNotMatch(json, /\$\{|[\u202A-\u202E\u0007]/);
    walk(card, (o) => { if (o.type === 'TextBlock') assert.doesNotMatch(String(o.text), /click me|evil\.example/); });
  });

  it('draws a subject naming the customer and the partner, and the ready-to-send text as the body', () => {
    const state = contosoState('InvitationIssued');
    const { subject, body } = invitationEmail(state, 'Relecloud');
    assert.equal(subject, "Action needed: accept contoso.onmicrosoft.com's CSP invitation from Relecloud");
    assert.ok(body.includes(RESELLER_LINK) && body.includes(GDAP_LINK));
    assert.equal(invitationEmail(state, null).subject, "Action needed: accept contoso.onmicrosoft.com's CSP invitation");
    assert.ok(invitationEmail(state, HOSTILE).subject.length <= 255);
  });
});

describe('eventText and the audit export: invitation emails', () => {
  const history = [...contosoUntil('InvitationIssued'),
    ...emailEvents(1, 'sent'), ...emailEvents(2, 'failed', ['it@contoso.com'], ALEX, 'Graph answered HTTP 404. Fix: set MAIL_SENDER_MAILBOX to an existing mailbox.'),
    ...emailEvents(3, 'unknown', ['admin@contoso.com'], MEGAN, 'Emailing the invitation: the bot stopped while sending: check the Sent Items of moves@relecloud.com before sending again.')];

  it('tells each step in one plain line', () => {
    const state = stateOf(history);
    const lines = history.slice(3).map((e) => eventText(e, state, OPTIONS));
    assert.deepEqual(lines, [
      'Megan Bowen asked the bot to email the invitation to admin@contoso.com.',
      'Sending the invitation email to admin@contoso.com from moves@relecloud.com.',
      'Invitation emailed to admin@contoso.com by Megan Bowen, from moves@relecloud.com.',
      'Alex Wilber asked the bot to email the invitation to it@contoso.com.',
      'Sending the invitation email to it@contoso.com from moves@relecloud.com.',
      'Invitation email to it@contoso.com (asked by Alex Wilber) not sent. Graph answered HTTP 404. Fix: set MAIL_SENDER_MAILBOX to an existing mailbox.',
      'Megan Bowen asked the bot to email the invitation to admin@contoso.com.',
      'Sending the invitation email to admin@contoso.com from moves@relecloud.com.',
      'Invitation email to admin@contoso.com (asked by Megan Bowen): outcome unknown. Emailing the invitation: the bot stopped while sending: check the Sent Items of moves@relecloud.com before sending again.',
    ]);
  });

  it('has a row per email event in the audit CSV', () => {
    const rows = auditCsv('mv-contoso-0001', history, OPTIONS).split('\r\n');
    assert.equal(rows.length, history.length + 1);
    assert.ok(rows.some((r) => r.includes(',Megan Bowen,Sales agent,InvitationEmailRequested,Megan Bowen asked the bot to email the invitation to admin@contoso.com.')));
    assert.ok(rows.some((r) => r.includes(',CSP Move Assistant,bot,InvitationEmailed,"Invitation emailed to admin@contoso.com by Megan Bowen, from moves@relecloud.com."')));
    assert.ok(rows.some((r) => r.includes(',InvitationEmailFailed,Invitation email to it@contoso.com (asked by Alex Wilber) not sent.')));
  });
});
