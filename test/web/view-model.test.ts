import anyTest, { type ExecutionContext, type TestFn } from 'ava';
import { loadConfig, type Config } from '../../config/load.ts';
import { Store } from '../../store/store.ts';
import { accountView } from '../../web/account-view.ts';
import { accountStates, overview, runHistory, type ViewInput } from '../../web/view-model.ts';
import { demoFor } from '../helpers/demo.ts';
import { hookScope, someOwner } from '../helpers/web.ts';

interface Swept {
  readonly config: Config;
  readonly store: Store;
}

/** The demo swept once into a real lowdb file: the view model reads what a real sweep recorded. */
const test = anyTest as TestFn<Swept>;
const hook = hookScope();
test.before(async (t) => {
  const demo = await demoFor(hook.scope as ExecutionContext);
  await demo.run('check', '-c', demo.configPath, '--db', demo.db);
  t.context = { config: await loadConfig(demo.configPath, demo.env), store: await Store.open(demo.db) };
});
test.after.always(() => hook.close());

const input = (s: Swept, viewer: ViewInput['viewer'] = { role: 'admin' }, config: Config = s.config): ViewInput => ({
  config,
  runs: s.store.runs,
  findings: s.store.findings,
  viewer,
  now: new Date(s.store.lastRun()!.run.finishedAt),
});

test('the overview has every account in one of the four states, the broken ones first', (t) => {
  const model = overview(input(t.context), { sort: 'state' });
  t.is(model.rows.length, t.context.config.accounts.length);
  // The demo has broken accounts, one the API refuses, Weibo accounts with no menu, and healthy ones.
  for (const state of accountStates) t.true(model.counts[state] > 0, state);
  const order = model.rows.map((r) => accountStates.indexOf(r.state));
  t.deepEqual(order, [...order].sort((a, b) => a - b));
  const broken = model.rows.find((r) => r.state === '有问题')!;
  t.true(broken.open > 0);
  t.truthy(broken.since);
  t.regex(broken.nextSweep ?? '', / 08:30$/, 'the daily patrol at 8:30 office time');
  t.regex(broken.countdown ?? '', /^距“.+”还有 \d+ 天$/);
});

test('filters by unit and by state, sorts by name', (t) => {
  const all = overview(input(t.context), { sort: 'state' });
  const unit = all.units[0]!;
  const byUnit = overview(input(t.context), { unit, sort: 'state' });
  t.true(byUnit.rows.length > 0 && byUnit.rows.every((r) => r.unit === unit));
  const failed = overview(input(t.context), { state: '读取失败', sort: 'name' });
  t.is(failed.rows.length, all.counts['读取失败']);
  t.true(failed.rows.every((r) => r.state === '读取失败'));
  const names = failed.rows.map((r) => r.name);
  t.deepEqual(names, [...names].sort((a, b) => a.localeCompare(b, 'zh-CN')));
});

test('an owner sees only their own accounts, in the overview, the run history and the account pages', (t) => {
  const { owner } = someOwner(t.context.config);
  const viewer = { role: 'owner', owner } as const;
  const mine = t.context.config.accounts.filter((a) => a.owners.some((o) => o.name === owner)).map((a) => a.name);
  t.deepEqual(overview(input(t.context, viewer), { sort: 'name' }).rows.map((r) => r.name).sort(), [...mine].sort());
  const other = t.context.config.accounts.find((a) => !mine.includes(a.name))!;
  t.is(accountView(input(t.context, viewer), other.name), undefined);
  t.truthy(accountView(input(t.context, viewer), mine[0]!));
  const [run] = runHistory(input(t.context, viewer));
  t.true(run!.accounts <= mine.length);
});

test("times are the office's: another config.timezone moves every shown time", (t) => {
  const name = t.context.store.lastRun()!.accounts[0]!.name;
  const shanghai = overview(input(t.context), { sort: 'name' }).rows.find((r) => r.name === name)!;
  const utcConfig: Config = { ...t.context.config, timezone: 'UTC' };
  const utc = overview(input(t.context, { role: 'admin' }, utcConfig), { sort: 'name' }).rows.find((r) => r.name === name)!;
  const hours = (Date.parse(`${shanghai.lastSweep!.replace(' ', 'T')}:00Z`) - Date.parse(`${utc.lastSweep!.replace(' ', 'T')}:00Z`)) / 3_600_000;
  t.is(hours, 8);
});

test('an account page: the menu as a tree with verdicts, each open problem with what to do and its evidence, the weekly chart data', (t) => {
  const broken = overview(input(t.context), { state: '有问题', sort: 'open' }).rows[0]!;
  const view = accountView(input(t.context), broken.name)!;
  t.is(view.row.state, '有问题');
  t.true(view.menus.length > 0);
  const items = view.menus.flatMap((m) => m.items.flatMap((i) => [i, ...i.children]));
  t.true(items.some((i) => i.status === 'fail'));
  t.true(items.some((i) => i.children.length > 0), 'sub-menus sit under their top-level button');
  t.is(view.open.length, broken.open + view.open.filter((p) => p.warning).length);
  for (const p of view.open) {
    t.true(p.hint.length > 0, p.text);
    t.regex(p.firstSeen, /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
  }
  t.true(view.weekly.length > 0);
  t.is(view.weekly.at(-1)!.open, broken.open);
});

test('an account whose menu could not be read says why and what to do', (t) => {
  const unread = overview(input(t.context), { state: '读取失败', sort: 'name' }).rows[0]!;
  const view = accountView(input(t.context), unread.name)!;
  t.truthy(view.error?.message);
  t.truthy(view.error?.hint);
  t.is(view.menus.length, 0);
});

test('the run history: the sweep, its trigger, its duration and what it changed', (t) => {
  const [run, ...older] = runHistory(input(t.context));
  t.is(older.length, 0);
  t.is(run!.trigger, '命令行');
  t.regex(run!.duration, /^\d+ (秒|分 \d+ 秒)$/);
  t.is(run!.opened, t.context.store.findings.length);
  t.is(run!.resolved, 0);
  t.true(run!.failedItems > 0 && run!.unread > 0);
});
