/**
 * Picks the app's credential from environment-style settings, following @azure/identity's own
 * conventions (EnvironmentCredential, ManagedIdentityCredential):
 *
 * 1. `AZURE_USE_MANAGED_IDENTITY=true` — managed identity; `AZURE_CLIENT_ID` then names a user-assigned
 *    identity (omit it for the system-assigned one). App-only tokens in the home tenant only.
 * 2. `AZURE_TENANT_ID` + `AZURE_CLIENT_ID` + `AZURE_CLIENT_SECRET` — client secret.
 * 3. `AZURE_TENANT_ID` + `AZURE_CLIENT_ID` + `AZURE_CLIENT_CERTIFICATE_PATH` (PEM with the private key;
 *    optional `AZURE_CLIENT_CERTIFICATE_PASSWORD`) — certificate. As in EnvironmentCredential, a secret wins
 *    over a certificate when both are set.
 * Optional: `AZURE_AUTHORITY_HOST` (another cloud, https only).
 *
 * Nothing usable → CredentialConfigurationError with one line per problem, naming the variables to set.
 * The result never carries a secret in its description.
 */
import { existsSync } from 'node:fs';
import type { OnBehalfOfClient } from './onBehalfOfTokenProvider';
import {
  clientCertificateCredentials, clientSecretCredentials, managedIdentityCredentials, type CredentialFactory,
  type IdentityHttpClient,
} from './azureIdentityTokenProvider';
import { isSafeTenantSegment } from './tenantSegment';

export type AppCredentialKind = 'client-secret' | 'client-certificate' | 'managed-identity';

export interface AppIdentity {
  kind: AppCredentialKind;
  /** `AZURE_TENANT_ID`: the app's home tenant (normally the partner tenant); null for a managed identity without it. */
  tenantId: string | null;
  /** `AZURE_CLIENT_ID`: the app registration, or the user-assigned managed identity; null for system-assigned. */
  clientId: string | null;
  /** App-only credentials, one per tenant. */
  credentialFor: CredentialFactory;
  /** The confidential client for the on-behalf-of exchange of a Teams SSO token; null when not possible. */
  onBehalfOf: OnBehalfOfClient | null;
  /** Why on-behalf-of is not possible with this configuration (null when it is). */
  onBehalfOfUnavailable: string | null;
  /** For the startup log: which credential, which app, which tenant — never a secret. */
  description: string;
}

export class CredentialConfigurationError extends Error {
  constructor(readonly problems: string[]) {
    super(`The app credential is not configured:\n${problems.map((p) => `- ${p}`).join('\n')}`);
    this.name = 'CredentialConfigurationError';
  }
}

export interface AppIdentityOptions {
  /** Replaces the credentials' HTTP transport (tests against a local token service). */
  httpClient?: IdentityHttpClient;
  disableInstanceDiscovery?: boolean;
  /** Injected for tests; default `fs.existsSync`. */
  fileExists?: (path: string) => boolean;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12,13}$/i;
const TRUE_VALUES = new Set(['true', '1', 'yes']);
const FALSE_VALUES = new Set(['false', '0', 'no']);

export const NOTHING_CONFIGURED = 'no app credential is configured: set AZURE_TENANT_ID, AZURE_CLIENT_ID and AZURE_CLIENT_SECRET '
  + '(client secret); or AZURE_TENANT_ID, AZURE_CLIENT_ID and AZURE_CLIENT_CERTIFICATE_PATH, plus '
  + 'AZURE_CLIENT_CERTIFICATE_PASSWORD if the PEM file is encrypted (certificate); or AZURE_USE_MANAGED_IDENTITY=true '
  + 'with AZURE_TENANT_ID, and AZURE_CLIENT_ID for a user-assigned identity (managed identity, partner tenant only)';

