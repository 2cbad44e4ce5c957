/** MoveEvent values for the storage tests, typed against move/events.ts. */
import type { MoveStarted, StepFailed } from '../../move/events';
import type { Actor } from '../../move/model';

export const ALEX: Actor = { id: '00000000-0000-0000-0000-0000000000020', name: 'Alex Wilber', roles: ['account-admin'] };
export const ADELE: Actor = { id: '00000000-0000-0000-0000-0000000000022', name: 'Adele Vance', roles: ['billing-agent'] };

export function moveStarted(moveId: string, customerDomain = 'contoso.com'): MoveStarted {
  return {
    type: 'MoveStarted',
    at: '2025-03-01T09:00:00.000Z',
    actor: ALEX,
    moveId,
    correlationId: `corr-${moveId}`,
    customerDomain,
    customerCountry: 'US',
    source: 'microsoft-direct',
    multiPartner: false,
    requestGdap: true,
  };
}

export function stepFailed(step: string, error = 'Partner Center answered 503', at = '2025-03-01T09:05:00.000Z'): StepFailed {
  return { type: 'StepFailed', at, actor: ADELE, step, error, retryable: true };
}

/** A StepFailed whose error text is about `bytes` long, with unicode and JSON-special characters. */
export function largeStepFailed(bytes: number): StepFailed {
  const chunk = 'Ünïcödé "quoted" \\ back\nslash — ';
  return stepFailed('provisioning', chunk.repeat(Math.ceil(bytes / chunk.length)).slice(0, bytes));
}
