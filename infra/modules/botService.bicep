// The Azure Bot: single tenant (an app registration) or user-assigned managed identity, its Microsoft Teams
// channel, and (optionally) the OAuth connection Teams SSO uses (README, Deployment 4).

param name string
@maxLength(42)
param displayName string
param skuName string
param tags object
param messagingEndpoint string
@allowed([
  'SingleTenant'
  'UserAssignedMSI'
])
param appType string
@description('MicrosoftAppId: the app registration\'s client id, or the managed identity\'s client id.')
param appId string
param appTenantId string
@description('UserAssignedMSI: resource id of the managed identity. Empty otherwise.')
param identityResourceId string
@description('Name of the OAuth connection for Teams SSO. Empty = none.')
param ssoConnectionName string
@description('Client secret of appId, for the SSO connection.')
@secure()
param ssoClientSecret string

resource bot 'Microsoft.BotService/botServices@2022-09-15' = {
  name: name
  location: 'global'
  tags: tags
  kind: 'azurebot'
  sku: {
    name: skuName
  }
  properties: {
    displayName: displayName
    endpoint: messagingEndpoint
    msaAppType: appType
    msaAppId: appId
    msaAppTenantId: appTenantId
    msaAppMSIResourceId: appType == 'UserAssignedMSI' ? identityResourceId : null
  }
}

resource teams 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: bot
  name: 'MsTeamsChannel'
  location: 'global'
  properties: {
    channelName: 'MsTeamsChannel'
    properties: {
      isEnabled: true
      enableCalling: false
    }
  }
}

// Azure Active Directory v2 provider; the token exchange URL is the app's api://botid-{id} (aad.manifest.json).
resource sso 'Microsoft.BotService/botServices/connections@2022-09-15' = if (!empty(ssoConnectionName)) {
  parent: bot
  name: empty(ssoConnectionName) ? 'unused' : ssoConnectionName
  location: 'global'
  properties: {
    serviceProviderDisplayName: 'Azure Active Directory v2'
    serviceProviderId: '30dd229c-58e3-4a48-bdfd-91ec48eb906c'
    clientId: appId
    clientSecret: ssoClientSecret
    scopes: 'api://botid-${appId}/access_as_user'
    parameters: [
      {
        key: 'tenantID'
        value: appTenantId
      }
      {
        key: 'tokenExchangeUrl'
        value: 'api://botid-${appId}'
      }
    ]
  }
}

output name string = bot.name
output appId string = appId
