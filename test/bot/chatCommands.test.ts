/**
 * Chat commands and the intake dialog, driven through the real MoveBot with TestAdapter: what the bot
 * answers in the conversation and what it records.
 */
import assert from 'node:assert/strict';
import type { Activity } from 'botbuilder';
import { eventText } from '../../cards/eventText';
import { DEFAULT_CARD_OPTIONS } from '../../cards/moveView';
import {
  CHANNEL_ID, TEAM_ID, TestBot, assertCardResponse, assertCardsValid, cardIn, findAction, textOf, useTestBot, type TurnResult,
} from './buildTestBot';
import { CONTOSO_DOMAIN, OTHER_TENANT, PARTNER_TENANT, STAFF } from './fakes';

function onlyText(result: TurnResult): string {
  assert.equal(result.replies.length, 1, `one reply, got ${result.replies.length}`);
  assert.equal(result.replies[0].attachments, undefined, 'a text reply, not a card');
  return result.replies[0].text ?? '';
}

function onlyCard(result: TurnResult): Record<string, any> {
  assert.equal(result.replies.length, 1, `one reply, got ${result.replies.length}: ${result.replies.map((r) => r.text).join(' | ')}`);
  const card = cardIn(result.replies[0]);
  assert.ok(card, 'an Adaptive Card reply');
  assertCardsValid(result);
  return card;
}

function inputValue(card: Record<string, any>, id: string): unknown {
  const stack: unknown[] = [card];
  while (stack.length) {
    const node = stack.pop();
    if (node && typeof node === 'object') {
      if ((node as { id?: string }).id === id) return (node as { value?: unknown }).value;
      stack.push(...Object.values(node));
    }
  }
  return undefined;
}

