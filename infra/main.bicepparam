// Parameters for the plain Azure CLI path (docs/DEPLOYMENT.md, "Path B"):
//
//   az deployment group create -g <resource group> -f infra/main.bicep -p infra/main.bicepparam
//
// Every value comes from an environment variable, named as the bot names the setting where it has one, so no
// secret is ever written in this file. Unset optional variables fall back to the defaults shown.
// (The Agents Toolkit path uses main.parameters.json instead.)
using './main.bicep'

param resourceBaseName = readEnvironmentVariable('RESOURCE_BASE_NAME', 'cspmove')
param botAppType = readEnvironmentVariable('BOT_APP_TYPE', 'SingleTenant')
param botAppId = readEnvironmentVariable('BOT_APP_ID', '')
// Only for a SingleTenant bot registration other than AZURE_CLIENT_ID.
param botAppPassword = readEnvironmentVariable('BOT_APP_PASSWORD', '')

param partnerTenantId = readEnvironmentVariable('PARTNER_TENANT_ID')
param azureClientId = readEnvironmentVariable('AZURE_CLIENT_ID')
param azureTenantId = readEnvironmentVariable('AZURE_TENANT_ID', '')
// Written to Key Vault when set; left empty, the secrets already in Key Vault are kept.
param azureClientSecret = readEnvironmentVariable('AZURE_CLIENT_SECRET', '')
param partnerCenterRefreshToken = readEnvironmentVariable('PARTNER_CENTER_REFRESH_TOKEN', '')
param ssoConnectionName = readEnvironmentVariable('SSO_CONNECTION_NAME', '')

param mailSenderMailbox = readEnvironmentVariable('MAIL_SENDER_MAILBOX', '')
param partnerCountry = readEnvironmentVariable('PARTNER_COUNTRY', '')

// Your own object id (az ad signed-in-user show --query id -o tsv): Key Vault Secrets Officer, to set secrets by hand.
param secretsOfficerPrincipalId = readEnvironmentVariable('DEPLOYER_OBJECT_ID', '')
