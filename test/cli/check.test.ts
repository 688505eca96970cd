import { access, readFile } from 'node:fs/promises';
import test from 'ava';
import { demoFor, repairPage } from '../helpers/demo.ts';

interface JsonProblem {
  code: string;
  severity: string;
  message: string;
  evidence: Record<string, unknown>;
}
interface JsonOutput {
  run: { id: string; startedAt: string; finishedAt: string; trigger: string };
  summary: Record<'accounts' | 'items' | 'ok' | 'warn' | 'fail' | 'skipped', number>;
  accounts: {
    name: string;
    status: string;
    error: { message: string; hint: string; errcode?: number } | null;
    problems: (JsonProblem & { menu: string; path: string[] })[];
    items: { path: string[]; menu: string; type: string; target: string | null; status: string; critical: boolean; problems: JsonProblem[] }[];
  }[];
}

const key = (account: string, menu: string, path: readonly string[], code: string) => `${account} | ${menu} | ${path.join(' > ')} | ${code}`;

test('check --json on the sandbox finds exactly the seeded problems, and nothing on the trap pages', async (t) => {
  const demo = await demoFor(t);
  const { code, stdout, stderr } = await demo.run('check', '--json', '--config', demo.configPath, '--db', demo.db);
  t.is(code, 1);
  t.is(stderr, '');
  const out = JSON.parse(stdout) as JsonOutput;

  const found = out.accounts.flatMap((a) => [
    ...a.problems.map((p) => key(a.name, p.menu, p.path, p.code)),
    ...a.items.flatMap((i) => i.problems.map((p) => key(a.name, i.menu, i.path, p.code))),
  ]);
  // Without the browser (test/browser/sandbox-script-pages.test.ts has it), script-built pages are judged by their delivered HTML.
  const expected = demo.sandbox.expected.filter((e) => e.seenIn !== 'rendered').map((e) => key(e.account, e.menu, e.path, e.code));
  t.deepEqual([...new Set(found)].sort(), [...new Set(expected)].sort());

  const items = new Map(out.accounts.flatMap((a) => a.items.map((i) => [key(a.name, i.menu, i.path, ''), i])));
  for (const trap of demo.sandbox.traps) {
    t.is(items.get(key(trap.account, trap.menu, trap.path, ''))?.status, 'ok', `${trap.account} ${trap.path.join('>')}: ${trap.why}`);
  }

  // A 第三方平台 hosts one account's server: reached at its $APPID$ URL with the 原始ID, answering with the platform's AppID.
  const hosted = demo.sandbox.functions.servers.find((p) => p.platformAppId)!;
  const hostedItems = out.accounts.find((a) => a.name === hosted.account)!.items.filter((i) => i.type === 'click');
  t.true(hostedItems.length > 0 && hostedItems.every((i) => i.status === 'ok'));
  const appId = demo.sandbox.accounts.find((a) => a.name === hosted.account)!.appId!;
  const pushes = demo.sandbox.servers.get(hosted.account)!.pushes;
  t.true(pushes.length > 0 && pushes.every((p) => p.path === `/wx/${appId}` && p.event.includes(`<ToUserName><![CDATA[${hosted.originalId}]]>`)));

  // The content seeded like the 2022 Q2 notice: 1 account overdue, 4 accounts with 错敏字 in 5 articles.
  const content = (code: string) => demo.sandbox.expected.filter((e) => e.code === code);
  t.deepEqual(content('overdue').map((e) => [e.account, e.menu, e.path.length]), [['扎兰屯环境保护', '内容更新', 0]]);
  t.deepEqual(content('due-soon').map((e) => e.account), ['扎兰屯市医疗保障局']);
  t.is(content('sensitive-word').length, 5);
  t.is(new Set(content('sensitive-word').map((e) => e.account)).size, 4);
  t.is(content('personal-data').length, 1);
  t.is(content('wording-review').length, 1);
  const overdue = out.accounts.find((a) => a.name === '扎兰屯环境保护')?.problems.find((p) => p.code === 'overdue');
  t.regex(overdue?.message ?? '', /最近一次更新是 \d{4}-\d\d-\d\d，已经 2[01] 天没有更新/);
  t.false(stdout.includes('13947012345'), 'personal numbers are masked in the output');
  const weibo = (out as JsonOutput & { notChecked: { name: string; reason: string }[] }).notChecked;
  t.true(weibo.length > 0 && weibo.every((n) => /无法自动检查.*已更新/.test(n.reason)), 'Weibo: said plainly that it cannot be checked automatically');

  const blocked = out.accounts.find((a) => a.name === '扎兰屯市自然资源局');
  t.is(blocked?.status, 'error');
  t.is(blocked?.error?.errcode, 40164);
  t.regex(blocked?.error?.hint ?? '', /IP白名单/);
  t.false(demo.sandbox.api.calls.some((c) => c.path === '/cgi-bin/token'), 'never the classic token endpoint');
});