describe('chat commands', () => {
  let t: TestBot;
  useTestBot((bot) => { t = bot; });

  describe('help', () => {
    it('shows the help card with the caller\'s roles', async () => {
      const card = onlyCard(await t.say(STAFF.megan, 'help'));
      const text = textOf(card);
      assert.match(text, /CSP Move Assistant: commands/);
      assert.ok(text.includes('Your Partner Center roles: Sales agent.'));
      assert.ok(text.includes('You can start moves (move contoso.com).'));
      for (const example of ['move contoso.com', 'status contoso.com', 'list', 'cancel contoso.com', 'retry contoso.com', '@CSP Move Assistant notify here']) {
        assert.ok(text.includes(example), example);
      }
    });

    it('shows the help card for an empty message and for a bare mention in a channel', async () => {
      assert.match(textOf(onlyCard(await t.say(STAFF.isaiah, ''))), /You have no Partner Center role in this partner tenant\./);
      const inChannel = await t.say(STAFF.alex, '<at>CSP Move Assistant</at>', t.channelPost(), { channelData: { tenant: { id: PARTNER_TENANT }, channel: { id: CHANNEL_ID } } });
      assert.match(textOf(onlyCard(inChannel)), /Your Partner Center roles: Account admin\./);
    });
  });

  describe('move', () => {
    it('`move` alone asks which customer, re-asks on a bad answer, then shows the start form', async () => {
      const ask = onlyText(await t.say(STAFF.megan, 'move'));
      assert.equal(ask, 'Which customer do you want to move? Type the domain of their Microsoft 365 tenant (like contoso.onmicrosoft.com) or its tenant id.');

      const again = onlyText(await t.say(STAFF.megan, 'the big one'));
      assert.equal(again, 'That is not a domain or a tenant id. Type something like contoso.onmicrosoft.com, or say `help`.');

      const form = onlyCard(await t.say(STAFF.megan, 'Contoso.onmicrosoft.com'));
      assert.match(textOf(form), /Start a customer move/);
      assert.equal(inputValue(form, 'domain'), CONTOSO_DOMAIN);
      assert.match(String(findAction(form, 'move.start')?.data.moveId), /^mv-id-\d+$/);
      assert.equal(t.store.count(), 0, 'nothing starts before the form is submitted');

      // The dialog is over: the same answer now is just an unknown command.
      assert.match(onlyText(await t.say(STAFF.megan, 'contoso.onmicrosoft.com')), /^I did not understand "contoso\.onmicrosoft\.com"/);
    });

    it('a command typed in the middle of the intake dialog wins over the dialog', async () => {
      await t.say(STAFF.megan, 'move');
      assert.match(textOf(onlyCard(await t.say(STAFF.megan, 'help'))), /CSP Move Assistant: commands/);
      assert.match(onlyText(await t.say(STAFF.megan, 'contoso.onmicrosoft.com')), /^I did not understand/);
    });

    it('`move contoso.onmicrosoft.com` shows the start form for that customer; submitting it starts the move', async () => {
      const form = onlyCard(await t.say(STAFF.megan, 'move contoso.onmicrosoft.com'));
      assert.equal(inputValue(form, 'domain'), CONTOSO_DOMAIN);
      assert.equal(inputValue(form, 'country'), '');
      const start = findAction(form, 'move.start')!;
      assert.equal(t.store.count(), 0);

      const result = await t.click(STAFF.megan, 'move.start', {
        ...start.data, domain: CONTOSO_DOMAIN, country: 'US', source: 'other-csp-partner', multiPartner: 'true', requestGdap: 'false',
      });
      const state = t.orchestrator.get(start.data.moveId as string)!;
      assertCardResponse(result, state);
      assert.equal(state.source, 'other-csp-partner');
      assert.equal(state.multiPartner, true);
      assert.equal(state.requestGdap, false);
      assert.equal(t.directory.gdapRequests.length, 0, 'no GDAP request when the form said no');
    });

    it('`move contoso.onmicrosoft.com US direct` starts the move at once and shows its card', async () => {
      const card = onlyCard(await t.say(STAFF.megan, 'move contoso.onmicrosoft.com US direct'));
      const [state] = t.orchestrator.all();
      assert.equal(state.stage, 'awaiting-acceptance');
      assert.equal(state.customerCountry, 'US');
      assert.equal(state.source, 'microsoft-direct');
      assert.equal(state.startedBy?.name, 'Megan Bowen');
      assert.deepEqual(card.refresh.action.data, { moveId: state.moveId, version: state.version });
      assert.ok(textOf(card).includes(t.partnerCenter.invitationLink));
      assert.deepEqual((await t.registry.getFollowers(state.moveId)).map((f) => f.conversation?.id), [t.personal(STAFF.megan).id]);
    });

    it('shows the move under way instead of starting a second one', async () => {
      await t.say(STAFF.megan, 'move contoso.onmicrosoft.com US direct');
      const result = await t.say(STAFF.alex, 'move contoso.onmicrosoft.com US');
      assert.equal(result.replies.length, 2);
      assert.equal(result.replies[0].text, 'contoso.onmicrosoft.com already has a move under way, started by Megan Bowen. Here it is:');
      assert.ok(cardIn(result.replies[1]));
      assertCardsValid(result);
      assert.equal(t.store.count('MoveStarted'), 1);
    });

    it('shows the form with the error for something that is not a domain', async () => {
      const form = onlyCard(await t.say(STAFF.megan, 'move not_a_domain US'));
      assert.ok(textOf(form).includes('"not_a_domain" is not a domain (like contoso.onmicrosoft.com) or a tenant id (a GUID).'));
      assert.equal(t.store.count(), 0);
    });

    it('refuses Isaiah (no role) with a notice card naming who may start', async () => {
      const card = onlyCard(await t.say(STAFF.isaiah, 'move contoso.onmicrosoft.com US'));
      const text = textOf(card);
      assert.match(text, /No move started/);
      assert.ok(text.includes('You have no Partner Center role, so you cannot see or change moves. Only an Account admin, an Admin agent or a Sales agent can start a move.'));
      assert.equal(t.store.count(), 0);
      // Not even the intake dialog starts for him.
      assert.match(textOf(onlyCard(await t.say(STAFF.isaiah, 'move'))), /No move started/);
    });

    it('refuses someone from another tenant with a notice card', async () => {
      const conversation = { ...t.personal(STAFF.megan), tenantId: OTHER_TENANT };
      const card = onlyCard(await t.say(STAFF.megan, 'move contoso.onmicrosoft.com US', conversation, { channelData: { tenant: { id: OTHER_TENANT } } }));
      assert.match(textOf(card), /No move started/);
      assert.ok(textOf(card).includes('This bot works only for the partner\'s own organisation; your tenant is not that one.'));
      assert.equal(t.store.count(), 0);
    });
  });

  describe('status and list', () => {
    it('`status contoso.onmicrosoft.com` shows the status card with the timeline', async () => {
      await t.say(STAFF.megan, 'move contoso.onmicrosoft.com US direct');
      const [state] = t.orchestrator.all();
      const card = onlyCard(await t.say(STAFF.alex, 'status contoso.onmicrosoft.com'));
      const text = textOf(card);
      assert.ok(text.includes('Timeline'));
      const history = t.store.eventsOf(state.moveId);
      assert.equal(history.length, 3);
      for (const event of history) assert.ok(text.includes(eventText(event, state, DEFAULT_CARD_OPTIONS)), `timeline row: ${eventText(event, state, DEFAULT_CARD_OPTIONS)}`);
      assert.ok(text.includes('Megan Bowen started the move of contoso.onmicrosoft.com (bought direct from Microsoft).'));
      assert.deepEqual(card.refresh.action.data, { moveId: state.moveId, version: state.version });
      assert.ok(findAction({ actions: card.actions }, 'move.cancel'), 'Cancel while the move is not final');
    });

    it('`status` of a move waiting for approval also shows the plan card, so an approver can decide from there', async () => {
      const state = await t.contosoAtApproval(STAFF.megan);
      const result = await t.say(STAFF.adele, 'status contoso.onmicrosoft.com');
      assert.equal(result.replies.length, 2);
      assertCardsValid(result);
      assert.match(textOf(cardIn(result.replies[0])), /Timeline/);
      const plan = cardIn(result.replies[1]);
      assert.equal(findAction(plan, 'move.plan.approve')?.data.planHash, state.plan!.hash);
      assert.deepEqual(plan?.refresh.action.data, { moveId: state.moveId, version: state.version });
    });

    it('`status` for a customer without a move says so', async () => {
      assert.equal(onlyText(await t.say(STAFF.alex, 'status fabrikam.onmicrosoft.com')),
        'There is no move for fabrikam.onmicrosoft.com. Start one with `move fabrikam.onmicrosoft.com`.');
    });

    it('`status` alone and `list` show the dashboard of moves, longest wait first', async () => {
      assert.match(textOf(onlyCard(await t.say(STAFF.alex, 'list'))), /No moves are running\. Start one by saying move and the customer's domain, e\.g\. move contoso\.com\./);
      await t.say(STAFF.megan, 'move contoso.onmicrosoft.com US direct');
      t.clock.advance(2 * 86_400_000);
      await t.say(STAFF.alex, 'move fabrikam.onmicrosoft.com US');
      t.clock.advance(86_400_000);

      const card = onlyCard(await t.say(STAFF.lynne, 'list'));
      const text = textOf(card);
      assert.match(text, /2 running moves, longest wait first\./);
      const waiting = "waiting on the customer's Global Admin (send them the invitation message)";
      assert.ok(text.indexOf(`contoso.onmicrosoft.com\nFor 3 days: ${waiting}`) >= 0, text);
      assert.ok(text.indexOf(`fabrikam.onmicrosoft.com\nFor 24 hours: ${waiting}`) > text.indexOf('contoso.onmicrosoft.com'), 'the longest wait first');
      assert.deepEqual(onlyCard(await t.say(STAFF.lynne, 'status')).body, card.body);
      // Isaiah has no Partner Center role: no customer is named to him.
      for (const command of ['list', 'status', 'status contoso.onmicrosoft.com']) {
        const refusal = textOf(onlyCard(await t.say(STAFF.isaiah, command)));
        assert.match(refusal, /You have no Partner Center role, so you cannot see or change moves/);
        assert.doesNotMatch(refusal, /contoso|fabrikam/i);
      }
    });
  });

  describe('cancel', () => {
    it('`cancel contoso.onmicrosoft.com` answers with the confirmation; its button cancels with the reason typed', async () => {
      await t.say(STAFF.megan, 'move contoso.onmicrosoft.com US direct');
      const card = onlyCard(await t.say(STAFF.megan, 'cancel contoso.onmicrosoft.com'));
      assertCardsValid([{ attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: card }] }]);
      const [state] = t.orchestrator.all();
      assert.equal(state.stage, 'awaiting-acceptance', 'nothing cancelled by the command itself');
      assert.equal(t.store.count('MoveCancelled'), 0);
      assert.match(textOf(card), /Cancel the move of contoso\.onmicrosoft\.com\?/);
      const confirm = findAction(card, 'move.cancel.confirm')!;
      await t.click(STAFF.megan, 'move.cancel.confirm', { ...confirm.data, cancelReason: 'The customer stays with its partner.' });
      assert.equal(t.orchestrator.get(state.moveId)!.stage, 'cancelled');
      assert.equal(t.orchestrator.get(state.moveId)!.cancelled?.reason, 'The customer stays with its partner.');
      assert.equal(onlyText(await t.say(STAFF.megan, 'cancel contoso.onmicrosoft.com')), 'No move is running for contoso.onmicrosoft.com.');
    });

    it('refuses Lynne with a notice card and asks which customer when none is given', async () => {
      await t.say(STAFF.megan, 'move contoso.onmicrosoft.com US direct');
      const card = onlyCard(await t.say(STAFF.lynne, 'cancel contoso.onmicrosoft.com'));
      assert.match(textOf(card), /Nothing cancelled/);
      assert.ok(textOf(card).includes('Only the person who started this move (Megan Bowen), an Account admin or an Admin agent can cancel it.'));
      assert.equal(onlyText(await t.say(STAFF.lynne, 'cancel')), 'Say which customer: `cancel contoso.com`.');
      assert.equal(t.store.count('MoveCancelled'), 0);
    });
  });

  describe('override', () => {
    it('refuses when nothing is blocked and asks for the customer and the reason', async () => {
      const t = new TestBot();
      await t.contosoAtApproval(STAFF.megan);
      assert.match(textOf(onlyCard(await t.say(STAFF.alex, 'override contoso.onmicrosoft.com The tenant is in the US for sure.'))), /There is no blocker to override/);
      assert.match(onlyText(await t.say(STAFF.alex, 'override')), /Say which customer and why/);
      assert.equal(t.store.count('BlockOverridden'), 0);
    });
  });

  describe('audit', () => {
    it('offers the move\'s history as a CSV file (FileConsentCard) to staff with a role, and refuses Isaiah', async () => {
      const t = new TestBot();
      await t.contosoAtApproval(STAFF.megan);
      // The whole flow (accept, upload, decline, channel) is in fileExports.test.ts.
      const offered = (await t.say(STAFF.adele, 'audit contoso.onmicrosoft.com')).replies.filter((r) => r.type === 'message');
      assert.equal(offered.length, 1);
      assert.equal(offered[0].attachments?.[0]?.contentType, 'application/vnd.microsoft.teams.card.file.consent');
      assert.match(offered[0].attachments?.[0]?.name ?? '', /^contoso\.onmicrosoft\.com-audit-\d{4}-\d{2}-\d{2}\.csv$/);
      assert.match(textOf(onlyCard(await t.say(STAFF.isaiah, 'audit contoso.onmicrosoft.com'))), /You have no Partner Center role, so you cannot see or change moves/);
      assert.equal(onlyText(await t.say(STAFF.adele, 'audit')), 'Say which customer: `audit contoso.com`.');
    });
  });

  describe('retry', () => {
    it('runs a failed step again and shows the move card', async () => {
      t.partnerCenter.failNext('resellerInvitationLink');
      const first = onlyCard(await t.say(STAFF.megan, 'move contoso.onmicrosoft.com US direct'));
      const [started] = t.orchestrator.all();
      assert.equal(started.stage, 'invitation');
      assert.equal(started.lastFailure?.step, 'invitation');
      assert.match(textOf(first), /503 Service Unavailable/);

      const card = onlyCard(await t.say(STAFF.megan, 'retry contoso.onmicrosoft.com'));
      const after = t.orchestrator.get(started.moveId)!;
      assert.equal(after.stage, 'awaiting-acceptance');
      assert.equal(after.lastFailure, null);
      assert.deepEqual(card.refresh.action.data, { moveId: after.moveId, version: after.version });
      assert.deepEqual(t.eventTypes(after.moveId), ['MoveStarted', 'PreflightPassed', 'StepFailed', 'InvitationIssued']);
    });

    it('says nothing failed when nothing did, and names the customer when none is running', async () => {
      await t.say(STAFF.megan, 'move contoso.onmicrosoft.com US direct');
      const result = await t.say(STAFF.megan, 'retry contoso.onmicrosoft.com');
      assert.equal(result.replies.length, 2);
      assert.equal(result.replies[0].text, 'Nothing has failed on the move of contoso.onmicrosoft.com; it is at its next step already.');
      assert.ok(cardIn(result.replies[1]));
      assertCardsValid(result);
      assert.equal(onlyText(await t.say(STAFF.megan, 'retry fabrikam.onmicrosoft.com')), 'No move is running for fabrikam.onmicrosoft.com.');
      assert.equal(onlyText(await t.say(STAFF.megan, 'retry')), 'Say which customer: `retry contoso.com`.');
    });

    it('refuses Isaiah (no role)', async () => {
      t.partnerCenter.failNext('resellerInvitationLink');
      await t.say(STAFF.megan, 'move contoso.onmicrosoft.com US direct');
      const events = t.store.count();
      const refusal = textOf(onlyCard(await t.say(STAFF.isaiah, 'retry contoso.onmicrosoft.com')));
      assert.match(refusal, /Nothing run again[\s\S]*You have no Partner Center role, so you cannot see or change moves/);
      assert.equal(t.store.count(), events);
    });
  });

  describe('notify here', () => {
    function channelMessage(text: string): Partial<Activity> {
      return {
        text,
        channelData: { tenant: { id: PARTNER_TENANT }, channel: { id: CHANNEL_ID, name: 'General' }, team: { id: TEAM_ID, name: 'Relecloud Sales' } },
        entities: [{ type: 'mention', text: '<at>CSP Move Assistant</at>', mentioned: { id: '28:csp-move-assistant', name: 'CSP Move Assistant' } }],
      };
    }

    it('in a channel (with the mention) makes it the notification channel', async () => {
      const conversation = t.channelPost('1700000000000');
      const reply = onlyText(await t.say(STAFF.alex, '<at>CSP Move Assistant</at> notify here', conversation, channelMessage('<at>CSP Move Assistant</at> notify here')));
      assert.equal(reply, 'Done: this channel is now the notification channel. Each move gets its own thread here, with every step posted as it happens.');
      const channel = await t.registry.getNotificationChannel();
      assert.ok(channel);
      assert.equal(channel.channelId, CHANNEL_ID);
      assert.equal(channel.teamId, TEAM_ID);
      assert.equal(channel.chosenBy, 'Alex Wilber');
      assert.equal(channel.chosenAt, t.clock.now().toISOString());
      // The channel itself, not the thread of this message.
      assert.equal(channel.reference.conversation?.id, CHANNEL_ID);
      assert.equal(channel.reference.conversation?.conversationType, 'channel');
      assert.equal(channel.reference.activityId, undefined);
      assert.equal(channel.reference.conversation?.tenantId, PARTNER_TENANT);
    });

    it('in a personal chat refuses and stores nothing', async () => {
      assert.equal(onlyText(await t.say(STAFF.alex, 'notify here')),
        'Say `@CSP Move Assistant notify here` in the team channel that should get the updates; this is not a channel.');
      assert.equal(await t.registry.getNotificationChannel(), undefined);
    });

    it('refuses Isaiah (no role) in a channel and stores nothing', async () => {
      const card = onlyCard(await t.say(STAFF.isaiah, '<at>CSP Move Assistant</at> notify here', t.channelPost(), channelMessage('<at>CSP Move Assistant</at> notify here')));
      assert.match(textOf(card), /Notification channel not changed/);
      assert.equal(await t.registry.getNotificationChannel(), undefined);
    });
  });

  describe('anything else', () => {
    it('answers an unknown command with a pointer to help', async () => {
      assert.equal(onlyText(await t.say(STAFF.megan, 'dance')), 'I did not understand "dance". Say `help` to see what I can do.');
    });

    it('clips a huge unknown command and strips markup from it', async () => {
      const reply = onlyText(await t.say(STAFF.megan, `<b>x</b>${'y'.repeat(1_000_000)}`));
      assert.ok(reply.length < 200, `reply is ${reply.length} characters`);
      assert.ok(!reply.includes('<b>'));
    });

    it('answers an Action.Submit-style message (value, no text) by asking for a newer Teams client', async () => {
      const result = await t.process(t.activity(t.from(STAFF.adele), t.personal(STAFF.adele), {
        type: 'message', value: { verb: 'move.plan.approve', moveId: 'mv-id-1', planHash: 'x' },
      }));
      assert.equal(onlyText(result), 'This card needs a newer Teams client (Adaptive Cards 1.5 with Universal Actions). Update Teams and try again.');
      assert.equal(t.store.count(), 0);
    });
  });
});
