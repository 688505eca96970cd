import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'ava';
import { writeDemoConfig } from '../../sandbox/demo-config.ts';
import { startSandbox } from '../../sandbox/index.ts';
import { isBuildFresh } from '../../scripts/build-stamp.mjs';
import { repoRoot } from '../helpers/paths.ts';
import { seededRandom } from '../helpers/seeded-random.ts';

const kills = 50;

const lines = async (file: string) => (await readFile(file, 'utf8').catch(() => '')).split('\n').filter(Boolean);

test(`${kills} SIGKILLs during sweeps and outbox flushes: the store always parses, no completed run and no message is lost`, async (t) => {
  t.timeout(600_000);
  const dir = await mkdtemp(join(tmpdir(), 'menu-patrol-crash-'));
  t.teardown(() => rm(dir, { recursive: true, force: true }));
  const storeFile = join(dir, 'menu-patrol.json');
  const random = seededRandom(2022);
  // The sandbox runs here, not in each life: the sites and WeChat outlive the bot's crashes as they do for an office,
  // and a life pays only for the bot (starting a sandbox and reading its 31-account config cost each life ~0.4 s of CPU).
  const sandbox = await startSandbox();
  t.teardown(() => sandbox.close());
  const swept = ['扎兰屯12333', '扎兰统计', '扎兰屯市医疗保障局'];
  const { configPath, env } = await writeDemoConfig({ ...sandbox, accounts: sandbox.accounts.filter((a) => swept.includes(a.name)) }, dir, { browser: false });
  /** One life; `killAfterMs` counts from its `ready` (the sweep starting), so every kill lands in sweeps and flushes. */
  const life = (killAfterMs?: number) =>
    new Promise<{ code: number | null; busyMs: number }>((resolve) => {
      const child = spawn(process.execPath, [join(repoRoot, 'test/helpers/crash-worker.mjs'), dir, configPath], { cwd: repoRoot, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'ignore'] });
      let ready = 0;
      let timer: NodeJS.Timeout | undefined;
      child.stdout.once('data', () => {
        ready = Date.now();
        if (killAfterMs !== undefined) timer = setTimeout(() => child.kill('SIGKILL'), killAfterMs);
      });
      child.on('exit', (code) => (clearTimeout(timer), resolve({ code, busyMs: ready === 0 ? 0 : Date.now() - ready })));
    });

  t.true(isBuildFresh(), 'dist/ is not a build of these sources: run `npm run build` (npm test does)');
  // Two whole lives first: how long the second one's sweep and flushes take here sets when to kill (machines differ a
  // lot). Not the first's: with nothing remembered yet it fetches and analyzes every page, and later lives take far less.
  t.is((await life()).code, 0);
  const measured = await life();
  t.is(measured.code, 0);
  let killed = 0;
  let lives = 0;
  let unparsable = 0;
  // A life that finishes before its kill moment is not a kill: go on until there were enough (bounded).
  while (killed < kills && lives < kills * 2) {
    lives++;
    if ((await life(Math.floor(measured.busyMs * (0.02 + 0.9 * random())))).code === null) killed++;
    const text = await readFile(storeFile, 'utf8').catch(() => null);
    if (text !== null) {
      try {
        JSON.parse(text);
      } catch {
        unparsable++;
      }
    }
  }
  t.is((await life()).code, 0, 'the last life runs to the end');

  const store = JSON.parse(await readFile(storeFile, 'utf8')) as { runs: { run: { id: string } }[]; outbox: { id: string; sentAt: string | null }[] };
  const stored = new Set(store.runs.map((r) => r.run.id));
  const completed = await lines(join(dir, 'runs.log'));
  const delivered = await lines(join(dir, 'deliveries.log'));
  t.is(unparsable, 0);
  t.is(killed, kills, `only ${killed} kills in ${lives} lives`);
  t.deepEqual(completed.filter((id) => !stored.has(id)), [], 'every completed run is in the store');
  t.deepEqual(store.outbox.filter((m) => m.sentAt === null).map((m) => m.id), [], 'nothing left unsent');
  const deliveredSet = new Set(delivered);
  t.deepEqual(store.outbox.filter((m) => !deliveredSet.has(m.id)).map((m) => m.id), [], 'every queued message was delivered');
  const duplicates = delivered.length - deliveredSet.size;
  t.true(duplicates <= killed, `${duplicates} messages delivered twice for ${killed} kills (at-least-once, by message id)`);
  t.log(`kills survived: ${killed} (in ${lives} lives); runs completed: ${completed.length}, stored: ${stored.size}; messages queued: ${store.outbox.length}, deliveries: ${delivered.length}, duplicates: ${duplicates}; unparsable store files: ${unparsable}`);
});
