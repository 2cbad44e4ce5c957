// CSP Move Assistant: the Azure side of a deployment, at resource-group scope.
//
//   Azure Bot (SingleTenant app registration or a user-assigned managed identity) + its Microsoft Teams channel
//   App Service on Linux, Node 22: `node dist/bot/main.js`, HTTPS only, TLS 1.2, FTP(S) off, always on
//   Storage account (Tables + Blobs) for STORE=azure, reached with AZURE_STORAGE_CONNECTION_STRING
//   Key Vault (RBAC) holding the secrets; app settings read them through Key Vault references
//   Log Analytics workspace + workspace-based Application Insights
//
// Deploy with the Microsoft 365 Agents Toolkit (m365agents.yml, arm/deploy with main.parameters.json) or with
// `az deployment group create --parameters infra/main.bicepparam` — see docs/DEPLOYMENT.md.
//
// Why App Service and not Container Apps: the bot is one long-running Node process with its own sweep timer,
// so it needs an always-on instance (not scale to zero); App Service runs the Node 22 runtime from a zip without
// a container registry, resolves Key Vault references in app settings natively, and is what the Agents
// Toolkit's `azureAppService/zipDeploy` deploy action targets.
//
// API versions (each confirmed against a published resource reference; see docs/DEPLOYMENT.md, "API versions"):
//   Microsoft.ManagedIdentity/userAssignedIdentities  2023-01-31
//   Microsoft.Web/serverfarms, Microsoft.Web/sites    2024-11-01
//   Microsoft.BotService/botServices (+ /channels, /connections)  2022-09-15 (latest GA; 2023-09-15-preview is preview)
//   Microsoft.Storage/storageAccounts                 2023-05-01
//   Microsoft.KeyVault/vaults, vaults/secrets         2023-07-01
//   Microsoft.OperationalInsights/workspaces          2023-09-01
//   Microsoft.Insights/components                     2020-02-02
//   Microsoft.Insights/diagnosticSettings             2021-05-01-preview (the only current version; named preview)
//   Microsoft.Authorization/roleAssignments           2022-04-01
targetScope = 'resourceGroup'

// ---------------------------------------------------------------------------------------------- naming

@description('Short base for resource names (letters, digits, hyphens). The Agents Toolkit passes cspmove followed by its RESOURCE_SUFFIX.')
@minLength(3)
@maxLength(16)
param resourceBaseName string

@description('Region of the regional resources. The Azure Bot itself is global.')
param location string = resourceGroup().location

@description('Tags for every resource.')
param tags object = {}

// ---------------------------------------------------------------------------------------------- the bot identity

@description('How the Azure Bot authenticates: SingleTenant (an Entra app registration with a client secret; needed for Teams SSO) or UserAssignedMSI (the managed identity created here; no bot secret). MultiTenant is refused by the bot.')
@allowed([
  'SingleTenant'
  'UserAssignedMSI'
])
param botAppType string = 'SingleTenant'

@description('SingleTenant: the client id of the app registration the bot runs as (MicrosoftAppId). Empty = azureClientId (one registration for the bot, Partner Center, Graph and SSO, as README recommends). Ignored with UserAssignedMSI.')
param botAppId string = ''

@description('SingleTenant with a bot registration other than azureClientId: its client secret (stored in Key Vault as microsoft-app-password). Leave empty when the bot shares azureClientId.')
@secure()
param botAppPassword string = ''

@description('Display name of the Azure Bot.')
@maxLength(42)
param botDisplayName string = 'CSP Move Assistant'

@description('Azure Bot pricing tier. Microsoft Teams is a standard channel: F0 carries it.')
@allowed([
  'F0'
  'S1'
])
param botSku string = 'F0'

// ---------------------------------------------------------------------------------------------- the partner and its app registration

@description('PARTNER_TENANT_ID: your CSP partner tenant id (a GUID).')
param partnerTenantId string

@description('AZURE_CLIENT_ID: the multi-tenant app registration that calls Partner Center and Microsoft Graph.')
param azureClientId string

@description('AZURE_TENANT_ID: that registration\'s home tenant. Empty = partnerTenantId.')
param azureTenantId string = ''

