import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'ava';
import { notifyAfterSweep } from '../../bot/notify-after-sweep.ts';
import { Outbox } from '../../bot/outbox.ts';
import { parseConfig } from '../../config/load.ts';
import type { RunResult } from '../../core/results.ts';
import { Store } from '../../store/store.ts';
import { account, item, run } from '../helpers/results.ts';

const config = parseConfig(
  `
bot:
  admins: [{ name: 张丽, remark: 张丽-政务公开办 }]
  reminderEveryHours: 24
  maxReminders: 2
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

/** The same broken item, swept from the chat at 08:30 in 扎兰屯 on day `day` of the test. */
const sweepOnDay = (day: number): RunResult => run(`r${day}`, `2026-11-${20 + day}T00:30:00.000Z`, [account('扎兰屯12333', [item('社保查询', ['http-error'])])]);

test('an owner is reminded up to bot.maxReminders times, then the admins are told once, and nobody again after that', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'menu-patrol-escalation-'));
  t.teardown(() => rm(dir, { recursive: true, force: true }));
  const store = await Store.open(join(dir, 'menu-patrol.json'));
  // Never started: what the bot would send stays in the store's queue, to be read here.
  const outbox = new Outbox(store, { deliver: async () => ({ ok: true, parts: 1 }) }, { gapMs: { min: 0, max: 1 } });

  const said: string[][] = [];
  for (const day of [0, 1, 2, 3, 4]) {
    const result = sweepOnDay(day);
    const before = store.outbox.length;
    await notifyAfterSweep({ result, changes: await store.recordRun(result), warnings: [], notes: [] }, config, store, outbox);
    said.push(store.outbox.slice(before).map((m) => `${m.to.kind === 'person' ? m.to.name : m.to.kind}：${m.message.title}`));
  }

  t.deepEqual(said, [
    ['王明：【菜单巡检提醒】您负责的公众号有 1 个菜单问题需要自查整改'],
    ['王明：【菜单巡检提醒】您负责的公众号有 1 个菜单问题需要自查整改'],
    ['王明：【菜单巡检提醒】您负责的公众号有 1 个菜单问题需要自查整改'],
    ['张丽：【菜单巡检】2026-11-23 08:30 巡检结果：1 个菜单项有问题'],
    [],
  ]);
  const owner = store.outbox.filter((m) => m.to.kind === 'person' && m.to.name === '王明').map((m) => m.message.text);
  t.regex(owner[0]!, /（新发现）/);
  t.regex(owner[2]!, /（仍未修复）/);
  const escalation = store.outbox.at(-1)!.message.text;
  t.regex(escalation, /以下问题已多次提醒负责人仍未修复，请督促整改：\n扎兰屯12333：\n1\. 社保查询\n/);
  t.regex(escalation, /发现时间：2026-11-20 08:30（已持续 3 天）/);
});