export function appIdentityFromEnvironment(
  env: Readonly<Record<string, string | undefined>>,
  options: AppIdentityOptions = {},
): AppIdentity {
  const get = (name: string): string | undefined => {
    const value = env[name]?.trim();
    return value ? value : undefined;
  };
  const problems: string[] = [];
  const tenantId = get('AZURE_TENANT_ID');
  const clientId = get('AZURE_CLIENT_ID');
  const secret = get('AZURE_CLIENT_SECRET');
  const certificatePath = get('AZURE_CLIENT_CERTIFICATE_PATH');
  const certificatePassword = get('AZURE_CLIENT_CERTIFICATE_PASSWORD');
  const authorityHost = get('AZURE_AUTHORITY_HOST')?.replace(/\/+$/, '');
  const useManagedIdentity = flag(get('AZURE_USE_MANAGED_IDENTITY'), 'AZURE_USE_MANAGED_IDENTITY', problems);

  if (tenantId !== undefined && !isSafeTenantSegment(tenantId)) {
    problems.push('AZURE_TENANT_ID: not a tenant id (a GUID) or a tenant domain');
  }
  if (clientId !== undefined && !GUID.test(clientId)) problems.push('AZURE_CLIENT_ID: not a client id (a GUID)');
  if (authorityHost !== undefined && !/^https:\/\/[^/]+/i.test(authorityHost)) {
    problems.push('AZURE_AUTHORITY_HOST: must be an https URL such as https://login.microsoftonline.com');
  }
  const common = { authorityHost, disableInstanceDiscovery: options.disableInstanceDiscovery, httpClient: options.httpClient };
  const fileExists = options.fileExists ?? existsSync;

  if (useManagedIdentity) {
    if (secret || certificatePath) {
      problems.push('AZURE_USE_MANAGED_IDENTITY=true together with AZURE_CLIENT_SECRET or AZURE_CLIENT_CERTIFICATE_PATH: '
        + 'choose one (with a managed identity AZURE_CLIENT_ID names the identity, not the app registration)');
    }
    if (!tenantId) problems.push('AZURE_TENANT_ID: set it to the partner tenant id (the managed identity\'s tenant)');
    if (problems.length > 0) throw new CredentialConfigurationError(problems);
    const why = 'a managed identity cannot do the on-behalf-of exchange: it needs AZURE_CLIENT_SECRET or '
      + 'AZURE_CLIENT_CERTIFICATE_PATH of the app registration named in webApplicationInfo';
    return {
      kind: 'managed-identity',
      tenantId: tenantId ?? null,
      clientId: clientId ?? null,
      credentialFor: managedIdentityCredentials({ homeTenantId: tenantId as string, clientId }),
      onBehalfOf: null,
      onBehalfOfUnavailable: why,
      description: `managed identity (${clientId ? `user-assigned ${clientId}` : 'system-assigned'}) in tenant ${tenantId}`,
    };
  }

  if (!secret && !certificatePath) {
    problems.push(NOTHING_CONFIGURED);
    throw new CredentialConfigurationError(problems);
  }
  if (!tenantId) problems.push(`AZURE_TENANT_ID: set it to the partner tenant id (needed with ${secret ? 'AZURE_CLIENT_SECRET' : 'AZURE_CLIENT_CERTIFICATE_PATH'})`);
  if (!clientId) problems.push(`AZURE_CLIENT_ID: set it to the app registration's client id (needed with ${secret ? 'AZURE_CLIENT_SECRET' : 'AZURE_CLIENT_CERTIFICATE_PATH'})`);
  if (!secret && certificatePath && !fileExists(certificatePath)) {
    problems.push(`AZURE_CLIENT_CERTIFICATE_PATH: no file at ${certificatePath} (a PEM file with the certificate and its private key)`);
  }
  if (problems.length > 0) throw new CredentialConfigurationError(problems);
  const app = clientId as string;
  const home = tenantId as string;

  if (secret) {
    return {
      kind: 'client-secret',
      tenantId: home,
      clientId: app,
      credentialFor: clientSecretCredentials({ clientId: app, clientSecret: secret, ...common }),
      onBehalfOf: { clientId: app, clientSecret: secret, ...common },
      onBehalfOfUnavailable: null,
      description: `client secret of app ${app} in tenant ${home}`
        + (certificatePath ? ' (AZURE_CLIENT_CERTIFICATE_PATH is ignored: a secret wins, as in @azure/identity)' : ''),
    };
  }
  return {
    kind: 'client-certificate',
    tenantId: home,
    clientId: app,
    credentialFor: clientCertificateCredentials({ clientId: app, certificatePath: certificatePath as string, certificatePassword, ...common }),
    onBehalfOf: { clientId: app, certificatePath, certificatePassword, ...common },
    onBehalfOfUnavailable: null,
    description: `certificate ${certificatePath} of app ${app} in tenant ${home}`,
  };
}

function flag(value: string | undefined, name: string, problems: string[]): boolean {
  if (value === undefined) return false;
  const lower = value.toLowerCase();
  if (TRUE_VALUES.has(lower)) return true;
  if (FALSE_VALUES.has(lower)) return false;
  problems.push(`${name}: expected true or false`);
  return false;
}
