/**
 * Standalone products: Exchange Online, Power BI, Power Automate Free, Entra ID P1.
 * Service plans typed in from Microsoft's "Product names and service plan identifiers for licensing"
 * table (end-2025 edition). Each tuple is [servicePlanName, servicePlanId, friendly name].
 */
import { defineSku } from './defineSku';

export const EXCHANGE_ONLINE_PLAN_1 = defineSku({
  skuId: '4b9405b0-7788-4568-add1-99614e613b69',
  skuPartNumber: 'EXCHANGESTANDARD',
  displayName: 'Exchange Online (Plan 1)',
  appliesTo: 'User',
  servicePlans: [
    ['EXCHANGE_S_STANDARD', '9aaf7827-d63c-4b61-89c3-182f06f82e5c', 'Exchange Online (Plan 1)'],
    ['INTUNE_O365', '882e1d05-acd1-4ccb-8708-6ee03664b117', 'Mobile Device Management for Office 365'],
    ['BPOS_S_TODO_1', '5e62787c-c316-451f-b873-1d05acd4d12c', 'To-Do (Plan 1)'],
  ],
});

export const EXCHANGE_ONLINE_PLAN_2 = defineSku({
  skuId: '19ec0d23-8335-4cbd-94ac-6050e30712fa',
  skuPartNumber: 'EXCHANGEENTERPRISE',
  displayName: 'Exchange Online (Plan 2)',
  appliesTo: 'User',
  servicePlans: [
    ['EXCHANGE_S_ENTERPRISE', 'efb87545-963c-4e0d-99df-69c6916d9eb0', 'EXCHANGE ONLINE (PLAN 2)'],
  ],
});

export const POWER_BI_PRO = defineSku({
  skuId: 'f8a1db68-be16-40ed-86d5-cb42ce701560',
  skuPartNumber: 'POWER_BI_PRO',
  displayName: 'Power BI Pro',
  appliesTo: 'User',
  servicePlans: [
    ['EXCHANGE_S_FOUNDATION', '113feb6c-3fe4-4440-bddc-54d774bf0318', 'Exchange Foundation'],
    ['BI_AZURE_P2', '70d33638-9c74-4d01-bfd3-562de28bd4ba', 'Power BI Pro'],
  ],
});

export const POWER_AUTOMATE_FREE = defineSku({
  skuId: 'f30db892-07e9-47e9-837c-80727f46fd3d',
  skuPartNumber: 'FLOW_FREE',
  displayName: 'Microsoft Power Automate Free',
  appliesTo: 'User',
  servicePlans: [
    ['DYN365_CDS_VIRAL', '17ab22cd-a0b3-4536-910a-cb6eb12696c0', 'COMMON DATA SERVICE'],
    ['EXCHANGE_S_FOUNDATION', '113feb6c-3fe4-4440-bddc-54d774bf0318', 'EXCHANGE FOUNDATION'],
    ['FLOW_P2_VIRAL', '50e68c76-46c6-4674-81f9-75456511b170', 'FLOW FREE'],
  ],
});

export const ENTRA_ID_P1 = defineSku({
  skuId: '078d2b04-f1bd-4111-bbd4-b4b1b354cef4',
  skuPartNumber: 'AAD_PREMIUM',
  displayName: 'Microsoft Entra ID P1',
  appliesTo: 'User',
  servicePlans: [
    ['AAD_PREMIUM', '41781fb2-bc02-4b7c-bd55-b576c07bb09d', 'Microsoft Entra ID P1'],
    ['ADALLOM_S_DISCOVERY', '932ad362-64a8-4783-9106-97849a1a30b9', 'CLOUD APP SECURITY DISCOVERY'],
    ['EXCHANGE_S_FOUNDATION', '113feb6c-3fe4-4440-bddc-54d774bf0318', 'EXCHANGE FOUNDATION'],
    ['MFA_PREMIUM', '8a256a2b-b617-496d-b51b-e76466e88db0', 'MICROSOFT AZURE MULTI-FACTOR AUTHENTICATION'],
  ],
});

/**
 * Microsoft Teams Enterprise is NOT in the end-2025 edition of Microsoft's CSV. skuId and part number come
 * from customer tenants' Graph `subscribedSkus` as public scripts record them. TEAMS1 is certain; the Mesh plans
 * are assumed by analogy with the "Microsoft Teams EEA" row of the CSV (UNCONFIRMED).
 */
export const MICROSOFT_TEAMS_ENTERPRISE = defineSku({
  skuId: '7e31c0d9-9551-471d-836f-32ee72be4a01',
  skuPartNumber: 'Microsoft_Teams_Enterprise_New',
  displayName: 'Microsoft Teams Enterprise',
  appliesTo: 'User',
  servicePlans: [
    ['TEAMS1', '57ff2da0-773e-42df-b2af-ffb7a2317929', 'Microsoft Teams'],
    ['MESH_AVATARS_FOR_TEAMS', 'dcf9d2f4-772e-4434-b757-77a453cfbc02', 'Avatars for Teams'],
    ['MESH_AVATARS_ADDITIONAL_FOR_TEAMS', '3efbd4ed-8958-4824-8389-1321f8730af8', 'Avatars for Teams (additional)'],
    ['MESH_IMMERSIVE_FOR_TEAMS', 'f0ff6ac6-297d-49cd-be34-6dfef97f0c28', 'Immersive spaces for Teams'],
  ],
});
