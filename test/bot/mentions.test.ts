import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test, { type ExecutionContext } from 'ava';
import { createDeliverer } from '../../bot/deliverer.ts';
import { notifyAfterSweep } from '../../bot/notify-after-sweep.ts';
import { Outbox } from '../../bot/outbox.ts';
import { parseConfig } from '../../config/load.ts';
import type { RunResult } from '../../core/results.ts';
import { createNotifier } from '../../notifiers/registry.ts';
import { Store } from '../../store/store.ts';
import { startReceiver, type Receiver } from '../notifiers/receiver.ts';
import { account, item, run } from '../helpers/results.ts';

const adminMobile = '13800000001';
const ownerMobile = '13900000002';

function configFor(ding: Receiver, feishu: Receiver) {
  const yaml = `
bot:
  admins: [{ name: 张丽, dingtalk: { mobile: "${adminMobile}" }, feishu: { userId: ou_zhangli } }]
  adminChannel: 钉钉群
  maxReminders: 0
  reminderEveryHours: 1
schedule: { quietHours: false }
browser: { enabled: false }
channels:
  - { type: dingtalk, name: 钉钉群, accessToken: env:DING_TOKEN, baseUrl: "${ding.baseUrl}" }
  - { type: feishu, name: 飞书群, hookToken: env:FEISHU_TOKEN, baseUrl: "${feishu.baseUrl}" }
accounts:
  - { name: 扎兰屯12333, platform: wechat-subscription, owners: [{ name: 王明, channel: 钉钉群, dingtalk: { mobile: "${ownerMobile}" } }], menu: [{ type: view, name: 首页, url: "https://www.zlt.gov.cn/" }] }
  - { name: 扎兰统计, platform: wechat-subscription, owners: [{ name: 李华, channel: 飞书群, feishu: { userId: ou_lihua } }], menu: [{ type: view, name: 首页, url: "https://www.zlt.gov.cn/" }] }
  - { name: 扎兰城管, platform: wechat-subscription, menu: [{ type: view, name: 首页, url: "https://www.zlt.gov.cn/" }] }
`;
  return parseConfig(yaml, 'menu-patrol.yaml', { DING_TOKEN: 'ding-token', FEISHU_TOKEN: 'feishu-token' });
}

async function setUp(t: ExecutionContext) {
  const ok = { json: { errcode: 0, code: 0 } };
  const ding = await startReceiver(t, ok);
  const feishu = await startReceiver(t, ok);
  const config = configFor(ding, feishu);
  const dir = await mkdtemp(join(tmpdir(), 'menu-patrol-mentions-'));
  t.teardown(() => rm(dir, { recursive: true, force: true }));
  const store = await Store.open(join(dir, 'menu-patrol.json'));
  const notifiers = new Map(config.channels.map((c) => [c.name, createNotifier(c)]));
  const outbox = new Outbox(store, createDeliverer(undefined, notifiers), { gapMs: { min: 0, max: 1 } });
  outbox.start();
  t.teardown(() => outbox.stop());
  const sweep = async (result: RunResult) => {
    const changes = await store.recordRun(result);
    await notifyAfterSweep({ result, changes, warnings: [], notes: [] }, config, store, outbox);
    await outbox.idle();
  };
  return { ding, feishu, sweep };
}

const broken = (id: string, at: string): RunResult => {
  const r = run(id, at, [
    account('扎兰屯12333', [item('办事服务/社保查询', ['soft-404'])]),
    account('扎兰统计', [item('统计公报', ['http-error'])]),
    account('扎兰城管', [item('便民服务', ['dns-failure'])]),
  ]);
  return { ...r, run: { ...r.run, trigger: 'schedule' } };
};

const dingAt = (r: Receiver) =>
  r.requests.map((q) => ({ title: q.body.markdown.title as string, text: q.body.markdown.text as string, at: q.body.at as { atMobiles: string[] } | undefined }));

test('a digest through a group robot @-mentions its owner; an account without owners @-mentions the admins', async (t) => {
  const { ding, feishu, sweep } = await setUp(t);
  await sweep(broken('r1', '2026-11-26T00:30:00.000Z'));

  const digests = dingAt(ding).filter((m) => !m.title.includes('巡检结果'));
  t.deepEqual(digests.find((m) => m.text.includes('扎兰屯12333'))?.at?.atMobiles, [ownerMobile]);
  t.deepEqual(digests.find((m) => m.text.includes('扎兰城管'))?.at?.atMobiles, [adminMobile]);
  t.true(digests.every((m) => m.at !== undefined), JSON.stringify(digests));

  const [post] = feishu.requests;
  const rows = post?.body.content.post.zh_cn.content as { tag: string; user_id?: string }[][];
  t.deepEqual(rows.at(-1), [{ tag: 'at', user_id: 'ou_lihua' }]);
  t.regex(JSON.stringify(post?.body.content.post.zh_cn.content), /扎兰统计/);

  const summary = dingAt(ding).find((m) => m.title.includes('巡检结果'));
  t.truthy(summary, 'the scheduled summary went to the office channel');
  t.is(summary?.at, undefined, 'a routine summary pings nobody');
});

test('an escalation @-mentions the admins and the owners who left the problem unfixed, each once', async (t) => {
  const { ding, sweep } = await setUp(t);
  await sweep(broken('r1', '2026-11-26T00:30:00.000Z'));
  const before = ding.requests.length;
  await sweep(broken('r2', '2026-11-26T02:30:00.000Z'));

  const escalation = dingAt({ ...ding, requests: ding.requests.slice(before) }).find((m) => m.title.includes('巡检结果'));
  t.deepEqual(escalation?.at?.atMobiles, [adminMobile, ownerMobile], 'the feishu-only owner has no DingTalk id and is left out');
});
