/**
 * Errors from Azure Storage, turned into messages that name the step that failed and the fix, and that
 * never carry a secret. A connection string holds the account key (or a SAS token), and SDK errors can
 * echo request URLs that carry a SAS signature, so everything shown goes through `redactSecrets`.
 */

/** Thrown for anything the operator has to fix: configuration, permissions, a missing table or container. */
export class AzureStorageError extends Error {
  constructor(
    readonly step: string,
    message: string,
    readonly statusCode?: number,
    readonly code?: string,
  ) {
    super(redactSecrets(`${step}: ${message}`));
    this.name = 'AzureStorageError';
  }
}

/** Removes account keys, SAS tokens and signatures from a text before it is shown or logged. */
export function redactSecrets(text: string): string {
  return text
    .replace(/(AccountKey|SharedAccessSignature)=[^;\s"']*/gi, '$1=***')
    .replace(/([?&](?:sig|se|sp|sv|st|spr|srt|ss|skoid|sktid|skt|ske|sks|skv)=)[^&\s"']*/gi, '$1***');
}

/** The HTTP status of an SDK error (RestError), if it has one. */
export function statusOf(error: unknown): number | undefined {
  const status = (error as { statusCode?: unknown } | null)?.statusCode;
  return typeof status === 'number' ? status : undefined;
}

/** The storage error code (`TableNotFound`, `LeaseAlreadyPresent`, …) of an SDK error, if it has one. */
export function codeOf(error: unknown): string | undefined {
  const candidate = error as { code?: unknown; details?: { errorCode?: unknown } } | null;
  if (typeof candidate?.details?.errorCode === 'string') return candidate.details.errorCode;
  return typeof candidate?.code === 'string' ? candidate.code : undefined;
}

/**
 * Wraps an unexpected SDK failure: the step, what the service said, and the likely fix. `what` names the
 * resource ("table moves", "container bot-state") without any secret.
 */
export function describeAzureFailure(step: string, what: string, error: unknown): AzureStorageError {
  const status = statusOf(error);
  const code = codeOf(error);
  const said = serviceMessage(error instanceof Error ? error.message : String(error));
  const prefix = [status, code].filter((part) => part !== undefined).join(' ');
  return new AzureStorageError(step, `${what}: ${prefix ? `${prefix} ` : ''}${said}${hintFor(status, code, what)}`, status, code);
}

/** The first line of what the service said, taken out of its XML or OData JSON body when it sent one. */
function serviceMessage(text: string): string {
  const xml = /<Message>([\s\S]*?)<\/Message>/.exec(text);
  let said = xml?.[1] ?? text;
  if (!xml && said.trimStart().startsWith('{')) {
    try {
      const parsed = JSON.parse(said) as { 'odata.error'?: { message?: { value?: string } } };
      said = parsed['odata.error']?.message?.value ?? said;
    } catch {
      // not JSON after all: keep the text
    }
  }
  if (said.trimStart().startsWith('<?xml')) said = '(no message)';
  return redactSecrets((said.split('\n')[0] ?? '').trim()).slice(0, 300);
}

function hintFor(status: number | undefined, code: string | undefined, what: string): string {
  switch (code) {
    case 'TableNotFound':
    case 'ContainerNotFound':
      return ` — ${what} does not exist. Call ensure() at startup (it creates it), or create it in the storage account.`;
    case 'AuthenticationFailed':
      return ' — the account key or SAS token in AZURE_STORAGE_CONNECTION_STRING was refused. Copy the connection string again (the key may have been rotated, or a SAS may have expired).';
    case 'AuthorizationFailure':
      return ' — access was refused: check the account key or SAS in AZURE_STORAGE_CONNECTION_STRING (copy it again if the key was rotated), its permissions, and the storage account\'s firewall / network rules.';
    case 'AuthorizationPermissionMismatch':
    case 'AuthorizationResourceTypeMismatch':
    case 'AuthorizationServiceMismatch':
      return ' — the credentials lack a permission for this step. A SAS needs the Table and Blob services, resource types service+container+object, and permissions read, write, delete, list, add, create, update.';
    case 'InvalidResourceName':
    case 'OutOfRangeInput':
      return ` — the name of ${what} is not allowed by Azure Storage.`;
    default:
      break;
  }
  const networkCode = (code ?? '').toUpperCase();
  if (['ENOTFOUND', 'EAI_AGAIN'].includes(networkCode)) {
    return ' — the storage endpoint host does not resolve. Check AccountName / EndpointSuffix / TableEndpoint / BlobEndpoint in AZURE_STORAGE_CONNECTION_STRING.';
  }
  if (['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'REQUEST_SEND_ERROR'].includes(networkCode)) {
    return ' — the storage endpoint cannot be reached. Check the endpoints in AZURE_STORAGE_CONNECTION_STRING and the network (firewall, private endpoint).';
  }
  if (status === 403) return ' — access denied. Check the key or SAS in AZURE_STORAGE_CONNECTION_STRING and its permissions.';
  return '';
}
