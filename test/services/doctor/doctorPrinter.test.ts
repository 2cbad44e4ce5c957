/** The doctor's report as printed, its exit code, and how a check that throws is reported. */
import assert from 'node:assert/strict';
import { formatReport } from '../../../services/doctor/doctorPrinter';
import { exitCodeOf, runChecks } from '../../../services/doctor/doctorRunner';
import { ok, problem, skipped, type CheckResult, type DoctorCheck, type DoctorContext } from '../../../services/doctor/doctorTypes';
import { rolesClaim } from '../../../services/doctor/graphChecks';

const results: CheckResult[] = [
  { name: 'settings', ...ok('production mode, partner tenant 7d6f…') },
  { name: 'graph staff roles', ...problem('Graph: memberOf: HTTP 403 Authorization_RequestDenied', 'Grant GroupMember.Read.All.\nThen run the doctor again.') },
  { name: 'price sheet', ...skipped('no delegated identity') },
];

describe('doctor: the printed report and the exit code', () => {
  it('prints one line per check (✔ ✖ –, name padded, detail), then each problem\'s fix, then a summary', () => {
    assert.equal(formatReport(results, 'CSP Move Assistant doctor — production settings'), [
      'CSP Move Assistant doctor — production settings',
      '',
      '✔ settings           production mode, partner tenant 7d6f…',
      '✖ graph staff roles  Graph: memberOf: HTTP 403 Authorization_RequestDenied',
      '– price sheet        no delegated identity',
      '',
      'How to fix:',
      '✖ graph staff roles',
      '    Grant GroupMember.Read.All.',
      '    Then run the doctor again.',
      '',
      '1 problem, 1 ok, 1 skipped.',
      '',
    ].join('\n'));
  });

  it('says all green when nothing is a problem, and keeps a detail on one line', () => {
    const text = formatReport([{ name: 'settings', ...ok('line one\nline two') }, { name: 'storage', ...skipped('not run') }]);
    assert.equal(text, '✔ settings  line one | line two\n– storage   not run\n\nAll green: 1 ok, 1 skipped.\n');
  });

  it('exit code: 0 when all are ok or skipped, 1 when any is a problem', () => {
    assert.equal(exitCodeOf([]), 0);
    assert.equal(exitCodeOf([results[0]!, results[2]!]), 0);
    assert.equal(exitCodeOf(results), 1);
  });

  it('a check that throws is that check\'s problem; the checks after it still run', async () => {
    const ran: string[] = [];
    const checks: DoctorCheck[] = [
      { name: 'first', run: async () => { ran.push('first'); throw new Error('boom\nsecond line'); } },
      { name: 'second', run: async () => { ran.push('second'); return ok('fine'); } },
    ];
    const report = await runChecks({} as DoctorContext, checks);
    assert.deepEqual(ran, ['first', 'second']);
    assert.deepEqual(report.results.map((r) => [r.name, r.status, r.detail]), [['first', 'problem', 'the check failed: boom'], ['second', 'ok', 'fine']]);
    assert.equal(report.exitCode, 1);
  });

  it('reads the roles claim of an app token, and null for a token that is not a readable JWT', () => {
    const jwt = (claims: object) => `h.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.s`;
    assert.deepEqual(rolesClaim(jwt({ roles: ['Mail.Send', 7, 'User.Read.All'] })), ['Mail.Send', 'User.Read.All']);
    assert.deepEqual(rolesClaim(jwt({ scp: 'x' })), []);
    assert.equal(rolesClaim('opaque-token'), null);
    assert.equal(rolesClaim('h.%%%.s'), null);
  });
});