@description('AZURE_CLIENT_SECRET of azureClientId. Written to Key Vault (azure-client-secret) when given; leave empty to keep the secret already there.')
@secure()
param azureClientSecret string = ''

@description('PARTNER_CENTER_REFRESH_TOKEN (secure application model). Written to Key Vault (partner-center-refresh-token) when given; usually set by hand in Key Vault instead (docs/DEPLOYMENT.md).')
@secure()
param partnerCenterRefreshToken string = ''

@description('Point PARTNER_CENTER_REFRESH_TOKEN at Key Vault\'s partner-center-refresh-token. Turn off only when Teams SSO alone should request invitations.')
param readRefreshTokenFromKeyVault bool = true

@description('SSO_CONNECTION_NAME: name of the Azure Bot OAuth connection for Teams SSO. Created here when set, with SingleTenant, the bot sharing azureClientId and azureClientSecret given. Empty = no SSO.')
param ssoConnectionName string = ''

// ---------------------------------------------------------------------------------------------- bot settings (names as bot/config.ts reads them)

@description('MAIL_SENDER_MAILBOX: the partner mailbox invitations are emailed from without SSO. Empty = not set.')
param mailSenderMailbox string = ''

@description('PARTNER_COUNTRY: two-letter ISO code. Empty = Partner Center\'s legal business profile.')
param partnerCountry string = ''

@description('CUSTOMER_GRAPH_MODE')
@allowed([
  'app'
  'app+user'
])
param customerGraphMode string = 'app'

@description('GDAP_ACCESS_GROUP: group object id or display name.')
param gdapAccessGroup string = 'AdminAgents'

@description('PARTNER_CENTER_WEBHOOKS')
@allowed([
  'on'
  'off'
])
param partnerCenterWebhooks string = 'off'

@description('LOG_LEVEL')
@allowed([
  'fatal'
  'error'
  'warn'
  'info'
  'debug'
  'trace'
  'silent'
])
param logLevel string = 'info'

@description('Other bot settings from .env.example (name: value), e.g. {"ACCOUNT_ADMIN_ABOVE_SEATS": "100"}. Never secrets: those go to Key Vault. The settings this template manages win over these.')
param extraAppSettings object = {}

// ---------------------------------------------------------------------------------------------- sizing and operations

@description('App Service plan SKU (Linux). Basic or higher: the bot needs Always On for its sweep timer.')
param appServicePlanSku string = 'B1'

@description('Instances of the bot. More than one needs STORE=azure, which this template always sets.')
@minValue(1)
@maxValue(10)
param instanceCount int = 1

@description('Storage account redundancy.')
@allowed([
  'Standard_LRS'
  'Standard_ZRS'
  'Standard_GRS'
  'Standard_RAGRS'
])
param storageSku string = 'Standard_LRS'

@description('Days Log Analytics keeps the logs.')
@minValue(30)
@maxValue(730)
param logRetentionDays int = 30

@description('Key Vault purge protection (irreversible once on).')
param enablePurgeProtection bool = true

@description('Object id of a user or group to grant Key Vault Secrets Officer (to set the refresh token by hand). Empty = none.')
param secretsOfficerPrincipalId string = ''

@description('Type of secretsOfficerPrincipalId.')
@allowed([
  'User'
  'Group'
  'ServicePrincipal'
])
param secretsOfficerPrincipalType string = 'User'

@description('Also grant the managed identity Storage Table/Blob Data Contributor. The bot reads storage with AZURE_STORAGE_CONNECTION_STRING (account key) only, so this is off until it supports a managed identity for storage.')
param grantStorageDataRoles bool = false

// ---------------------------------------------------------------------------------------------- names

var unique = uniqueString(subscription().subscriptionId, resourceGroup().id, resourceBaseName)
var compactBase = toLower(replace(resourceBaseName, '-', ''))
var names = {
  identity: 'id-${resourceBaseName}'
  plan: 'plan-${resourceBaseName}'
  site: 'app-${resourceBaseName}-${take(unique, 6)}'
  bot: 'bot-${resourceBaseName}-${take(unique, 6)}'
  storage: 'st${take(compactBase, 14)}${take(unique, 8)}'
  keyVault: 'kv-${take(resourceBaseName, 12)}-${take(unique, 6)}'
  workspace: 'log-${resourceBaseName}'
  appInsights: 'appi-${resourceBaseName}'
}

