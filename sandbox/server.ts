/**
 * Starts the sandbox: a local stand-in for Partner Center (`/v1/...`), Microsoft Graph (`/graph/v1.0/...`),
 * the Entra token service (`/login/...`) and its own admin API (`/_sandbox/...`). See sandbox/README.md.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createSandboxApp } from './app';
import { createWorld, type SandboxWorld } from './world/world';

export interface SandboxHandle {
  url: string;
  port: number;
  close(): Promise<void>;
}

export interface SandboxOptions {
  /** 0 = a random free port. Default 0. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Seed of every generated id. Default `relecloud-sandbox-v1`. */
  seed?: string;
  /** How long (sandbox-clock seconds) a new subscription stays `pending`. Default 2. */
  provisioningDelaySeconds?: number;
  /** Lifetime (wall-clock seconds) of the access tokens `/login` issues. Default 3599. */
  tokenLifetimeSeconds?: number;
  /** Existing customers besides the named ones (`filler001`…; those beyond 150 have no users). Default 150. */
  fillerCustomers?: number;
  /** Tenants that are not customers yet (`prospect0001.onmicrosoft.com`…). Default 0. */
  prospectCustomers?: number;
}

/** For in-process tests that need direct access to the world as well as the handle. */
export interface SandboxHandleWithWorld extends SandboxHandle {
  world: SandboxWorld;
}

export async function startSandbox(opts: SandboxOptions = {}): Promise<SandboxHandleWithWorld> {
  const host = opts.host ?? '127.0.0.1';
  const world = createWorld({
    seed: opts.seed, provisioningDelaySeconds: opts.provisioningDelaySeconds, tokenLifetimeSeconds: opts.tokenLifetimeSeconds,
    fillerCustomers: opts.fillerCustomers, prospectCustomers: opts.prospectCustomers,
  });
  let url = '';
  const app = createSandboxApp(world, () => url);
  const server = createServer((req, res) => app.handle(req, res));
  server.keepAliveTimeout = 5000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  url = `http://${urlHost(host)}:${port}`;

  let closing: Promise<void> | undefined;
  return {
    url,
    port,
    world,
    close() {
      closing ??= new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      });
      return closing;
    },
  };
}

function urlHost(host: string): string {
  if (host === '0.0.0.0') return '127.0.0.1';
  if (host === '::') return '[::1]';
  return host.includes(':') ? `[${host}]` : host;
}
