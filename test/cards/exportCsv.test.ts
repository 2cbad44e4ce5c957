/** The CSV writers of the file exports: cells, the reassignment report, and the audit trail kept whole. */
import assert from 'node:assert/strict';
import { auditCsv } from '../../cards/auditCsv';
import { csvField, csvText } from '../../cards/csvCells';
import { DEFAULT_CARD_OPTIONS } from '../../cards/moveView';
import { reassignmentCsv } from '../../cards/reassignmentCsv';
import type { MoveEvent } from '../../move/events';
import { reassignmentReport } from '../../move/reassignmentReport';
import { FABRIKAM_MOVE_ID, reassignmentIncompleteEvents, user } from './fabrikamFixtures';

describe('CSV cells', () => {
  it('prefixes a cell starting with = + - @ (or a tab or carriage return) with an apostrophe', () => {
    assert.equal(csvField('=SUM(A1:A2)'), "'=SUM(A1:A2)");
    assert.equal(csvField('+1 555'), "'+1 555");
    assert.equal(csvField('-2'), "'-2");
    assert.equal(csvField('@cmd'), "'@cmd");
    assert.equal(csvField('\tx'), "'\tx");
    assert.equal(csvField('a=b'), 'a=b', 'only a leading sign is a formula');
    assert.equal(csvField('plain'), 'plain');
  });

  it('quotes commas, quotes and line breaks (RFC 4180), after defusing', () => {
    assert.equal(csvField('a,b'), '"a,b"');
    assert.equal(csvField('say "hi"'), '"say ""hi"""');
    assert.equal(csvField('two\r\nlines'), '"two\r\nlines"');
    assert.equal(csvField('=HYPERLINK("http://x","y")'), '"\'=HYPERLINK(""http://x"",""y"")"');
    assert.equal(csvText([['h1', 'h2'], ['1', '=2']]), "h1,h2\r\n1,'=2");
  });
});

describe('reassignment report', () => {
  const named = (n: number, outcome: Parameters<typeof user>[1], displayName?: string) => ({ ...user(n, outcome), ...(displayName ? { displayName } : {}) });

  it('has one row per user: UPN, display name, from SKU, to SKU, outcome, what to do, when', () => {
    const events = reassignmentIncompleteEvents([named(1, 'moved', 'Ana Ávila'), named(2, 'skipped-usage-location', '=cmd|calc'), user(3, 'failed')]);
    const rows = reassignmentCsv(FABRIKAM_MOVE_ID, events).split('\r\n');
    const at = events.find((e) => e.type === 'LicencesReassigned')!.at;
    assert.deepEqual(rows, [
      'user principal name,display name,from SKU,to SKU,outcome,fix / why,when',
      `user001@fabrikam.onmicrosoft.com,Ana Ávila,SPE_E3,Microsoft 365 E3 (no Teams) + Microsoft Teams Enterprise,Moved,Now on Microsoft 365 E3 (no Teams) + Microsoft Teams Enterprise.,${at}`,
      `user002@fabrikam.onmicrosoft.com,'=cmd|calc,SPE_E3,Microsoft 365 E3 (no Teams) + Microsoft Teams Enterprise,Skipped: no usage location,"No usage location: set the user's usage location in Microsoft Entra, then say \`retry\`.",${at}`,
      `user003@fabrikam.onmicrosoft.com,,SPE_E3,Microsoft 365 E3 (no Teams) + Microsoft Teams Enterprise,Failed,License assignment failed. Say \`retry\` to try again.,${at}`,
    ]);
  });

  it('adds what to do when the result names a fix', () => {
    const events = reassignmentIncompleteEvents([{ ...user(1, 'skipped-usage-location'), detail: 'No usage location.', fix: 'set-usage-location' }]);
    assert.match(reassignmentCsv(FABRIKAM_MOVE_ID, events), /,"No usage location\. Set the user's usage location in Microsoft Entra, then try again\.",/);
  });

  it("keeps each user's latest result over the passes, with its pass and time", () => {
    const first = reassignmentIncompleteEvents([user(1, 'moved'), user(2, 'skipped-usage-location')]);
    const last = first.at(-1)!;
    const retried: MoveEvent[] = [
      ...first,
      { type: 'ReassignmentResumed', at: '2025-03-20T10:00:00.000Z', actor: last.actor },
      { type: 'LicencesReassigned', at: '2025-03-20T10:01:00.000Z', actor: last.actor, results: [user(2, 'moved')] },
    ];
    const report = reassignmentReport(FABRIKAM_MOVE_ID, retried);
    assert.deepEqual(report.map((r) => [r.userPrincipalName, r.outcome, r.pass]), [
      ['user001@fabrikam.onmicrosoft.com', 'moved', 1],
      ['user002@fabrikam.onmicrosoft.com', 'moved', 2],
    ]);
    assert.equal(report[1].at, '2025-03-20T10:01:00.000Z');
  });

  it('is only the header for a move that moved nobody', () => {
    assert.equal(reassignmentCsv(FABRIKAM_MOVE_ID, []), 'user principal name,display name,from SKU,to SKU,outcome,fix / why,when');
  });

  it('lists every user of a large tenant (nothing cut short)', () => {
    const results = Array.from({ length: 2_500 }, (_, i) => user(i + 1, i % 10 === 0 ? 'failed' : 'moved'));
    const rows = reassignmentCsv(FABRIKAM_MOVE_ID, reassignmentIncompleteEvents(results)).split('\r\n');
    assert.equal(rows.length, 2_501);
  });
});

describe('audit CSV as a file', () => {
  it('keeps every event of a long move (no cut to the newest)', () => {
    const base = reassignmentIncompleteEvents([user(1, 'moved')]);
    const last = base.at(-1)!;
    const reminders: MoveEvent[] = Array.from({ length: 2_000 }, (_, i) => ({
      type: 'ReminderDue', at: new Date(Date.parse('2025-04-01T00:00:00Z') + i * 60_000).toISOString(), actor: last.actor,
      about: 'approval', waitingSince: '2025-04-01T00:00:00.000Z', count: i + 1,
    }));
    const rows = auditCsv(FABRIKAM_MOVE_ID, [...base, ...reminders], DEFAULT_CARD_OPTIONS).split('\r\n');
    assert.equal(rows.length, 1 + base.length + reminders.length);
    assert.match(rows[1], /MoveStarted/);
    assert.match(rows.at(-1)!, /^2025-04-02T09:19:00.000Z,/);
  });
});
