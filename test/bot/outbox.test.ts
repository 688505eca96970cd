import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test, { type ExecutionContext } from 'ava';
import { Outbox, type Deliverer } from '../../bot/outbox.ts';
import type { OutgoingMessage } from '../../notifiers/types.ts';
import { Store } from '../../store/store.ts';
import { repoRoot } from '../helpers/paths.ts';
import { until } from '../helpers/until.ts';

async function tempStore(t: ExecutionContext): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'menu-patrol-outbox-'));
  t.teardown(() => rm(dir, { recursive: true, force: true }));
  return join(dir, 'menu-patrol.json');
}

const message = (i: number): OutgoingMessage => ({ title: `消息${i}`, text: `第 ${i} 条`, markdown: `第 ${i} 条` });
const to = { kind: 'person', name: '王明', remark: '王明-人社局' } as const;

function recorder(): Deliverer & { titles: string[] } {
  const titles: string[] = [];
  return { titles, deliver: async (_to, m) => (titles.push(m.title), { ok: true, parts: 1 }) };
}

test('Outbox sends in order with a gap, and keeps what a stopped bot did not send', async (t) => {
  const file = await tempStore(t);
  const first = recorder();
  const slow: Deliverer = { deliver: async (r, m, id) => (await new Promise((x) => setTimeout(x, 30)), first.deliver(r, m, id)) };
  const outbox = new Outbox(await Store.open(file), slow, { gapMs: { min: 40, max: 60 } });
  await outbox.enqueue([1, 2, 3, 4, 5, 6].map((i) => ({ to, message: message(i) })));
  outbox.start();
  await until(() => first.titles.length >= 2, 'two messages sent');
  await outbox.stop();
  t.true(first.titles.length < 6);

  const second = recorder();
  const restarted = new Outbox(await Store.open(file), second, { gapMs: { min: 0, max: 1 } });
  restarted.start();
  await restarted.idle();
  await restarted.stop();
  t.deepEqual([...first.titles, ...second.titles], ['消息1', '消息2', '消息3', '消息4', '消息5', '消息6'].slice(0, first.titles.length + second.titles.length));
  t.deepEqual(new Set([...first.titles, ...second.titles]).size, 6);
});

test('Outbox retries a failed send with back-off and gives up after the last attempt, telling someone', async (t) => {
  const file = await tempStore(t);
  let calls = 0;
  const givenUp: string[] = [];
  const flaky: Deliverer = { deliver: async () => (calls++, { ok: false, retryable: true, reason: 'network', detail: 'network error ECONNREFUSED' }) };
  const outbox = new Outbox(await Store.open(file), flaky, {
    gapMs: { min: 0, max: 1 },
    retryDelayMs: 5,
    maxAttempts: 3,
    onGiveUp: async (m, failure, attempts) => void givenUp.push(`${m.message.title}:${failure.reason}:${attempts}`),
  });
  await outbox.enqueue([{ to, message: message(1) }]);
  outbox.start();
  await until(() => givenUp.length > 0, 'the message given up');
  await outbox.stop();
  t.is(calls, 3);
  t.deepEqual(givenUp, ['消息1:network:3']);
  const store = await Store.open(file);
  t.truthy(store.outbox[0]!.failedAt);
});

test('Outbox holds messages while paused (logged out) and sends them after resume', async (t) => {
  const file = await tempStore(t);
  const sent = recorder();
  const outbox = new Outbox(await Store.open(file), sent, { gapMs: { min: 0, max: 1 } });
  outbox.pause();
  outbox.start();
  await outbox.enqueue([{ to, message: message(1) }]);
  // enqueue wakes the loop; paused, it goes back to waiting in promise callbacks alone, which all run before
  // the next event-loop turn: no guessing how long a slow machine needs.
  await new Promise((x) => setImmediate(x));
  t.deepEqual(sent.titles, []);
  t.is(outbox.pending().length, 1);
  outbox.resume();
  await outbox.idle();
  await outbox.stop();
  t.deepEqual(sent.titles, ['消息1']);
});

test('Outbox survives being killed in the middle of a digest: nothing lost, at most one resend per kill', async (t) => {
  const file = await tempStore(t);
  const log = `${file}.deliveries`;
  const total = 60;
  const store = await Store.open(file);
  await store.enqueue(
    Array.from({ length: total }, (_, i) => ({ id: `m${i}`, to, message: message(i), createdAt: new Date().toISOString(), attempts: 0, notBefore: new Date(0).toISOString(), sentAt: null, failedAt: null, lastError: null })),
  );
  const run = (killAfterMs?: number) =>
    new Promise<number | null>((resolve) => {
      const child = spawn(process.execPath, ['--import=tsx/esm', join(repoRoot, 'test/helpers/outbox-worker.ts'), file, log], { cwd: repoRoot, stdio: 'ignore' });
      const timer = killAfterMs === undefined ? undefined : setTimeout(() => child.kill('SIGKILL'), killAfterMs);
      child.on('exit', (code) => (clearTimeout(timer), resolve(code)));
    });
  let kills = 0;
  for (const after of [900, 1100, 1300]) if ((await run(after)) === null) kills++;
  t.true(kills >= 2, `only ${kills} of 3 runs were killed before finishing`);
  t.is(await run(), 0);
  const delivered = (await readFile(log, 'utf8')).trim().split('\n');
  t.deepEqual(new Set(delivered), new Set(Array.from({ length: total }, (_, i) => `消息${i}`)));
  t.true(delivered.length <= total + kills, `${delivered.length} deliveries for ${total} messages and ${kills} kills`);
  t.true((await Store.open(file)).outbox.every((m) => m.sentAt !== null));
});

test("Outbox drops sent messages a week old by its own clock, not the machine's", async (t) => {
  const file = await tempStore(t);
  let now = new Date('2026-11-01T00:00:00Z');
  const sent = recorder();
  const outbox = new Outbox(await Store.open(file), sent, { gapMs: { min: 0, max: 1 }, now: () => now });
  outbox.start();
  t.teardown(() => outbox.stop());
  await outbox.enqueue([{ to, message: message(1) }]);
  await outbox.idle();
  now = new Date('2026-11-07T23:00:00Z');
  await outbox.enqueue([{ to, message: message(2) }]);
  await outbox.idle();
  t.deepEqual((await Store.open(file)).outbox.map((m) => m.message.title), ['消息1', '消息2'], 'six days later both are kept');
  now = new Date('2026-11-12T00:00:00Z');
  await outbox.enqueue([{ to, message: message(3) }]);
  await outbox.idle();
  t.deepEqual((await Store.open(file)).outbox.map((m) => m.message.title), ['消息2', '消息3']);
  t.deepEqual(sent.titles, ['消息1', '消息2', '消息3']);
});
