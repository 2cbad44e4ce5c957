/**
 * Checks an Azure Storage connection string and builds the SDK clients from it, with errors that say
 * what is wrong and how to fix it, and that never repeat the string (it holds the account key).
 */
import { TableClient } from '@azure/data-tables';
import { BlobServiceClient, ContainerClient } from '@azure/storage-blob';
import { AzureStorageError, describeAzureFailure } from './azureErrors';

const STEP = 'Reading AZURE_STORAGE_CONNECTION_STRING';
const WHERE_TO_GET_IT = 'Copy it from the Azure portal (storage account → Security + networking → Access keys → Connection string), or use UseDevelopmentStorage=true for a local Azurite.';

/** Azure's rule: 3-63 letters and digits, starting with a letter. */
const TABLE_NAME = /^[A-Za-z][A-Za-z0-9]{2,62}$/;
/** Azure's rule: 3-63 lower-case letters, digits and single hyphens, starting and ending with a letter or digit. */
const CONTAINER_NAME = /^(?=.{3,63}$)[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** The parts of a connection string, keys lower-cased. */
function parseParts(connectionString: unknown): Map<string, string> {
  if (typeof connectionString !== 'string' || connectionString.trim() === '') {
    throw new AzureStorageError(STEP, `the connection string is empty. ${WHERE_TO_GET_IT}`);
  }
  const parts = new Map<string, string>();
  for (const piece of connectionString.split(';')) {
    if (piece.trim() === '') continue;
    const equals = piece.indexOf('=');
    if (equals <= 0) {
      throw new AzureStorageError(STEP, `it is not a storage connection string (expected Name=value pairs separated by ";"). ${WHERE_TO_GET_IT}`);
    }
    parts.set(piece.slice(0, equals).trim().toLowerCase(), piece.slice(equals + 1).trim());
  }
  return parts;
}

/**
 * Throws AzureStorageError unless the string names an account and a credential (account key or SAS),
 * and every endpoint it gives is an absolute http(s) URL. Plain http is accepted only for loopback
 * (Azurite); a real account must use https.
 */
export function assertUsableConnectionString(connectionString: unknown): asserts connectionString is string {
  const parts = parseParts(connectionString);
  if (parts.get('usedevelopmentstorage')?.toLowerCase() === 'true') return;
  const hasKey = Boolean(parts.get('accountkey'));
  const hasSas = Boolean(parts.get('sharedaccesssignature'));
  if (!hasKey && !hasSas) {
    throw new AzureStorageError(STEP, `it has neither AccountKey nor SharedAccessSignature. ${WHERE_TO_GET_IT}`);
  }
  if (hasKey && !parts.get('accountname')) {
    throw new AzureStorageError(STEP, `it has an AccountKey but no AccountName. ${WHERE_TO_GET_IT}`);
  }
  if (hasKey && parts.get('accountkey') && !/^[A-Za-z0-9+/]+={0,2}$/.test(parts.get('accountkey') ?? '')) {
    throw new AzureStorageError(STEP, `its AccountKey is not base64 (it was probably cut off when copied). ${WHERE_TO_GET_IT}`);
  }
  for (const name of ['tableendpoint', 'blobendpoint']) {
    const endpoint = parts.get(name);
    if (endpoint !== undefined) checkEndpoint(name === 'tableendpoint' ? 'TableEndpoint' : 'BlobEndpoint', endpoint);
  }
  if (hasSas && !hasKey && (!parts.get('tableendpoint') || !parts.get('blobendpoint'))) {
    throw new AzureStorageError(STEP, 'a SAS connection string needs both TableEndpoint and BlobEndpoint (this app uses Tables and Blobs). Generate the SAS for both services.');
  }
  const protocol = parts.get('defaultendpointsprotocol')?.toLowerCase();
  if (protocol === 'http' && !parts.get('tableendpoint') && !parts.get('blobendpoint')) {
    throw new AzureStorageError(STEP, 'DefaultEndpointsProtocol=http is only allowed with explicit loopback endpoints (Azurite). Use https for an Azure account.');
  }
}

function checkEndpoint(name: string, endpoint: string): void {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    throw new AzureStorageError(STEP, `its ${name} is not a URL. ${WHERE_TO_GET_IT}`);
  }
  if (url.protocol === 'https:') return;
  if (url.protocol === 'http:' && isLoopback(url.hostname)) return;
  throw new AzureStorageError(STEP, `its ${name} must use https (plain http is only allowed for a loopback Azurite, got ${url.protocol}//${url.hostname}).`);
}

function isLoopback(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || hostname === '::1' || /^127\.\d+\.\d+\.\d+$/.test(hostname);
}

/** True when the Table endpoint is plain http on loopback (Azurite), which the Tables SDK must be told to allow. */
function usesLoopbackHttp(connectionString: string): boolean {
  const parts = parseParts(connectionString);
  if (parts.get('usedevelopmentstorage')?.toLowerCase() === 'true') return true;
  const endpoint = parts.get('tableendpoint');
  if (!endpoint) return false;
  const url = new URL(endpoint);
  return url.protocol === 'http:' && isLoopback(url.hostname);
}

export function assertValidTableName(tableName: unknown): asserts tableName is string {
  if (typeof tableName !== 'string' || !TABLE_NAME.test(tableName)) {
    throw new AzureStorageError('Configuring Azure Table storage', `invalid table name ${JSON.stringify(String(tableName))}: use 3-63 letters and digits, starting with a letter.`);
  }
}

export function assertValidContainerName(containerName: unknown): asserts containerName is string {
  if (typeof containerName !== 'string' || !CONTAINER_NAME.test(containerName)) {
    throw new AzureStorageError('Configuring Azure Blob storage', `invalid container name ${JSON.stringify(String(containerName))}: use 3-63 lower-case letters, digits and single hyphens, starting and ending with a letter or digit.`);
  }
}

export function tableClientFrom(connectionString: string, tableName: string): TableClient {
  assertUsableConnectionString(connectionString);
  assertValidTableName(tableName);
  try {
    return TableClient.fromConnectionString(connectionString, tableName, {
      allowInsecureConnection: usesLoopbackHttp(connectionString),
    });
  } catch {
    // The SDK's message may quote parts of the string; say what to check instead.
    throw new AzureStorageError(STEP, `the Table client could not be built from it (check AccountName, AccountKey or SharedAccessSignature, and TableEndpoint). ${WHERE_TO_GET_IT}`);
  }
}

export function containerClientFrom(connectionString: string, containerName: string): ContainerClient {
  assertUsableConnectionString(connectionString);
  assertValidContainerName(containerName);
  try {
    return BlobServiceClient.fromConnectionString(connectionString).getContainerClient(containerName);
  } catch {
    throw new AzureStorageError(STEP, `the Blob client could not be built from it (check AccountName, AccountKey or SharedAccessSignature, and BlobEndpoint). ${WHERE_TO_GET_IT}`);
  }
}

/** Creates the table if it is missing (idempotent). */
export async function ensureTable(client: TableClient): Promise<void> {
  try {
    await client.createTable();
  } catch (error) {
    throw describeAzureFailure('Creating the Azure table (ensure)', `table ${client.tableName}`, error);
  }
}

/** Creates the container if it is missing (idempotent). */
export async function ensureContainer(client: ContainerClient): Promise<void> {
  try {
    await client.createIfNotExists();
  } catch (error) {
    throw describeAzureFailure('Creating the Azure blob container (ensure)', `container ${client.containerName}`, error);
  }
}
