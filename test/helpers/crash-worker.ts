/**
 * One life of the bot for the crash test: start the sandbox, sweep a few
 * accounts, queue the digests plus an office summary, drain the outbox into a
 * delivery log, exit. The test kills it with SIGKILL at random moments.
 * Usage: node --import tsx/esm crash-worker.ts <dir> (store, logs and config live there)
 */
import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { notifyAfterSweep } from '../../bot/notify-after-sweep.ts';
import { Outbox } from '../../bot/outbox.ts';
import { SweepService } from '../../sweep/sweep-service.ts';
import { loadConfig } from '../../config/load.ts';
import { writeDemoConfig } from '../../sandbox/demo-config.ts';
import { startSandbox } from '../../sandbox/index.ts';
import { Store } from '../../store/store.ts';

const dir = process.argv[2]!;
const sandbox = await startSandbox();
const { configPath, env } = await writeDemoConfig(sandbox, dir, { browser: false });
const full = await loadConfig(configPath, env);
const config = {
  ...full,
  schedule: { ...full.schedule, quietHours: false as const },
  accounts: full.accounts.filter((a) => ['扎兰屯12333', '扎兰统计', '扎兰屯市医疗保障局'].includes(a.name)),
};
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
    await outbox.enqueue(Array.from({ length: 6 }, (_, i) => ({ to: { kind: 'group' as const, topic: '工作群' }, message: { title: `汇总 ${swept.result.run.id} 第 ${i + 1} 部分`, text: '…', markdown: '…' } })));
  },
});
outbox.start();
const { result } = await sweeps.sweep(config.accounts.map((a) => a.name), 'schedule');
appendFileSync(join(dir, 'runs.log'), `${result.run.id}\n`);
await outbox.idle();
await outbox.stop();
await sandbox.close();
