import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import test from 'ava';
import { recordCache } from '../../store/api-cache.ts';
import type { CachedAnswer } from '../../store/schema.ts';
import { loadConfig, type Config } from '../../config/load.ts';
import type { AccountResult } from '../../core/results.ts';
import { runSweep } from '../../sweep/run-sweep.ts';
import { openSweepDeps } from '../../sweep/sweep-deps.ts';
import type { Trigger } from '../../core/results.ts';
import { demoFor, type Demo } from '../helpers/demo.ts';

const batchget = '/cgi-bin/freepublish/batchget';
const overdue = '扎兰屯环境保护';
const justice = '扎兰屯市司法局';

async function sweep(demo: Demo, config: Config, names: readonly string[], cache: Record<string, CachedAnswer>, trigger: Trigger = 'cli') {
  const deps = openSweepDeps(config, recordCache(cache, () => new Date()));
  try {
    const result = await runSweep(config.accounts.filter((a) => names.includes(a.name)), { ...deps, trigger });
    return { result, warnings: deps.warnings, byName: new Map<string, AccountResult>(result.accounts.map((a) => [a.name, a])) };
  } finally {
    deps.close();
  }
}

const codes = (a: AccountResult | undefined) => (a?.problems ?? []).map((p) => `${p.menu}:${p.code}`).sort();

test('a quota error skips only that account’s content check, with WeChat’s hint; its menu and the other accounts go on', async (t) => {
  const demo = await demoFor(t);
  const config = await loadConfig(demo.configPath, demo.env);
  const appId = config.accounts.find((a) => a.name === overdue)!.appId!;
  demo.sandbox.api.inject(appId, { errcode: 45009, path: batchget, times: 10 });
  const before = demo.sandbox.api.calls.length;

  const { byName } = await sweep(demo, config, [overdue, justice], {});
  const hit = byName.get(overdue)!;
  t.is(hit.error, null, 'the menu was read');
  // Skipped only where the reason is the item's own (a click whose reply needs the account's server settings), never the quota.
  const skipped = hit.items.filter((i) => i.status === 'skipped');
  t.true(hit.items.length > skipped.length);
  t.deepEqual(skipped.filter((i) => i.kind !== 'click' || /45009|次数/.test(i.note ?? '')).map((i) => i.path.join('/')), [], 'every other menu item was checked');
  // The data cube still sees the account's updates; only the articles went unchecked.
  t.deepEqual(codes(hit), ['内容更新:content-unchecked', '内容更新:overdue']);
  t.regex(hit.problems.find((p) => p.code === 'content-unchecked')!.message, /45009.*次数已用完/);
  t.deepEqual(codes(byName.get(justice)), ['已发布文章:sensitive-word']);

  const calls = demo.sandbox.api.calls.slice(before).filter((c) => c.path === batchget);
  t.is(calls.filter((c) => c.appid === appId).length, 1, 'one call answers the date and the articles; a quota error is not retried');
});

test('content answers are asked once a day; a recheck asks again', async (t) => {
  const demo = await demoFor(t);
  const config = await loadConfig(demo.configPath, demo.env);
  const cache: Record<string, CachedAnswer> = {};
  const count = () => demo.sandbox.api.calls.filter((c) => c.path === batchget).length;

  const first = await sweep(demo, config, [overdue], cache);
  t.deepEqual(codes(first.byName.get(overdue)), ['内容更新:overdue']);
  t.regex(first.byName.get(overdue)!.problems[0]!.message, /据微信(接口的发布记录|数据统计（含群发）)，最近一次更新是 \d{4}-\d\d-\d\d，已经 2[01] 天没有更新，规定 14 天内要更新/);
  const asked = count();
  t.is(asked, 1, 'one call a day per account');

  const again = await sweep(demo, config, [overdue], cache);
  t.deepEqual(codes(again.byName.get(overdue)), ['内容更新:overdue'], 'the same answer from the cache');
  t.is(count(), asked, 'no API call: the daily quota is kept for the day');
  t.false(JSON.stringify(cache).includes('<section'), 'article bodies are not kept');

  await sweep(demo, config, [overdue], cache, 'recheck');
  t.is(count(), asked + 1, 'after 已整改 the owner has just published: ask again');
});

test('an office dictionary with a stricter rule: its own words, a broken line named, the rest loaded', async (t) => {
  const demo = await demoFor(t);
  const dictionary = join(demo.dir, 'office-words.yaml');
  await writeFile(dictionary, ['words:', '  - 常态化工作推进会 → 常态化推进会, 时政用语, fail', '  - 这一行写错了', 'ignore: []'].join('\n'));
  await writeFile(demo.configPath, `${await readFile(demo.configPath, 'utf8')}\ncontent:\n  dictionary: office-words.yaml\n  overdueDays: 10\n`);
  const config = await loadConfig(demo.configPath, demo.env);
  const { byName, warnings } = await sweep(demo, config, [justice, '扎兰屯市医疗保障局'], {});
  t.deepEqual(warnings, [`${dictionary} 第 3 行：没有“→”，应写成“错误写法 → 正确写法, 类别, fail 或 warn”，这一行没有加载`]);
  const [found] = byName.get(justice)!.problems;
  t.regex(found!.message, /标题：“常态化工作推进会”应为“常态化推进会”/);
  t.notRegex(found!.message, /扫黑险恶/, 'only the office’s dictionary');
  // 12 days since the last update: due soon under the national 14 days, overdue under a local 10.
  t.deepEqual(codes(byName.get('扎兰屯市医疗保障局')).filter((c) => c.startsWith('内容更新')), ['内容更新:overdue']);
});
