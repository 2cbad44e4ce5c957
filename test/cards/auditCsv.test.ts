import assert from 'node:assert/strict';
import { auditCsv } from '../../cards/auditCsv';
import { DEFAULT_CARD_OPTIONS } from '../../cards/moveView';
import type { MoveEvent } from '../../move/events';
import { adele, contosoHistory } from '../move/fixtures';
import { reassignmentIncompleteEvents, user } from './fabrikamFixtures';

describe('audit CSV', () => {
  it('has one row per event with time, actor, role, step, detail and correlation id', () => {
    const events = contosoHistory('approved');
    const rows = auditCsv('mv-1', events, DEFAULT_CARD_OPTIONS).split('\r\n');
    assert.equal(rows[0], 'time,actor,role,step,detail,correlation id');
    assert.equal(rows.length, events.length + 1);
    assert.match(rows[1], /^2026-11-24T09:00:00.000Z,Megan Bowen,Sales agent,MoveStarted,/);
    assert.match(rows.at(-1)!, /Adele Vance,Billing agent,PlanApproved,/);
    assert.match(rows[2], /,CSP Move Assistant,bot,PreflightPassed,/);
  });

  it('quotes commas, quotes and new lines, and defuses spreadsheet formulas', () => {
    const hostile: MoveEvent = {
      type: 'PlanRejected', at: '2026-11-24T10:00:00.000Z', actor: { ...adele, name: '=HYPERLINK("x","y")' },
      planHash: 'h', comment: 'no, "never"\nagain',
    };
    const csv = auditCsv('mv-1', [...contosoHistory('proposed'), hostile], DEFAULT_CARD_OPTIONS);
    const last = csv.slice(csv.lastIndexOf('2026-11-24T10:00:00.000Z'));
    assert.ok(last.startsWith('2026-11-24T10:00:00.000Z,"\'=HYPERLINK(""x"",""y"")",'));
    assert.match(last, /,"Plan rejected by [^\r\n]*""never""[^\r\n]*",corr-1$/);
  });

  it('shows each event\'s correlation id, and the move\'s for an event stored before events carried one', () => {
    const [started, ...rest] = contosoHistory('approved');
    const approvedByRequest = { ...rest.at(-1)!, correlationId: 'req-approve-42' } as MoveEvent;
    const stored: MoveEvent[] = [started, ...rest.slice(0, -1).map((e) => { const { correlationId: _, ...old } = e; return old as MoveEvent; }), approvedByRequest];
    const rows = auditCsv('mv-1', stored, DEFAULT_CARD_OPTIONS).split('\r\n').slice(1);
    assert.deepEqual(rows.map((r) => r.slice(r.lastIndexOf(',') + 1)), [...rest.map(() => 'corr-1'), 'req-approve-42']);
  });

  it('covers the new events, and lists each user a reassignment batch could not move', () => {
    const events = reassignmentIncompleteEvents([user(1, 'moved'), user(2, 'failed'), user(3, 'skipped-group')]);
    const rows = auditCsv('mv-fabrikam', events, DEFAULT_CARD_OPTIONS).split('\r\n');
    assert.equal(rows.length, events.length + 1 + 2, 'one row per event, and one per user needing attention');
    assert.ok(rows.some((r) => r.includes(',OfferChosen,Alex Wilber (Account admin) picked Visio Plan 1 for VISIOCLIENT')));
    assert.ok(rows.some((r) => r.includes(',LicencesReassigned: user,user002@fabrikam.onmicrosoft.com — Failed — License assignment failed.')));
    assert.ok(rows.some((r) => r.includes(',LicencesReassigned: user,"user003@fabrikam.onmicrosoft.com — Skipped: licensed through a group — ')));
    assert.ok(rows.some((r) => /,ReassignmentFinished,"?Licence reassignment pass finished: 1 moved, 2 users still on the old licence\./.test(r)));
    assert.ok(rows.some((r) => /,MoveBlocked,"?Move blocked: 2 users still hold the old licence/.test(r)));
  });
});
