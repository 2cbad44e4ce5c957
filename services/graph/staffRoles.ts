/**
 * Where each staff role comes from in the partner tenant: a Partner Center agent group, or an Entra directory
 * role. Read one way (a person's roles, PartnerGraphDirectory) and the other (a role's holders, PartnerStaffDirectory).
 */
import type { Role } from '../../move/model';
import { GLOBAL_ADMINISTRATOR_ROLE_ID } from './gdapRelationships';

export const BILLING_ADMINISTRATOR_ROLE_ID = 'b0f54661-2d74-4c50-afa3-1ec803f12efe';

/** Roles in the order they are listed (the most powerful first). */
export const STAFF_ROLE_ORDER: readonly Role[] = ['account-admin', 'admin-agent', 'sales-agent', 'billing-agent', 'helpdesk-agent'];

export type StaffRoleSource =
  | { kind: 'agent-group'; group: string }
  | { kind: 'directory-role'; name: string; templateId: string };

export const STAFF_ROLE_SOURCES: { readonly [R in Role]: StaffRoleSource } = {
  'account-admin': { kind: 'directory-role', name: 'Global Administrator', templateId: GLOBAL_ADMINISTRATOR_ROLE_ID },
  'admin-agent': { kind: 'agent-group', group: 'AdminAgents' },
  'sales-agent': { kind: 'agent-group', group: 'SalesAgents' },
  'billing-agent': { kind: 'directory-role', name: 'Billing Administrator', templateId: BILLING_ADMINISTRATOR_ROLE_ID },
  'helpdesk-agent': { kind: 'agent-group', group: 'HelpdeskAgents' },
};
