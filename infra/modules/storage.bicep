// The storage account STORE=azure shares between bot instances: move streams and conversation references in
// Tables, dialog state and the sweep lease in Blobs. The bot creates its tables and containers at startup
// (store/azure/azureStorage.ts), so none are declared here.
//
// Shared-key access stays on: the bot connects with AZURE_STORAGE_CONNECTION_STRING, an account key or SAS
// (store/azure/connection.ts; botbuilder-azure-blobs' BlobsStorage in bot/app.ts), and has no managed-identity
// option for storage yet. The key never leaves Azure: keyVault.bicep writes the connection string to Key Vault.

param name string
param location string
param tags object
param skuName string

@description('Principal to grant Storage Table Data Contributor and Storage Blob Data Contributor (for a bot that reads storage with a managed identity). Empty = none.')
param dataContributorPrincipalId string = ''

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: name
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: {
    name: skuName
  }
  properties: {
    accessTier: 'Hot'
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    allowBlobPublicAccess: false
    allowCrossTenantReplication: false
    allowSharedKeyAccess: true
    publicNetworkAccess: 'Enabled'
  }
}

// Built-in role definition ids (the same in every subscription).
var storageTableDataContributor = '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
var storageBlobDataContributor = 'ba92f5b4-2d11-453d-a403-e96b0029c9fe'

resource tableRole 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!empty(dataContributorPrincipalId)) {
  name: guid(storage.id, dataContributorPrincipalId, storageTableDataContributor)
  scope: storage
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', storageTableDataContributor)
    principalId: dataContributorPrincipalId
    principalType: 'ServicePrincipal'
  }
}

resource blobRole 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!empty(dataContributorPrincipalId)) {
  name: guid(storage.id, dataContributorPrincipalId, storageBlobDataContributor)
  scope: storage
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', storageBlobDataContributor)
    principalId: dataContributorPrincipalId
    principalType: 'ServicePrincipal'
  }
}

output name string = storage.name
output id string = storage.id
