/** What the Agents Toolkit (env/.env.<env>) or the operator gives the app packaging, in the app package tests. */
import type { PackageValues } from '../../scripts/package-app';

export const TEST_BOT_ID = '2f1b6b1e-7c3d-4a5e-9f00-1234567890ab';
export const TEST_APP_ID = '7c0e4b9a-3d2f-4e1a-8b6c-5a4d3c2b1a09';
export const TEST_DOMAIN = 'app-cspmove-abc123.azurewebsites.net';
export const TEST_VALUES: PackageValues = {
  TEAMS_APP_ID: TEST_APP_ID,
  BOT_ID: TEST_BOT_ID,
  BOT_DOMAIN: TEST_DOMAIN,
  DEVELOPER_NAME: 'Contoso Partner Services',
  DEVELOPER_WEBSITE_URL: 'https://partner.contoso.com/support',
  DEVELOPER_PRIVACY_URL: 'https://partner.contoso.com/privacy',
  DEVELOPER_TERMS_URL: 'https://partner.contoso.com/terms',
};
