// Key Vault (RBAC authorization) with the bot's secrets. The app reads them through Key Vault references,
// as the user-assigned managed identity, which gets Key Vault Secrets User here.
//
// Secret names (docs/DEPLOYMENT.md, "What goes in Key Vault"):
//   storage-connection-string      always written here, from the storage account's key
//   azure-client-secret            AZURE_CLIENT_SECRET (and MicrosoftAppPassword when the bot shares the registration)
//   partner-center-refresh-token   PARTNER_CENTER_REFRESH_TOKEN
//   microsoft-app-password         MicrosoftAppPassword of a bot registration other than AZURE_CLIENT_ID
// A secret parameter left empty writes nothing, so a secret set by hand (az keyvault secret set) is kept.

param name string
param location string
param tags object
param enablePurgeProtection bool
param secretsUserPrincipalId string
param secretsOfficerPrincipalId string
param secretsOfficerPrincipalType string
param storageAccountName string

@secure()
param azureClientSecret string
@secure()
param partnerCenterRefreshToken string
@secure()
param botAppPassword string

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: subscription().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 90
    // Purge protection cannot be turned off once on, and false is not accepted either: leave it out instead.
    enablePurgeProtection: enablePurgeProtection ? true : null
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      defaultAction: 'Allow'
      bypass: 'AzureServices'
    }
  }
}

// Built-in role definition ids (the same in every subscription).
var keyVaultSecretsUser = '4633458b-17de-408a-b874-0445c86b69e6'
var keyVaultSecretsOfficer = 'b86a8fe4-44ce-4948-aee5-eccb2c155cd7'

resource secretsUser 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(vault.id, secretsUserPrincipalId, keyVaultSecretsUser)
  scope: vault
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', keyVaultSecretsUser)
    principalId: secretsUserPrincipalId
    principalType: 'ServicePrincipal'
  }
}

resource secretsOfficer 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!empty(secretsOfficerPrincipalId)) {
  name: guid(vault.id, secretsOfficerPrincipalId, keyVaultSecretsOfficer)
  scope: vault
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', keyVaultSecretsOfficer)
    principalId: secretsOfficerPrincipalId
    principalType: secretsOfficerPrincipalType
  }
}

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
  name: storageAccountName
}

resource storageConnection 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'storage-connection-string'
  properties: {
    contentType: 'AZURE_STORAGE_CONNECTION_STRING'
    value: 'DefaultEndpointsProtocol=https;AccountName=${storage.name};AccountKey=${storage.listKeys().keys[0].value};EndpointSuffix=${environment().suffixes.storage}'
  }
}

resource clientSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (!empty(azureClientSecret)) {
  parent: vault
  name: 'azure-client-secret'
  properties: {
    contentType: 'AZURE_CLIENT_SECRET'
    value: azureClientSecret
  }
}

resource refreshToken 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (!empty(partnerCenterRefreshToken)) {
  parent: vault
  name: 'partner-center-refresh-token'
  properties: {
    contentType: 'PARTNER_CENTER_REFRESH_TOKEN'
    value: partnerCenterRefreshToken
  }
}

resource botPassword 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (!empty(botAppPassword)) {
  parent: vault
  name: 'microsoft-app-password'
  properties: {
    contentType: 'MicrosoftAppPassword'
    value: botAppPassword
  }
}

output name string = vault.name
// https://<name>.vault.azure.net/ (with the trailing slash).
// A module's outputs exist only once everything in it is deployed: whatever uses this URI waits for the secrets
// and for the identity's Key Vault Secrets User role.
output uri string = vault.properties.vaultUri
