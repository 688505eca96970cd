import test from 'ava';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startService } from '../../bot/serve.ts';
import { parseConfig } from '../../config/load.ts';
import { startFakeFeishu } from '../../sandbox/gateways/feishu-ws.ts';
import { Store } from '../../store/store.ts';
import { until } from '../helpers/until.ts';
import { startReceiver } from '../notifiers/receiver.ts';

test("a channel down past bot.rerouteAfterMinutes: its people's messages go through their fallback with a note, and the admins are told once", async (t) => {
  // The Feishu gateway is down for the whole test: it was there a moment ago and no longer listens.
  const gone = await startFakeFeishu();
  await gone.close();
  const robot = await startReceiver(t, { json: { errcode: 0, errmsg: 'ok' } });
  const config = parseConfig(
    `
timezone: Asia/Shanghai
schedule: { quietHours: false }
bot: { admins: [{ name: 张丽 }], adminChannel: 钉钉群, messageGapMs: { min: 0, max: 5 }, rerouteAfterMinutes: 30 }
channels:
  - { type: feishu-app, name: 飞书应用, appId: ${gone.appId}, appSecret: env:FEISHU_APP_SECRET, domain: "${gone.domain}" }
  - { type: dingtalk, name: 钉钉群, accessToken: env:DING_TOKEN, baseUrl: "${robot.baseUrl}" }
accounts:
  - { name: 扎兰屯博物馆, platform: weibo, owners: [{ name: 王明, channel: 飞书应用, fallbackChannels: [钉钉群], feishu: { openId: ou_wang } }] }
`,
    'menu-patrol.yaml',
    { FEISHU_APP_SECRET: gone.appSecret, DING_TOKEN: 'ding-token' },
  );
  let clock = Date.parse('2026-12-07T09:00:00+08:00');
  const store = await Store.open(join(await mkdtemp(join(tmpdir(), 'reroute-')), 'menu-patrol.json'));
  const service = await startService({ config, store, log: () => {}, schedules: false, now: () => new Date(clock) });
  t.teardown(() => service.stop());
  await until(() => service.channels.isDown('飞书应用'), 'the Feishu channel reported down');

  await service.outbox.enqueue([{ to: { kind: 'person', name: '王明', channel: '飞书应用' }, message: { title: '【菜单巡检】整改提醒', text: '预约参观打不开', markdown: '预约参观打不开' } }]);
  await service.outbox.idle();
  clock += 29 * 60_000;
  await service.channels.check();
  await service.outbox.idle();
  t.is(robot.requests.length, 0, 'a channel down for less than the limit only holds its messages');

  clock += 2 * 60_000;
  await service.channels.check();
  await until(() => robot.requests.length === 2, 'the admins told, and the owner reached through the fallback');
  const texts = robot.requests.map((r) => `${r.body.markdown.title}\n${r.body.markdown.text}`);
  t.true(texts.some((x) => x.includes('【菜单巡检】“飞书应用”已断开 31 分钟') && x.includes('改从各人登记的备用渠道')));
  t.true(texts.some((x) => x.includes('（“飞书应用”暂时连不上，这条消息改从“钉钉群”发出。）') && x.includes('预约参观打不开')));
  await service.outbox.idle();
  t.is(service.outbox.pending().length, 0);

  clock += 30 * 60_000;
  await service.channels.check();
  await service.outbox.idle();
  t.is(robot.requests.length, 2, 'the admins are told once');

  service.channels.connected('飞书应用', true);
  await until(() => robot.requests.length === 3, 'the admins told it is back');
  t.regex(robot.requests[2]!.body.markdown.title, /“飞书应用”已恢复/);
});

test('a fallback channel that is not configured is a config error at its place', (t) => {
  const error = t.throws(() =>
    parseConfig(
      `
channels: [{ type: feishu-app, name: 飞书应用, appId: cli_x, appSecret: env:S }]
accounts: [{ name: 扎兰屯博物馆, platform: weibo, owners: [{ name: 王明, channel: 飞书应用, fallbackChannels: [钉钉群] }] }]
`,
      'menu-patrol.yaml',
      { S: 'x' },
    ),
  );
  t.regex(error!.message, /accounts\[0\]\.owners\[0\]\.fallbackChannels\[0\]：没有名为“钉钉群”的通知渠道/);
});