// ---------------------------------------------------------------------------------------------- identity

// The app's identity: resolves the Key Vault references and, with UserAssignedMSI, is the bot's identity.
resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: names.identity
  location: location
  tags: tags
}

var appTenantId = empty(azureTenantId) ? partnerTenantId : azureTenantId
var singleTenantBotAppId = empty(botAppId) ? azureClientId : botAppId
// One registration for the bot and for Partner Center/Graph: MicrosoftAppPassword is AZURE_CLIENT_SECRET.
var botSharesAppRegistration = botAppType == 'SingleTenant' && toLower(singleTenantBotAppId) == toLower(azureClientId)
var botPasswordSecretName = botSharesAppRegistration ? 'azure-client-secret' : 'microsoft-app-password'
// Teams SSO exchanges tokens for api://botid-{AZURE_CLIENT_ID}, which must be the bot's own id (README, Deployment 4).
var createSsoConnection = !empty(ssoConnectionName) && botSharesAppRegistration && !empty(azureClientSecret)

// ---------------------------------------------------------------------------------------------- modules

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  params: {
    workspaceName: names.workspace
    appInsightsName: names.appInsights
    location: location
    tags: tags
    retentionInDays: logRetentionDays
  }
}

module storage 'modules/storage.bicep' = {
  name: 'storage'
  params: {
    name: names.storage
    location: location
    tags: tags
    skuName: storageSku
    dataContributorPrincipalId: grantStorageDataRoles ? identity.properties.principalId : ''
  }
}

module vault 'modules/keyVault.bicep' = {
  name: 'keyVault'
  params: {
    name: names.keyVault
    location: location
    tags: tags
    enablePurgeProtection: enablePurgeProtection
    secretsUserPrincipalId: identity.properties.principalId
    secretsOfficerPrincipalId: secretsOfficerPrincipalId
    secretsOfficerPrincipalType: secretsOfficerPrincipalType
    storageAccountName: storage.outputs.name
    azureClientSecret: azureClientSecret
    partnerCenterRefreshToken: partnerCenterRefreshToken
    botAppPassword: botAppPassword
  }
}

// ---------------------------------------------------------------------------------------------- app settings

// A Key Vault reference: versionless, so a rotated secret is picked up (App Service re-reads within 24 hours or on restart).
var secretsUri = '${vault.outputs.uri}secrets/'
var storageConnectionReference = '@Microsoft.KeyVault(SecretUri=${secretsUri}storage-connection-string/)'
var clientSecretReference = '@Microsoft.KeyVault(SecretUri=${secretsUri}azure-client-secret/)'
var refreshTokenReference = '@Microsoft.KeyVault(SecretUri=${secretsUri}partner-center-refresh-token/)'
var botPasswordReference = '@Microsoft.KeyVault(SecretUri=${secretsUri}${botPasswordSecretName}/)'

var botIdentitySettings = botAppType == 'UserAssignedMSI' ? {
  MicrosoftAppType: 'UserAssignedMSI'
  MicrosoftAppId: identity.properties.clientId
  MicrosoftAppTenantId: identity.properties.tenantId
} : {
  MicrosoftAppType: 'SingleTenant'
  MicrosoftAppId: singleTenantBotAppId
  MicrosoftAppTenantId: appTenantId
  MicrosoftAppPassword: botPasswordReference
}

// Empty values are dropped below (the bot treats an empty variable as not set anyway).
var botSettings = {
  HOST: '0.0.0.0'
  PARTNER_TENANT_ID: partnerTenantId
  PARTNER_COUNTRY: partnerCountry
  AZURE_CLIENT_ID: azureClientId
  AZURE_TENANT_ID: azureTenantId
  AZURE_CLIENT_SECRET: clientSecretReference
  PARTNER_CENTER_REFRESH_TOKEN: readRefreshTokenFromKeyVault ? refreshTokenReference : ''
  SSO_CONNECTION_NAME: createSsoConnection ? ssoConnectionName : ''
  MAIL_SENDER_MAILBOX: mailSenderMailbox
  CUSTOMER_GRAPH_MODE: customerGraphMode
  GDAP_ACCESS_GROUP: gdapAccessGroup
  PARTNER_CENTER_WEBHOOKS: partnerCenterWebhooks
  STORE: 'azure'
  AZURE_STORAGE_CONNECTION_STRING: storageConnectionReference
  // With STORE=azure only the SKU-table download cache lives here; /home is persistent and writable
  // (the deployed package itself is mounted read-only with WEBSITE_RUN_FROM_PACKAGE).
  DATA_DIR: '/home/data/csp-move-assistant'
  LOG_LEVEL: logLevel
}

