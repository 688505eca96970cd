import test, { type ExecutionContext } from 'ava';
import { Outbox } from '../../bot/outbox.ts';
import { notifyAfterSweep } from '../../bot/notify-after-sweep.ts';
import { SweepService } from '../../sweep/sweep-service.ts';
import type { Config } from '../../config/load.ts';
import { Scheduler } from '../../schedules/scheduler.ts';
import { releaseAt } from '../../schedules/quiet-hours.ts';
import { Store } from '../../store/store.ts';
import { botConfig } from '../helpers/bot-config.ts';
import { demoFor } from '../helpers/demo.ts';
import { runHistory } from '../../web/view-model.ts';

/** The demo config cut to a few accounts, so each sweep takes a moment. */
async function setup(t: ExecutionContext, patch: (c: Config) => Partial<Config> = () => ({})) {
  const demo = await demoFor(t);
  const full = await botConfig(demo);
  const accounts = full.accounts.filter((a) => ['扎兰屯12333', '扎兰统计', '扎兰屯市医疗保障局'].includes(a.name));
  const config: Config = { ...full, accounts, ...patch({ ...full, accounts }) };
  const store = await Store.open(demo.db);
  return { demo, config, store };
}

test('a daily patrol missed during a 3-day outage is caught up once at start, not once per day', async (t) => {
  const { config, store } = await setup(t);
  const now = new Date('2026-11-26T02:00:00Z'); // 10:00 in 扎兰屯
  await store.recordJobRuns(['daily-patrol', 'month-end'], '2026-11-23T00:30:00.000Z');
  let sweeps = 0;
  const scheduler = new Scheduler({ config, store, sweeps: new SweepService({ config, store, onSwept: async () => void sweeps++ }), log: () => {}, now: () => now });
  t.deepEqual(scheduler.missed().map((j) => j.name), ['daily-patrol']);
  await scheduler.catchUp();
  t.is(sweeps, 1);
  t.is(store.runs.length, 1);
  t.deepEqual(scheduler.missed(), []);
  await scheduler.catchUp();
  t.is(sweeps, 1);
  // The status page says which job the run made up for, not just 定时巡检.
  t.deepEqual(store.lastRun()!.run.schedule, { jobs: ['每日巡检'], catchUp: true });
  const [row] = runHistory({ config, runs: store.runs, findings: store.findings, viewer: { role: 'admin' }, now });
  t.is(row!.trigger, '补做的定时巡检（每日巡检）');
});

test('a fresh install does not sweep at start just because 08:30 has passed', async (t) => {
  const { config, store } = await setup(t);
  const scheduler = new Scheduler({ config, store, sweeps: new SweepService({ config, store }), log: () => {}, now: () => new Date('2026-11-26T02:00:00Z') });
  t.deepEqual(scheduler.missed(), []);
});

test('a check for accounts already being swept joins that sweep; others wait their turn', async (t) => {
  const { config, store } = await setup(t);
  const sweeps = new SweepService({ config, store });
  const all = config.accounts.map((a) => a.name);
  const first = sweeps.sweep(all, 'schedule');
  const joined = sweeps.sweep(['扎兰统计'], 'chat');
  t.is(await joined, await first);
  const later = await sweeps.sweep(['扎兰屯12333'], 'chat');
  t.is(store.runs.length, 2);
  t.true(Date.parse(later.result.run.startedAt) >= Date.parse((await first).result.run.finishedAt), 'never two sweeps at once');
});

test('spot checks sweep a random sample, and jobs due in the same minute share one sweep', async (t) => {
  const { config, store } = await setup(t, () => ({ schedule: { dailyPatrol: '30 8 * * *', monthEnd: false, quietHours: false, jobs: [{ name: '抽查', cron: '30 8 * * *', accounts: { sample: 2 } }] } }));
  const scheduler = new Scheduler({ config, store, sweeps: new SweepService({ config, store }), log: () => {}, now: () => new Date('2026-11-26T00:30:00Z') });
  const spot = scheduler.jobs.find((j) => j.name === 'custom:抽查')!;
  await scheduler.run([spot]);
  t.is(store.lastRun()!.accounts.length, 2);
  t.deepEqual(store.lastRun()!.run.schedule, { jobs: ['抽查'], catchUp: false });
  await scheduler.run(scheduler.jobs);
  t.is(store.runs.length, 2);
  t.is(store.lastRun()!.accounts.length, 3);
});

test('messages created during quiet hours wait for the morning', async (t) => {
  const { config, store } = await setup(t);
  let now = new Date('2026-11-26T14:30:00Z'); // 22:30 in 扎兰屯
  const sent: string[] = [];
  const outbox = new Outbox(store, { deliver: async (_to, m) => (sent.push(m.title), { ok: true, parts: 1 }) }, {
    gapMs: { min: 0, max: 1 },
    now: () => now,
    releaseAt: (at) => releaseAt(at, { from: '22:00', to: '08:00' }, config.timezone),
  });
  outbox.start();
  t.teardown(() => outbox.stop());
  await outbox.enqueue([{ to: { kind: 'group', topic: config.bot.workGroup! }, message: { title: '夜间巡检结果', text: '…', markdown: '…' } }]);
  await outbox.idle();
  t.deepEqual(sent, []);
  t.deepEqual(outbox.pending().map((m) => m.notBefore), ['2026-11-27T00:00:00.000Z'], 'held until 08:00');
  now = new Date('2026-11-27T00:00:01Z');
  outbox.resume();
  await outbox.idle();
  t.deepEqual(sent, ['夜间巡检结果']);
});

test('the day before an inspection owners get every open problem with the countdown, and the office the accounts at risk', async (t) => {
  // A fixed clock: on the real one the sweep could finish after midnight in 扎兰屯, when "tomorrow" is today.
  const now = () => new Date('2026-12-14T15:59:00Z'); // 23:59 in 扎兰屯, the inspection is the next day
  const { config, store } = await setup(t, () => ({ inspections: [{ name: '呼伦贝尔市政务新媒体服务项专项检查', date: '2026-12-15', accounts: 'all', remindDays: [14, 7, 3, 1] }] }));
  const outbox = new Outbox(store, { deliver: async () => ({ ok: true, parts: 1 }) }, { gapMs: { min: 0, max: 1 }, now });
  const sweeps = new SweepService({ config, store, now, onSwept: (swept) => notifyAfterSweep(swept, config, store, outbox) });
  await sweeps.sweep(['扎兰屯市医疗保障局'], 'chat'); // owners hear about it the first time
  await sweeps.sweep(['扎兰屯市医疗保障局'], 'schedule'); // the countdown patrol the day before
  const messages = store.outbox.map((m) => m.message);
  const owner = config.accounts.find((a) => a.name === '扎兰屯市医疗保障局')!.owners[0]!;
  const toOwner = store.outbox.filter((m) => m.to.kind === 'person' && m.to.name === owner.name);
  t.is(toOwner.length, 2);
  t.regex(toOwner[1]!.message.text, /仍未修复/);
  t.regex(toOwner[1]!.message.text, /就在明天/);
  const summary = messages.find((m) => m.text.includes('明天就是'));
  t.regex(summary?.text ?? '', /扎兰屯市医疗保障局/);
});
