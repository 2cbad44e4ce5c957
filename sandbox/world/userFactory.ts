/**
 * Generates a tenant's users from "cohorts" (n users holding the same licences), deterministically from
 * the seed, so that every SKU's consumedUnits is simply the number of users holding it.
 */
import { createSeededRandom, hashGuid } from '../util/ids';
import type { DirectoryGroup, DirectoryUser, SkuDefinition, UserLicense } from './types';

export interface UserCohort {
  count: number;
  skus: readonly SkuDefinition[];
  /** Service plan names switched off, per SKU part number. */
  disabledPlans?: Readonly<Record<string, readonly string[]>>;
  /** Display name of the tenant group that assigns these licences (group-based licensing). */
  viaGroup?: string;
  /** Defaults to the tenant's country; null models a user whose usage location was never set. */
  usageLocation?: string | null;
  jobTitle?: string;
}

export interface UserGenerationInput {
  seed: string;
  tenantId: string;
  domain: string;
  companyName: string;
  country: string;
  createdDateTime: string;
  cohorts: readonly UserCohort[];
  groups: readonly DirectoryGroup[];
  /** The first user generated is the tenant's Global Administrator (member of this directory role). */
  globalAdministratorRoleId: string;
}

const FIRST_NAMES = [
  'Aaron', 'Bianca', 'Carlos', 'Diana', 'Elena', 'Farah', 'Gavin', 'Hana', 'Ivan', 'Julia', 'Kenji', 'Laura',
  'Mateo', 'Nadia', 'Omar', 'Priya', 'Quinn', 'Rosa', 'Samir', 'Tara', 'Umar', 'Vera', 'Wes', 'Xena',
  'Yusuf', 'Zoe', 'Amelia', 'Bruno', 'Chloe', 'Dmitri', 'Esther', 'Felix', 'Grace', 'Hugo', 'Ines', 'Jonas',
];
const LAST_NAMES = [
  'Anderson', 'Brooks', 'Castillo', 'Dubois', 'Eriksen', 'Fischer', 'Garcia', 'Hughes', 'Ibrahim', 'Jensen',
  'Kowalski', 'Lopez', 'Moreau', 'Nakamura', 'Okafor', 'Patel', 'Quinlan', 'Rossi', 'Schmidt', 'Tanaka',
  'Umeh', 'Varga', 'Walsh', 'Xu', 'Yilmaz', 'Zimmerman', 'Baker', 'Chen', 'Diaz', 'Evans',
];

export function generateUsers(input: UserGenerationInput): DirectoryUser[] {
  const random = createSeededRandom(input.seed, 'users', input.tenantId);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)];
  const usedUpns = new Set<string>();
  const users: DirectoryUser[] = [];

  const uniqueUpn = (localPart: string): string => {
    let candidate = `${localPart}@${input.domain}`;
    for (let n = 2; usedUpns.has(candidate); n += 1) candidate = `${localPart}${n}@${input.domain}`;
    usedUpns.add(candidate);
    return candidate;
  };

  for (const cohort of input.cohorts) {
    const group = cohort.viaGroup ? input.groups.find((g) => g.displayName === cohort.viaGroup) : undefined;
    if (cohort.viaGroup && !group) throw new Error(`Sandbox data: group ${cohort.viaGroup} missing in ${input.domain}`);
    for (let i = 0; i < cohort.count; i += 1) {
      const isAdmin = users.length === 0;
      const givenName = isAdmin ? input.companyName.split(' ')[0] : pick(FIRST_NAMES);
      const surname = isAdmin ? 'Admin' : pick(LAST_NAMES);
      const userPrincipalName = uniqueUpn(isAdmin ? 'admin' : `${givenName}.${surname}`.toLowerCase());
      const licenses: UserLicense[] = cohort.skus.map((sku) => ({
        skuId: sku.skuId,
        disabledPlans: planIds(sku, cohort.disabledPlans?.[sku.skuPartNumber] ?? []),
        assignedByGroup: group ? group.id : null,
      }));
      const memberOf: string[] = [];
      if (isAdmin) memberOf.push(input.globalAdministratorRoleId);
      if (group) memberOf.push(group.id);
      users.push({
        id: hashGuid(input.seed, 'user', input.tenantId, String(users.length)),
        displayName: `${givenName} ${surname}`,
        givenName,
        surname,
        userPrincipalName,
        mail: userPrincipalName,
        jobTitle: isAdmin ? 'IT Administrator' : cohort.jobTitle ?? null,
        usageLocation: cohort.usageLocation === undefined ? input.country : cohort.usageLocation,
        accountEnabled: true,
        createdDateTime: input.createdDateTime,
        licenses,
        memberOf,
      });
    }
  }
  return users;
}

function planIds(sku: SkuDefinition, planNames: readonly string[]): string[] {
  return planNames.map((name) => {
    const plan = sku.servicePlans.find((p) => p.servicePlanName === name);
    if (!plan) throw new Error(`Sandbox data: service plan ${name} is not part of ${sku.skuPartNumber}`);
    return plan.servicePlanId;
  });
}