// App Service and Application Insights' own settings. The bot reads APPLICATIONINSIGHTS_CONNECTION_STRING too: it
// starts its own OpenTelemetry (services/telemetry), so App Service's Node.js agent stays off (both would send twice).
var platformSettings = {
  APPLICATIONINSIGHTS_CONNECTION_STRING: monitoring.outputs.appInsightsConnectionString
  ApplicationInsightsAgent_EXTENSION_VERSION: 'disabled'
  WEBSITE_RUN_FROM_PACKAGE: '1'
  SCM_DO_BUILD_DURING_DEPLOYMENT: 'false'
}

var allSettings = union(extraAppSettings, botSettings, botIdentitySettings, platformSettings)
var appSettings = map(filter(items(allSettings), setting => !empty(string(setting.value))), setting => {
  name: setting.key
  value: string(setting.value)
})

module app 'modules/appService.bicep' = {
  name: 'appService'
  params: {
    planName: names.plan
    siteName: names.site
    location: location
    tags: tags
    skuName: appServicePlanSku
    instanceCount: instanceCount
    identityResourceId: identity.id
    appSettings: appSettings
    workspaceId: monitoring.outputs.workspaceId
  }
  // No explicit dependsOn: the settings use vault.outputs.uri, so the app waits for the whole Key Vault module
  // (secrets and the identity's Key Vault Secrets User role) before it resolves its references.
}

module bot 'modules/botService.bicep' = {
  name: 'botService'
  params: {
    name: names.bot
    displayName: botDisplayName
    skuName: botSku
    tags: tags
    messagingEndpoint: 'https://${app.outputs.defaultHostName}/api/messages'
    appType: botAppType
    appId: botAppType == 'UserAssignedMSI' ? identity.properties.clientId : singleTenantBotAppId
    appTenantId: botAppType == 'UserAssignedMSI' ? identity.properties.tenantId : appTenantId
    identityResourceId: botAppType == 'UserAssignedMSI' ? identity.id : ''
    ssoConnectionName: createSsoConnection ? ssoConnectionName : ''
    ssoClientSecret: createSsoConnection ? azureClientSecret : ''
  }
}

// ---------------------------------------------------------------------------------------------- outputs
// UPPER_SNAKE names: the Agents Toolkit writes each output to env/.env.<env> under its upper-cased name.

@description('The messaging endpoint the Azure Bot posts to.')
output MESSAGING_ENDPOINT string = 'https://${app.outputs.defaultHostName}/api/messages'

@description('The bot\'s Microsoft App ID (MicrosoftAppId; the Teams manifest\'s botId).')
output BOT_ID string = bot.outputs.appId

@description('MicrosoftAppType of the bot.')
output BOT_APP_TYPE string = botAppType

@description('Tenant of the bot\'s identity (MicrosoftAppTenantId).')
output BOT_TENANT_ID string = botAppType == 'UserAssignedMSI' ? identity.properties.tenantId : appTenantId

@description('Host name of the bot (the Teams manifest\'s validDomains).')
output BOT_DOMAIN string = app.outputs.defaultHostName

@description('https://<host> of the bot.')
output BOT_ENDPOINT string = 'https://${app.outputs.defaultHostName}'

@description('Client id of the user-assigned managed identity.')
output IDENTITY_CLIENT_ID string = identity.properties.clientId

@description('Resource id of the web app (the Agents Toolkit deploys to it).')
output AZURE_APP_SERVICE_RESOURCE_ID string = app.outputs.siteId

@description('Name of the Azure Bot resource.')
output BOT_SERVICE_NAME string = bot.outputs.name

@description('Name of the Key Vault holding the secrets.')
output KEY_VAULT_NAME string = vault.outputs.name

@description('Name of the storage account (STORE=azure).')
output STORAGE_ACCOUNT_NAME string = storage.outputs.name
