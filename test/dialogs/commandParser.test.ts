import assert from 'node:assert/strict';
import { cleanText, parseCommand } from '../../dialogs/commandParser';

describe('chat command parser', () => {
  it('strips the Teams mention and markup', () => {
    assert.equal(cleanText('<at>CSP Move Assistant</at>&nbsp;notify   here'), 'notify here');
    assert.deepEqual(parseCommand('<at>Bot</at> notify here'), { kind: 'notify-here' });
  });

  it('understands help in its forms, and empty text as help', () => {
    for (const text of ['help', 'HELP', '?', '/help', '']) assert.deepEqual(parseCommand(text), { kind: 'help' });
  });

  it('parses move with only a customer', () => {
    assert.deepEqual(parseCommand('move Contoso.onmicrosoft.com'), {
      kind: 'move', customer: 'contoso.onmicrosoft.com', country: null, source: null, multiPartner: false, requestGdap: true,
    });
  });

  it('parses move with country, source and flags in any order', () => {
    assert.deepEqual(parseCommand('move contoso.com csp multi-partner country=us no-gdap'), {
      kind: 'move', customer: 'contoso.com', country: 'US', source: 'other-csp-partner', multiPartner: true, requestGdap: false,
    });
    assert.equal((parseCommand('move contoso.com US direct') as { source: string }).source, 'microsoft-direct');
  });

  it('ignores object-prototype words instead of taking them for a source', () => {
    assert.equal((parseCommand('move x.com US constructor') as { source: string | null }).source, null);
    assert.equal((parseCommand('move x.com US __proto__') as { source: string | null }).source, null);
  });

  it('parses move without a customer', () => {
    assert.equal((parseCommand('move') as { customer: string | null }).customer, null);
  });

  it('parses status, list and cancel', () => {
    assert.deepEqual(parseCommand('status contoso.com'), { kind: 'status', customer: 'contoso.com' });
    assert.deepEqual(parseCommand('status'), { kind: 'status', customer: null });
    assert.deepEqual(parseCommand('list'), { kind: 'list', filter: 'all' });
    assert.deepEqual(parseCommand('list mine'), { kind: 'list', filter: 'mine' });
    assert.deepEqual(parseCommand('List Waiting on me'), { kind: 'list', filter: 'waiting' });
    assert.deepEqual(parseCommand('list blocked'), { kind: 'list', filter: 'blocked' });
    assert.deepEqual(parseCommand('list all'), { kind: 'list', filter: 'all' });
    assert.deepEqual(parseCommand('list yesterday'), { kind: 'list', filter: null });
    assert.deepEqual(parseCommand('audit Contoso.com'), { kind: 'audit', customer: 'contoso.com' });
    assert.deepEqual(parseCommand('retry contoso.com'), { kind: 'retry', customer: 'contoso.com' });
    assert.deepEqual(parseCommand('cancel contoso.com'), { kind: 'cancel', customer: 'contoso.com' });
  });

  it('reports anything else as unknown, bounded in length', () => {
    const parsed = parseCommand(`dance ${'x'.repeat(10_000)}`);
    assert.equal(parsed.kind, 'unknown');
    assert.ok(parsed.kind === 'unknown' && parsed.text.length <= 500);
    assert.equal(parseCommand('notify everyone').kind, 'unknown');
  });
});
