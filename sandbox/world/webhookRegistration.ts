/**
 * The partner's Partner Center webhook registration (Learn REST "Webhook - Create / Update / Get Registration
 * Partner": `POST|PUT|GET /webhooks/v1/registration`): the one URL events are posted to and the events wanted.
 * None at first; `reset()` of the world removes it.
 */

/** Events Learn's "Partner Center webhooks" page lists that the sandbox accepts in a registration. */
export const WEBHOOK_EVENTS = [
  'test-created', 'reseller-relationship-accepted-by-customer', 'granular-admin-relationship-approved',
  'granular-admin-access-assignment-activated', 'dap-admin-relationship-approved', 'dap-admin-relationship-terminated',
  'subscription-updated', 'customer-created',
] as const;

export interface WebhookRegistration {
  subscriberId: string;
  webhookUrl: string;
  webhookEvents: string[];
  lastModifiedTimestamp: string;
}

export interface WebhookRegistry {
  current(): WebhookRegistration | null;
  set(registration: WebhookRegistration): void;
  clear(): void;
}

export function createWebhookRegistry(): WebhookRegistry {
  let registration: WebhookRegistration | null = null;
  return {
    current: () => (registration ? { ...registration, webhookEvents: [...registration.webhookEvents] } : null),
    set(next) {
      registration = { ...next, webhookEvents: [...next.webhookEvents] };
    },
    clear() {
      registration = null;
    },
  };
}
