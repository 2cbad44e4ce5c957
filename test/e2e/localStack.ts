import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';

/** The `npm start` stack as separate processes, on ports of its own so a developer's copy can keep running. */
export class LocalStack {
  private readonly processes: ChildProcess[] = [];
  readonly botPort = 3988;
  readonly sandboxPort = 3989;
  readonly playgroundPort = 56160;

  constructor(private readonly dataDir: string) {}

  get sandboxUrl(): string {
    return `http://127.0.0.1:${this.sandboxPort}`;
  }

  /** A Playground's page; several can run side by side, each on its own port, signed in as its own person. */
  playgroundUrl(port = this.playgroundPort): string {
    return `http://localhost:${port}`;
  }

  static built(): boolean {
    return existsSync(path.resolve('dist', 'bot', 'local.js'));
  }

  /** Sandbox + bot (PLAYGROUND=0 npm start). */
  startBotAndSandbox(): Promise<ChildProcess> {
    return this.run(['dist/bot/local.js'], { PLAYGROUND: '0' }, /running in local mode/);
  }

  /** The Agents Playground signed in as one of the staff, on its own port (the default one unless told). */
  startPlayground(as: string, port = this.playgroundPort): Promise<ChildProcess> {
    return this.run(['dist/bot/local.js', '--only=playground', `--as=${as}`], { PLAYGROUND_PORT: String(port) }, /Listening on/);
  }

  async stop(child: ChildProcess): Promise<void> {
    if (child.exitCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGTERM');
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5000))]);
    if (child.exitCode === null) child.kill('SIGKILL');
  }

  async stopAll(): Promise<void> {
    for (const child of this.processes.reverse()) await this.stop(child);
  }

  private run(args: string[], extraEnv: Record<string, string>, ready: RegExp): Promise<ChildProcess> {
    const child = spawn(process.execPath, args, {
      env: {
        ...process.env, DATA_DIR: this.dataDir, PORT: String(this.botPort), SANDBOX_PORT: String(this.sandboxPort),
        PLAYGROUND_PORT: String(this.playgroundPort), LOG_LEVEL: 'warn', ...extraEnv,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.processes.push(child);
    return new Promise((resolve, reject) => {
      let output = '';
      const timer = setTimeout(() => reject(new Error(`${args.join(' ')} did not start in time:\n${output}`)), 60_000);
      const onData = (chunk: Buffer) => {
        output += chunk.toString();
        if (ready.test(output)) { clearTimeout(timer); resolve(child); }
      };
      child.stdout!.on('data', onData);
      child.stderr!.on('data', onData);
      child.once('exit', (code) => { clearTimeout(timer); reject(new Error(`${args.join(' ')} exited with ${code}:\n${output}`)); });
    });
  }
}
