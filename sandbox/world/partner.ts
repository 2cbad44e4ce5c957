/** The partner Relecloud: its tenant, staff (the Agents Playground users), agent groups and roles. */
import { addDays } from '../util/clock';
import { hashGuid } from '../util/ids';
import {
  BILLING_ADMINISTRATOR_ROLE_TEMPLATE_ID,
  GLOBAL_ADMINISTRATOR_ROLE_TEMPLATE_ID,
  PARTNER_COUNTRY,
  PARTNER_DOMAIN,
  PARTNER_MPN_ID,
  PARTNER_NAME,
  PARTNER_TENANT_ID,
  PCSYNC_USER_ID,
  PCSYNC_USER_PRINCIPAL_NAME,
  SANDBOX_STAFF,
  type StaffDirectoryRoleName,
  type StaffGroupName,
} from './constants';
import type { DirectoryGroup, DirectoryRole, DirectoryUser, PartnerOrganization } from './types';

const AGENT_GROUPS: Record<StaffGroupName, string> = {
  AdminAgents: 'Partner Center admin agents: administer customer tenants on behalf of the partner.',
  SalesAgents: 'Partner Center sales agents: manage customers, request relationships, buy subscriptions.',
  HelpdeskAgents: 'Partner Center helpdesk agents: support customers.',
};

export function directoryRole(seed: string, tenantId: string, name: StaffDirectoryRoleName): DirectoryRole {
  const roleTemplateId = name === 'Global Administrator' ? GLOBAL_ADMINISTRATOR_ROLE_TEMPLATE_ID : BILLING_ADMINISTRATOR_ROLE_TEMPLATE_ID;
  const description =
    name === 'Global Administrator'
      ? 'Can manage all aspects of Microsoft Entra ID and Microsoft services that use Microsoft Entra identities.'
      : 'Can perform common billing related tasks like updating payment information.';
  return { kind: 'directoryRole', id: hashGuid(seed, 'directoryRole', tenantId, roleTemplateId), displayName: name, description, roleTemplateId };
}

export function buildPartnerOrganization(seed: string, today: Date): PartnerOrganization {
  const createdDateTime = addDays(today, -2400);
  const groups: DirectoryGroup[] = (Object.keys(AGENT_GROUPS) as StaffGroupName[]).map((name) => ({
    kind: 'group',
    id: hashGuid(seed, 'group', PARTNER_TENANT_ID, name),
    displayName: name,
    description: AGENT_GROUPS[name],
    mailNickname: name,
  }));
  const roles = [directoryRole(seed, PARTNER_TENANT_ID, 'Global Administrator'), directoryRole(seed, PARTNER_TENANT_ID, 'Billing Administrator')];
  const groupId = (name: StaffGroupName) => groups.find((g) => g.displayName === name)!.id;
  const roleId = (name: StaffDirectoryRoleName) => roles.find((r) => r.displayName === name)!.id;

  const staff: DirectoryUser[] = SANDBOX_STAFF.map((member) => ({
    id: member.id,
    displayName: member.displayName,
    givenName: member.givenName,
    surname: member.surname,
    userPrincipalName: member.userPrincipalName,
    mail: member.userPrincipalName,
    jobTitle: member.jobTitle,
    usageLocation: PARTNER_COUNTRY,
    accountEnabled: true,
    createdDateTime,
    licenses: [],
    memberOf: [...member.groups.map(groupId), ...member.directoryRoles.map(roleId)],
  }));
  const serviceUser: DirectoryUser = {
    id: PCSYNC_USER_ID,
    displayName: 'Partner Center sync (service account)',
    givenName: 'Partner Center',
    surname: 'Sync',
    userPrincipalName: PCSYNC_USER_PRINCIPAL_NAME,
    mail: PCSYNC_USER_PRINCIPAL_NAME,
    jobTitle: 'Service account for the secure application model',
    usageLocation: PARTNER_COUNTRY,
    accountEnabled: true,
    createdDateTime,
    licenses: [],
    memberOf: [groupId('AdminAgents')],
  };

  return {
    companyName: PARTNER_NAME,
    mpnId: PARTNER_MPN_ID,
    contact: { firstName: 'Alex', lastName: 'Wilber', email: 'alexw@relecloud.onmicrosoft.com' },
    tenant: {
      tenantId: PARTNER_TENANT_ID,
      displayName: PARTNER_NAME,
      initialDomain: PARTNER_DOMAIN,
      customDomains: [],
      countryLetterCode: PARTNER_COUNTRY,
      regionScope: 'NA',
      createdDateTime,
      address: { country: PARTNER_COUNTRY, region: 'WA', city: 'Seattle', addressLine1: '1 Relecloud Way', postalCode: '98101', phoneNumber: '2065550100' },
      users: [...staff, serviceUser],
      groups,
      directoryRoles: roles,
      directorySubscriptions: [],
    },
  };
}
