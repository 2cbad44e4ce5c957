import assert from 'node:assert/strict';
import { auditCsv } from '../../cards/auditCsv';
import type { MoveEvent } from '../../move/events';
import { adele, contosoHistory } from '../move/fixtures';

describe('audit CSV', () => {
  it('has one row per event with time, actor, role, step and detail', () => {
    const events = contosoHistory('approved');
    const rows = auditCsv('mv-1', events).split('\r\n');
    assert.equal(rows[0], 'time,actor,role,step,detail');
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
    const csv = auditCsv('mv-1', [...contosoHistory('proposed'), hostile]);
    const last = csv.slice(csv.lastIndexOf('2026-11-24T10:00:00.000Z'));
    assert.ok(last.startsWith('2026-11-24T10:00:00.000Z,"\'=HYPERLINK(""x"",""y"")",'));
    assert.match(last, /,"Plan rejected by [^\r\n]*""never""[^\r\n]*"$/);
  });
});
