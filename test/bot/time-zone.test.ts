import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test, { type ExecutionContext } from 'ava';
import { adminSummary } from '../../bot/messages/admin-summary.ts';
import { notifyAfterSweep } from '../../bot/notify-after-sweep.ts';
import { Outbox } from '../../bot/outbox.ts';
import { parseConfig } from '../../config/load.ts';
import { ownerDigest } from '../../bot/messages/owner-digest.ts';
import { statusReply } from '../../bot/messages/status-reply.ts';
import { Store } from '../../store/store.ts';
import { account, item, run } from '../helpers/results.ts';

// 00:30 UTC is 08:30 in 扎兰屯 but still the evening before in New York: a Shanghai time in these messages would show.
const timeZone = 'America/New_York';
const first = run('r1', '2026-11-23T00:30:00.000Z', [account('扎兰屯12333', [item('办事服务/社保查询', ['soft-404'])])]);
const second = run('r2', '2026-11-26T00:30:00.000Z', [account('扎兰屯12333', [item('办事服务/社保查询', ['soft-404']), item('办事服务/医保缴费', ['http-error'])])]);

async function sweptTwice(t: ExecutionContext) {
  const dir = await mkdtemp(join(tmpdir(), 'menu-patrol-tz-'));
  t.teardown(() => rm(dir, { recursive: true, force: true }));
  const store = await Store.open(join(dir, 'menu-patrol.json'));
  await store.recordRun(first);
  const changes = await store.recordRun(second);
  return { store, changes };
}

test('an owner digest shows when each problem was found in the configured zone', async (t) => {
  const { store, changes } = await sweptTwice(t);
  const reminded = store.openFindings().filter((f) => !changes.opened.some((o) => o.id === f.id));
  const digest = ownerDigest('王明', [{ account: '扎兰屯12333', opened: changes.opened, reminded, recovered: [] }], second.run.finishedAt, timeZone);
  t.regex(digest.text, /发现时间：2026-11-25 19:30\n/);
  t.regex(digest.text, /发现时间：2026-11-22 19:30（已持续 3 天）/);
  t.snapshot(digest.text);
});

test('a status reply shows the last sweep in the configured zone', async (t) => {
  const { store } = await sweptTwice(t);
  const reply = statusReply(['扎兰屯12333'], store, '2026-11-26T03:00:00.000Z', timeZone);
  t.regex(reply, /最近巡检：2026-11-25 19:30/);
  t.snapshot(reply);
});

test("the office's summary titles the sweep with its start in the configured zone", async (t) => {
  const { store, changes } = await sweptTwice(t);
  const summary = adminSummary(second, changes, store.openFindings(), new Map([['扎兰屯12333', 2]]), timeZone);
  t.regex(summary.title, /2026-11-25 19:30 巡检结果/);
  t.snapshot(summary.text);
});

test('the bot takes the zone from config.timezone for what it sends after a sweep', async (t) => {
  const config = parseConfig(
    `
timezone: Europe/Berlin
browser: { enabled: false }
accounts:
  - name: 扎兰屯12333
    platform: wechat-subscription
    owners: [{ name: 王明, remark: 王明-人社局 }]
    menu: [{ type: view, name: 社保查询, url: "https://www.zlt.gov.cn/cx" }]
`,
    'menu-patrol.yaml',
    {},
    new Date('2026-11-20T00:00:00Z'),
  );
  const dir = await mkdtemp(join(tmpdir(), 'menu-patrol-tz-'));
  t.teardown(() => rm(dir, { recursive: true, force: true }));
  const store = await Store.open(join(dir, 'menu-patrol.json'));
  const outbox = new Outbox(store, { deliver: async () => ({ ok: true, parts: 1 }) }, { gapMs: { min: 0, max: 1 } });
  await notifyAfterSweep({ result: first, changes: await store.recordRun(first), warnings: [], notes: [] }, config, store, outbox);
  // 00:30 UTC on 23 November is 01:30 in Berlin (UTC+1 in winter).
  t.regex(store.outbox[0]!.message.text, /发现时间：2026-11-23 01:30\n/);
});
