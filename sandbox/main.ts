/** `npm run sandbox`: starts the sandbox on SANDBOX_PORT (default 3979) and stops cleanly on SIGINT/SIGTERM. */
import { startSandbox } from './server';
import { DEFAULT_SANDBOX_PORT } from './world/constants';

async function main(): Promise<void> {
  const portText = process.env.SANDBOX_PORT ?? String(DEFAULT_SANDBOX_PORT);
  const port = Number(portText);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    process.stderr.write(`${JSON.stringify({ level: 'error', msg: 'SANDBOX_PORT must be a port number', value: portText })}\n`);
    process.exit(2);
  }
  const sandbox = await startSandbox({ port, host: process.env.SANDBOX_HOST });
  process.stdout.write(`${JSON.stringify({ level: 'info', msg: 'sandbox listening', url: sandbox.url })}\n`);

  const stop = (signal: string) => {
    process.stdout.write(`${JSON.stringify({ level: 'info', msg: 'sandbox stopping', signal })}\n`);
    sandbox.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error: unknown) => {
  process.stderr.write(`${JSON.stringify({ level: 'error', msg: 'sandbox failed to start', error: String(error) })}\n`);
  process.exit(1);
});
