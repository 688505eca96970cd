/**
 * One life of the bot for the crash test: sweep a few accounts of the
 * sandbox the test runs, queue the digests plus an office summary, drain the
 * outbox into a delivery log, exit. It says `ready` on stdout when the sweep
 * starts, and the test kills it with SIGKILL at random moments after that.
 * The compiled build (dist/), as offices run it; plain JavaScript so a life
 * does not pay for loading the TypeScript loader.
 * Usage: node crash-worker.mjs <dir> <config> (store and logs live in dir;
 * the config's env:NAME secrets come from the environment)
 */
import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { notifyAfterSweep } from '../../dist/bot/notify-after-sweep.js';
import { Outbox } from '../../dist/bot/outbox.js';
import { SweepService } from '../../dist/sweep/sweep-service.js';
import { loadConfig } from '../../dist/config/load.js';
import { Store } from '../../dist/store/store.js';

const [dir, configPath] = process.argv.slice(2);
const config = await loadConfig(configPath, process.env);
const store = await Store.open(join(dir, 'menu-patrol.json'));
const outbox = new Outbox(
  store,
  {
    async deliver(_to, _message, id) {
      appendFileSync(join(dir, 'deliveries.log'), `${id}\n`);
      return { ok: true, parts: 1 };
    },
  },
  { gapMs: { min: 10, max: 30 } },
);
const sweeps = new SweepService({
  config,
  store,
  onSwept: async (swept) => {
    await notifyAfterSweep(swept, config, store, outbox);
    // An office summary in several parts, so there is always a flush to interrupt.
    await outbox.enqueue(Array.from({ length: 6 }, (_, i) => ({ to: { kind: 'group', topic: '工作群' }, message: { title: `汇总 ${swept.result.run.id} 第 ${i + 1} 部分`, text: '…', markdown: '…' } })));
  },
});
process.stdout.write('ready\n');
outbox.start();
const { result } = await sweeps.sweep(config.accounts.map((a) => a.name), 'schedule');
appendFileSync(join(dir, 'runs.log'), `${result.run.id}\n`);
await outbox.idle();
await outbox.stop();
