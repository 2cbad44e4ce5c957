/** The help card in English and Korean: the same commands, each Korean example a command the parser understands. */
import assert from 'node:assert/strict';
import { COMMANDS, helpCard, helpCommands } from '../../cards/helpCard';
import { parseCommand } from '../../dialogs/commandParser';
import { assertValidCard, visibleText } from './cardAssertions';

/** The Korean example without its English command after " · ": '이동 contoso.com · move' → '이동 contoso.com'. */
function koreanPart(example: string): string {
  return example.split(' · ')[0];
}

describe('helpCard in Korean', () => {
  it('draws a valid card in formal Korean, with the reader\'s roles and what they may do', () => {
    const card = helpCard({ roles: ['sales-agent'], locale: 'ko' });
    assertValidCard(card);
    const text = visibleText(card);
    assert.match(text, /CSP Move Assistant 명령/);
    assert.match(text, /내 파트너 센터 역할: 영업 에이전트/);
    assert.match(text, /✔ 이동을 시작할 수 있습니다/);
    assert.match(text, /✖ 계획을 승인할 수 없습니다\. 계정 관리자 또는 청구 관리자 역할이 필요합니다\(청구 관리자 역할은 Microsoft Entra의 청구 관리자 디렉터리 역할로 부여됩니다\)\./);
    assert.match(text, /✔ 직접 시작한 이동을 취소할 수 있습니다/);
    assert.doesNotMatch(text, /You can|What you can do|Your Partner Center roles/, 'no English sentence left');
  });

  it('tells someone without a role, in Korean, which roles start a move and whom to ask', () => {
    const text = visibleText(helpCard({ roles: [], locale: 'ko' }));
    assert.match(text, /이 파트너 테넌트에서 파트너 센터 역할이 없습니다\./);
    assert.match(text, /✖ 이동을 시작할 수 없습니다\. 계정 관리자, 관리 에이전트 또는 영업 에이전트 역할이 필요합니다\. 전역 관리자에게/);
    assert.match(text, /✖ 파트너 센터 역할이 없으면 이동을 보거나 취소할 수 없습니다\./);
  });

  it('names the configured approvers, without the Billing note when Billing agents do not approve', () => {
    const text = visibleText(helpCard({ roles: ['sales-agent'], approverRoles: ['account-admin', 'admin-agent'], locale: 'ko' }));
    assert.match(text, /계정 관리자 또는 관리 에이전트 역할이 필요합니다\./);
    assert.doesNotMatch(text, /청구 관리자 디렉터리/);
    const english = visibleText(helpCard({ roles: ['sales-agent'], approverRoles: ['account-admin', 'admin-agent'] }));
    assert.match(english, /that needs an Account admin or an Admin agent role\./);
  });

  it('lists the same commands in both languages; each Korean example means its English command', () => {
    const korean = helpCommands('ko');
    assert.deepEqual(korean.map((c) => c.command), COMMANDS.map((c) => c.command));
    for (const [i, command] of korean.entries()) {
      const english = COMMANDS[i];
      assert.ok(command.example.endsWith(` · ${english.command}`) || command.example.endsWith(` · ${english.example}`),
        `${command.example} names the English command ${english.command}`);
      const [parsedKorean, parsedEnglish] = [parseCommand(koreanPart(command.example)), parseCommand(english.example)];
      assert.equal(parsedKorean.kind, parsedEnglish.kind, command.example);
      assert.equal('customer' in parsedKorean && parsedKorean.customer, 'customer' in parsedEnglish && parsedEnglish.customer, command.example);
    }
    const text = visibleText(helpCard({ roles: ['account-admin'], locale: 'ko' }));
    for (const command of korean) assert.ok(text.includes(command.example), command.example);
  });

  it('English stays as it was when no language is given', () => {
    assert.equal(JSON.stringify(helpCard({ roles: ['billing-agent'] })), JSON.stringify(helpCard({ roles: ['billing-agent'], locale: 'en' })));
    const text = visibleText(helpCard({ roles: ['account-admin', 'billing-agent'] }));
    assert.match(text, /Your Partner Center roles: Account admin and Billing agent\./);
    assert.match(text, /In a channel, mention me first \(@CSP Move Assistant status\)/);
  });
});
