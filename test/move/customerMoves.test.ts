/** Finding a customer's moves: by the domain or tenant id typed (newest first), and the move under way for a tenant. */
import assert from 'node:assert/strict';
import { activeMoveForTenant, movesForCustomer } from '../../move/customerMoves';
import { initialState, type MoveState } from '../../move/state';

const TENANT = 'A1B2C3D4-0000-4000-8000-000000000001';

function move(moveId: string, fields: Partial<MoveState>): MoveState {
  return { ...initialState(moveId), customerDomain: 'contoso.com', tenantId: TENANT, ...fields };
}

describe('customer moves (domain)', () => {
  const done = move('mv-done', { stage: 'done', startedAt: '2025-01-01T09:00:00Z' });
  const active = move('mv-active', { stage: 'approval', startedAt: '2025-03-01T09:00:00Z' });
  const otherName = move('mv-other-name', { stage: 'inventory', customerDomain: 'contoso.onmicrosoft.com', startedAt: '2025-02-01T09:00:00Z' });
  const elsewhere = move('mv-fabrikam', { stage: 'plan', customerDomain: 'fabrikam.com', tenantId: 'f0000000-0000-4000-8000-000000000002' });

  it('finds the moves by domain or tenant id whatever their case, the most recently started first', () => {
    const moves = [done, elsewhere, active];
    assert.deepEqual(movesForCustomer(moves, ' Contoso.com ').map((s) => s.moveId), ['mv-active', 'mv-done']);
    assert.deepEqual(movesForCustomer([done, otherName, active], TENANT.toLowerCase()).map((s) => s.moveId), ['mv-active', 'mv-other-name', 'mv-done']);
    assert.deepEqual(movesForCustomer(moves, 'northwind.com'), []);
  });

  it('finds the move under way for a tenant under any domain, never a final one, leaving out the one asked', () => {
    assert.equal(activeMoveForTenant([done, otherName], TENANT.toLowerCase())?.moveId, 'mv-other-name');
    assert.equal(activeMoveForTenant([done, otherName], TENANT, 'mv-other-name'), undefined);
    assert.equal(activeMoveForTenant([done, elsewhere], TENANT), undefined);
  });
});
