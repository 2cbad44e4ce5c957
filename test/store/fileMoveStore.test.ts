import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { tempPathFor } from '../../store/atomicFile';
import { FileMoveStore, InvalidMoveIdError } from '../../store/fileMoveStore';
import { runMoveStoreContract } from './moveStoreContract';
import { moveStarted, stepFailed } from './moveEventFixtures';

async function makeTempFolder(): Promise<string> {
  return fs.mkdtemp(path.join(os.tmpdir(), 'csp-move-store-'));
}

runMoveStoreContract('FileMoveStore', async () => {
  const root = await makeTempFolder();
  return {
    store: new FileMoveStore(path.join(root, 'moves')),
    cleanup: () => fs.rm(root, { recursive: true, force: true }),
  };
});

describe('FileMoveStore (file specifics)', () => {
  let root: string;
  let folder: string;

  beforeEach(async () => {
    root = await makeTempFolder();
    folder = path.join(root, 'data', 'moves');
  });

  afterEach(async () => {
    await fs.rm(root, { recursive: true, force: true });
  });

  it('creates a missing folder and keeps one readable JSON file per move', async () => {
    const store = new FileMoveStore(folder);
    await store.append('move-1', 0, [moveStarted('move-1'), stepFailed('preflight')]);
    await store.append('move-2', 0, [moveStarted('move-2')]);

    assert.deepEqual((await fs.readdir(folder)).sort(), ['move-1.events.json', 'move-2.events.json']);
    const document = JSON.parse(await fs.readFile(store.pathOf('move-1'), 'utf8')) as { moveId: string; events: unknown[] };
    assert.equal(document.moveId, 'move-1');
    assert.deepEqual(document.events, [moveStarted('move-1'), stepFailed('preflight')]);
  });

  it('reopens on the same folder with every move and event, and versions carry on', async () => {
    const first = new FileMoveStore(folder);
    await first.append('move-1', 0, [moveStarted('move-1')]);
    await first.append('move-2', 0, [moveStarted('move-2'), stepFailed('x')]);

    const reopened = new FileMoveStore(folder);
    assert.deepEqual(await reopened.listMoveIds(), ['move-1', 'move-2']);
    assert.deepEqual(await reopened.load('move-2'), [moveStarted('move-2'), stepFailed('x')]);
    assert.equal(await reopened.append('move-1', 1, [stepFailed('y')]), 2);
    assert.deepEqual(await new FileMoveStore(folder).load('move-1'), [moveStarted('move-1'), stepFailed('y')]);
  });

  it('survives a crash between temp write and rename: the old stream stays, the temp file is cleaned', async () => {
    const store = new FileMoveStore(folder);
    await store.append('move-1', 0, [moveStarted('move-1')]);
    const oldText = await fs.readFile(store.pathOf('move-1'), 'utf8');

    // What a crash leaves: the next stream fully written to a temp file that never got renamed,
    // and a torn temp file from a crash in the middle of the write.
    const complete = JSON.stringify({ moveId: 'move-1', events: [moveStarted('move-1'), stepFailed('never-renamed')] });
    await fs.writeFile(tempPathFor(store.pathOf('move-1')), complete);
    await fs.writeFile(tempPathFor(store.pathOf('move-1')), complete.slice(0, 30));

    const reopened = new FileMoveStore(folder);
    assert.deepEqual(await reopened.load('move-1'), [moveStarted('move-1')]);
    assert.deepEqual(await reopened.listMoveIds(), ['move-1']);
    assert.deepEqual(await fs.readdir(folder), ['move-1.events.json'], 'leftover temp files are removed');
    assert.equal(await fs.readFile(store.pathOf('move-1'), 'utf8'), oldText);
    assert.equal(await reopened.append('move-1', 1, [stepFailed('after-restart')]), 2);
  });

  it('keeps every acknowledged append and never tears the file when killed with SIGKILL mid-append', async function () {
    this.timeout(60_000);
    const childScript = path.join(__dirname, 'fixtures', 'appendUntilKilled.ts');
    for (let round = 0; round < 3; round++) {
      const acknowledged = await runChildAndKill(childScript, folder, 'move-crash', 30 + round * 70);
      const events = await new FileMoveStore(folder).load('move-crash');
      assert.ok(events.length >= acknowledged, `round ${round}: ${events.length} events but ${acknowledged} acknowledged`);
      assert.ok(events.length <= acknowledged + 1, `round ${round}: at most the one in-flight append may also be there`);
      events.forEach((event, index) => {
        assert.equal(event.type, 'StepFailed');
        assert.equal((event as { step: string }).step, `step-${index}`);
      });
    }
    const leftovers = (await fs.readdir(folder)).filter((name) => name !== 'move-crash.events.json');
    // The next open removes these; they must never be mistaken for a move.
    assert.deepEqual(await new FileMoveStore(folder).listMoveIds(), ['move-crash']);
    assert.ok(leftovers.every((name) => name.endsWith('.tmp')), `unexpected files: ${leftovers.join(', ')}`);
  });

  it('refuses hostile or malformed move ids with a clear error and touches nothing outside the folder', async () => {
    const store = new FileMoveStore(folder);
    const hostile = ['', '..', '.', '../escape', '..\\escape', 'a/b', '/etc/passwd', '.hidden', 'a\0b', 'c:x', ' move', 'x'.repeat(129), 'mövé'];
    for (const moveId of hostile) {
      await assert.rejects(store.load(moveId), InvalidMoveIdError, `load(${JSON.stringify(moveId)})`);
      await assert.rejects(store.append(moveId, 0, [moveStarted('x')]), /Invalid move id/, `append(${JSON.stringify(moveId)})`);
    }
    await assert.rejects(store.load(42 as unknown as string), InvalidMoveIdError);
    // Ids are checked before anything touches the disk: not even the folder was created.
    assert.deepEqual(await fs.readdir(root), []);
    // The longest allowed id works.
    assert.equal(await store.append('x'.repeat(128), 0, [moveStarted('x')]), 1);
    assert.deepEqual(await fs.readdir(folder), [`${'x'.repeat(128)}.events.json`]);
  });

  it('ignores files that are not streams when listing', async () => {
    const store = new FileMoveStore(folder);
    await store.append('move-1', 0, [moveStarted('move-1')]);
    await fs.writeFile(path.join(folder, 'README.md'), 'notes');
    await fs.writeFile(path.join(folder, '.instance.lock'), '{}');
    await fs.mkdir(path.join(folder, 'dir.events.json'));
    assert.deepEqual(await store.listMoveIds(), ['move-1']);
  });

  it('fails loudly on a damaged stream file instead of reading it as empty', async () => {
    const store = new FileMoveStore(folder);
    await store.append('move-1', 0, [moveStarted('move-1')]);
    await fs.writeFile(store.pathOf('move-1'), '{"moveId":"move-1","events":[{"type"');
    await assert.rejects(store.load('move-1'), /not valid JSON/);
    await assert.rejects(store.append('move-1', 1, [stepFailed('x')]), /not valid JSON/);

    await fs.writeFile(store.pathOf('move-1'), JSON.stringify({ moveId: 'move-other', events: [] }));
    await assert.rejects(store.load('move-1'), /holds the stream of move "move-other"/);
  });

  it('stores what the events were at the call even if the caller mutates them while queued', async () => {
    const store = new FileMoveStore(folder);
    const first = store.append('move-1', 0, [moveStarted('move-1')]);
    const event = stepFailed('original');
    const second = store.append('move-1', 1, [event]);
    event.step = 'mutated';
    await Promise.all([first, second]);
    assert.deepEqual(await store.load('move-1'), [moveStarted('move-1'), stepFailed('original')]);
  });
});

/** Runs the append loop in a child, kills it with SIGKILL after it acknowledged some appends. */
function runChildAndKill(script: string, folder: string, moveId: string, killAfterMs: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--require', require.resolve('tsx/cjs'), script, folder, moveId], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let acknowledged = 0;
    let buffered = '';
    let stderr = '';
    let timer: NodeJS.Timeout | undefined;
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      buffered += chunk;
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) if (line) acknowledged = Number(line);
      timer ??= setTimeout(() => child.kill('SIGKILL'), killAfterMs);
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (_code, signal) => {
      if (timer) clearTimeout(timer);
      if (signal !== 'SIGKILL') reject(new Error(`child ended without being killed: ${stderr}`));
      else resolve(acknowledged);
    });
  });
}
