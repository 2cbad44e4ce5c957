/**
 * Starts Azurite (npm `azurite`, the Azure Storage emulator) on 127.0.0.1 with ports the OS picks
 * (port 0: Azurite prints the port it got), in a fresh temp folder, and stops it again.
 *
 * `useAzurite()` wires that into the surrounding describe(): started in before(), stopped in after().
 * If the azurite package is not installed, every test of that describe is skipped and the reason is
 * printed (set REQUIRE_AZURITE=1 to make that a failure instead). Any other start failure fails.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, promises as fs, readFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/** Azurite's well-known development account and key (public, documented; not a secret). */
export const AZURITE_ACCOUNT = 'devstoreaccount1';
export const AZURITE_KEY = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';

export interface RunningAzurite {
  blobPort: number;
  tablePort: number;
  connectionString: string;
  stop(): Promise<void>;
}

const START_TIMEOUT_MS = 30_000;

/** The azurite entry script, or a reason why there is none. */
function findAzurite(): { script: string } | { missing: string } {
  let packageJsonPath: string;
  try {
    packageJsonPath = require.resolve('azurite/package.json');
  } catch {
    return { missing: 'the npm package "azurite" is not installed (it is a devDependency: run npm ci)' };
  }
  const manifest = JSON.parse(readFileSync(packageJsonPath, 'utf8')) as { bin?: Record<string, string> };
  const relative = manifest.bin?.azurite;
  const script = relative ? path.join(path.dirname(packageJsonPath), relative) : undefined;
  if (!script || !existsSync(script)) return { missing: `the azurite package has no "azurite" binary (looked for ${script ?? 'bin.azurite'})` };
  return { script };
}

export async function startAzurite(): Promise<RunningAzurite> {
  const found = findAzurite();
  if ('missing' in found) throw new AzuriteMissingError(found.missing);
  const location = await fs.mkdtemp(path.join(os.tmpdir(), 'csp-azurite-'));
  const child = spawn(
    process.execPath,
    [
      found.script, '--silent', '--skipApiVersionCheck', '--location', location,
      '--blobHost', '127.0.0.1', '--blobPort', '0',
      '--queueHost', '127.0.0.1', '--queuePort', '0',
      '--tableHost', '127.0.0.1', '--tablePort', '0',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const killOnExit = (): void => { child.kill('SIGKILL'); };
  process.on('exit', killOnExit);
  const stop = async (): Promise<void> => {
    process.off('exit', killOnExit);
    await stopChild(child);
    await fs.rm(location, { recursive: true, force: true });
  };
  try {
    const { blobPort, tablePort } = await waitForPorts(child);
    const connectionString =
      `DefaultEndpointsProtocol=http;AccountName=${AZURITE_ACCOUNT};AccountKey=${AZURITE_KEY};` +
      `BlobEndpoint=http://127.0.0.1:${blobPort}/${AZURITE_ACCOUNT};TableEndpoint=http://127.0.0.1:${tablePort}/${AZURITE_ACCOUNT};`;
    return { blobPort, tablePort, connectionString, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

export class AzuriteMissingError extends Error {
  constructor(reason: string) {
    super(`Azurite cannot start: ${reason}.`);
    this.name = 'AzuriteMissingError';
  }
}

function waitForPorts(child: ChildProcess): Promise<{ blobPort: number; tablePort: number }> {
  return new Promise((resolve, reject) => {
    let output = '';
    let blobPort: number | undefined;
    let tablePort: number | undefined;
    const timer = setTimeout(() => finish(new Error(`Azurite did not report its ports within ${START_TIMEOUT_MS} ms. Output:\n${output}`)), START_TIMEOUT_MS);
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      blobPort ??= portFrom(output, 'Blob');
      tablePort ??= portFrom(output, 'Table');
      if (blobPort !== undefined && tablePort !== undefined) finish();
    };
    const onExit = (code: number | null, signal: string | null): void => {
      finish(new Error(`Azurite exited while starting (code ${code}, signal ${signal}). Output:\n${output}`));
    };
    const finish = (error?: Error): void => {
      clearTimeout(timer);
      child.stdout?.off('data', onData);
      child.stderr?.off('data', onData);
      child.off('exit', onExit);
      child.off('error', finish);
      if (error) reject(error);
      else resolve({ blobPort: blobPort!, tablePort: tablePort! });
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.on('exit', onExit);
    child.on('error', finish);
  });
}

function portFrom(output: string, service: 'Blob' | 'Table'): number | undefined {
  const match = new RegExp(`${service} service is successfully listening at http://127\\.0\\.0\\.1:(\\d+)`).exec(output);
  return match ? Number(match[1]) : undefined;
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    // Azurite's graceful stop waits for the SDKs' keep-alive connections; its data is thrown away anyway.
    const force = setTimeout(() => child.kill('SIGKILL'), 1_000);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/**
 * Starts Azurite for the enclosing describe() and returns a getter for it. Call at the top of a
 * describe(); the tests read `azurite()` inside their hooks or bodies.
 */
export function useAzurite(): () => RunningAzurite {
  let running: RunningAzurite | undefined;
  before(async function () {
    this.timeout(START_TIMEOUT_MS + 10_000);
    try {
      running = await startAzurite();
    } catch (error) {
      if (error instanceof AzuriteMissingError && process.env.REQUIRE_AZURITE !== '1') {
        console.log(`\n  SKIPPED (Azure Storage suite): ${error.message} Set REQUIRE_AZURITE=1 to fail instead.\n`);
        this.skip();
      }
      throw error;
    }
  });
  after(async function () {
    this.timeout(15_000);
    await running?.stop();
    running = undefined;
  });
  return () => {
    if (!running) throw new Error('Azurite is not running (useAzurite() must be called inside the describe, and its before() must have run).');
    return running;
  };
}