test('check --json keeps its documented shape', async (t) => {
  const demo = await demoFor(t);
  const out = JSON.parse((await demo.run('check', '--json', '-c', demo.configPath, '--db', demo.db, '--account', '12333', '统计')).stdout) as JsonOutput;
  t.deepEqual(Object.keys(out.run).sort(), ['finishedAt', 'id', 'startedAt', 'trigger']);
  t.is(out.run.trigger, 'cli');
  t.true(Date.parse(out.run.finishedAt) >= Date.parse(out.run.startedAt));
  t.deepEqual(out.accounts.map((a) => a.name), ['扎兰屯12333', '扎兰统计']);
  for (const k of ['accounts', 'items', 'ok', 'warn', 'fail', 'skipped'] as const) t.is(typeof out.summary[k], 'number');
  t.is(out.summary.items, out.summary.ok + out.summary.warn + out.summary.fail + out.summary.skipped);
  for (const a of out.accounts) {
    t.true(['ok', 'warn', 'fail', 'error'].includes(a.status));
    for (const i of a.items) {
      t.true(Array.isArray(i.path) && i.path.length > 0);
      t.true(['ok', 'warn', 'fail', 'skipped'].includes(i.status));
      for (const p of i.problems) t.deepEqual(Object.keys(p).sort(), ['code', 'evidence', 'message', 'severity']);
    }
  }
});

test('a repaired link is resolved on the next check, with its history kept', async (t) => {
  const demo = await demoFor(t);
  const broken = demo.sandbox.expected.find((e) => e.code === 'http-error' && e.url)!;
  const args = ['check', '--json', '-c', demo.configPath, '--db', demo.db, '--account', broken.account];
  const first = JSON.parse((await demo.run(...args)).stdout) as JsonOutput & { changes: { opened: number; resolved: number } };
  t.true(first.changes.opened >= 1);

  await repairPage(demo, broken.url!);
  const second = JSON.parse((await demo.run(...args)).stdout) as JsonOutput & { changes: { opened: number; resolved: number } };
  t.true(second.changes.resolved >= 1);

  const store = JSON.parse(await readFile(demo.db, 'utf8')) as { runs: unknown[]; findings: { code: string; path: string[]; resolvedAt: string | null; resolution: string | null }[] };
  t.is(store.runs.length, 2);
  const finding = store.findings.find((f) => f.code === 'http-error' && f.path.join('>') === broken.path.join('>'));
  t.truthy(finding?.resolvedAt);
  t.is(finding?.resolution, 'fixed');
});

test('a config error exits 2 with the message and writes nothing', async (t) => {
  const demo = await demoFor(t);
  const [missing] = Object.keys(demo.env);
  const env = Object.fromEntries(Object.entries(demo.env).filter(([name]) => name !== missing));
  const { code, stdout, stderr } = await demo.runWithEnv(env, 'check', '-c', demo.configPath, '--db', demo.db);
  t.is(code, 2);
  t.is(stdout, '');
  t.regex(stderr, /环境变量 \S+ 没有设置/);
  await t.throwsAsync(access(demo.db));
});

test('an unknown account name or option exits 2 with a plain answer', async (t) => {
  const demo = await demoFor(t);
  const unknown = await demo.run('check', '-c', demo.configPath, '--db', demo.db, '--account', '不存在的账号');
  t.is(unknown.code, 2);
  t.regex(unknown.stderr, /没有找到名为“不存在的账号”的账号/);
  const ambiguous = await demo.run('check', '-c', demo.configPath, '--db', demo.db, '--account', '扎兰屯市');
  t.is(ambiguous.code, 2);
  t.regex(ambiguous.stderr, /对应多个账号/);
  const bad = await demo.run('check', '--no-such-flag');
  t.is(bad.code, 2);
  t.regex(bad.stderr, /命令用法不对/);
  await t.throwsAsync(access(demo.db));
});
