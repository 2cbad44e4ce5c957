// Log Analytics workspace + workspace-based Application Insights.

param workspaceName string
param appInsightsName string
param location string
param tags object
@minValue(30)
@maxValue(730)
param retentionInDays int

resource workspace 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: workspaceName
  location: location
  tags: tags
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    retentionInDays: retentionInDays
  }
}

resource appInsights 'Microsoft.Insights/components@2020-02-02' = {
  name: appInsightsName
  location: location
  tags: tags
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: workspace.id
    IngestionMode: 'LogAnalytics'
  }
}

output workspaceId string = workspace.id
// Not a secret (it only allows sending telemetry), and App Service needs it as APPLICATIONINSIGHTS_CONNECTION_STRING.
output appInsightsConnectionString string = appInsights.properties.ConnectionString
