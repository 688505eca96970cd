import test, { type ExecutionContext } from 'ava';
import { PuppetMock, mock } from 'wechaty-puppet-mock';
import { startService } from '../../bot/serve.ts';
import { parseConfig, type Config } from '../../config/load.ts';
import { Secret } from '../../config/secret.ts';
import { connectDingtalkStream } from '../../notifiers/dingtalk-stream.ts';
import { startFakeDingtalk, type FakeDingtalk } from '../../sandbox/gateways/dingtalk-stream.ts';
import { Store } from '../../store/store.ts';
import { admin, botConfig } from '../helpers/bot-config.ts';
import { demoFor, type Demo, repairPage } from '../helpers/demo.ts';
import { dropTwentyTimes, echoHost } from '../helpers/chat-gateway.ts';
import { ackBoundMs, until } from '../helpers/until.ts';
import { startReceiver } from './receiver.ts';

const zhangli = { staffId: 'staff-zhangli', nick: '张丽' };
const appName = '钉钉应用';

async function fakeDingtalk(t: ExecutionContext, options: { clientId?: string; clientSecret?: string } = {}): Promise<FakeDingtalk> {
  const fake = await startFakeDingtalk(options);
  t.teardown(() => fake.close());
  return fake;
}

const appChannel = (fake: FakeDingtalk, secret = fake.clientSecret) =>
  ({ type: 'dingtalk-app', name: appName, clientId: fake.clientId, clientSecret: new Secret(secret, 'env:DING_APP_SECRET'), robotCode: fake.clientId, baseUrl: fake.baseUrl }) as const;

/** The demo's office on DingTalk: the admin and the broken account's owner are known by their staff ids there. */
async function dingtalkOffice(t: ExecutionContext, demo: Demo, fake: FakeDingtalk, extra: Partial<Config> = {}) {
  const base = await botConfig(demo);
  const broken = demo.sandbox.expected.find((e) => e.code === 'http-error' && e.url && e.menu === '默认菜单')!;
  const owner = { ...base.accounts.find((a) => a.name === broken.account)!.owners[0]!, channel: appName, dingtalk: { userId: 'staff-owner' } };
  const config: Config = {
    ...base,
    bot: { ...base.bot, admins: [{ ...admin, dingtalk: { userId: zhangli.staffId } }], workGroup: undefined },
    accounts: base.accounts.map((a) => (a.name === broken.account ? { ...a, owners: [owner] } : a)),
    channels: [appChannel(fake)],
    ...extra,
  };
  const store = await Store.open(demo.db);
  return { config, store, broken, owner: { staffId: owner.dingtalk.userId, nick: owner.name } };
}

test('a command over DingTalk Stream is acknowledged at once and answered on DingTalk', async (t) => {
  const demo = await demoFor(t);
  const fake = await fakeDingtalk(t);
  const { config, store, broken } = await dingtalkOffice(t, demo, fake);
  const service = await startService({ config, store, log: () => {}, schedules: false });
  t.teardown(() => service.stop());
  await until(() => fake.connected(), 'the robot connected');

  const sentAt = Date.now();
  const id = fake.say(zhangli, `检查 ${broken.account}`, '政务新媒体工作群');
  await until(() => fake.acks.has(id), 'the ack', ackBoundMs);
  const ackMs = fake.acks.get(id)! - sentAt;
  t.log(`acknowledged after ${ackMs} ms`);
  t.true(ackMs < ackBoundMs);
  await until(() => fake.said.some((l) => l.text.includes('巡检完成')), 'the check result');
  const lines = fake.said.filter((l) => l.via === 'session');
  t.regex(lines[0]!.text, /^收到/);
  t.true(lines.every((l) => l.to === '政务新媒体工作群'));
  t.regex(lines.at(-1)!.text, new RegExp(broken.path.join(' > ')));
});

test("an owner's 已整改 on DingTalk rechecks the account and resolves the finding in the store", async (t) => {
  const demo = await demoFor(t);
  const fake = await fakeDingtalk(t);
  const { config, store, broken, owner } = await dingtalkOffice(t, demo, fake);
  const service = await startService({ config, store, log: () => {}, schedules: false });
  t.teardown(() => service.stop());
  await service.sweeps.sweep([broken.account], 'cli');
  t.truthy(store.openFindings(broken.account).find((f) => f.code === 'http-error'));
  await until(() => fake.connected(), 'the robot connected');

  await repairPage(demo, broken.url!);
  fake.say(owner, `已整改 ${broken.account}`);
  await until(() => fake.said.some((l) => l.to === owner.staffId && l.text.includes('复查完成')), 'the recheck answer');
  t.regex(fake.said.find((l) => l.text.includes('复查完成'))!.text, /已修复 1 个/);
  const finding = store.findings.find((f) => f.account === broken.account && f.code === 'http-error');
  t.truthy(finding?.resolvedAt);
  t.is(finding?.resolution, 'fixed');
});

test('with personal WeChat never logged in, the DingTalk app and the webhook robot still deliver', async (t) => {
  const demo = await demoFor(t);
  const fake = await fakeDingtalk(t);
  const robot = await startReceiver(t, { json: { errcode: 0, errmsg: 'ok' } });
  const base = await dingtalkOffice(t, demo, fake);
  const webhook = { type: 'dingtalk', name: '钉钉群', accessToken: new Secret('ding-token', 'env:DING_TOKEN'), baseUrl: robot.baseUrl } as const;
  const config: Config = { ...base.config, bot: { ...base.config.bot, adminChannel: '钉钉群' }, channels: [appChannel(fake), webhook] };
  // The puppet never logs in: the bot's WeChat lane stays paused the whole test.
  const puppet = new PuppetMock({ mocker: new mock.Mocker() });
  const service = await startService({ config, store: base.store, log: () => {}, schedules: false, wechat: { puppet } });
  t.teardown(() => service.stop());

  await service.sweeps.sweep([base.broken.account], 'schedule');
  await until(() => fake.said.some((l) => l.via === 'oToMessages' && l.to === base.owner.staffId), "the owner's digest on DingTalk");
  await until(() => robot.requests.length > 0, "the office's summary through the webhook robot");
  t.regex(fake.said.find((l) => l.via === 'oToMessages')!.text, /菜单巡检提醒/);
  t.regex(robot.requests[0]!.body.markdown.title, /巡检/);
  t.is(service.wechaty?.isLoggedIn, false);
});

test('a gateway dropped 20 times in a minute: the robot reconnects each time and never answers a message twice', async (t) => {
  const fake = await fakeDingtalk(t);
  const { host, handled, log } = echoHost();
  const connection = connectDingtalkStream(appChannel(fake), host, { backoffMs: { first: 20, max: 200 } });
  t.teardown(() => connection.stop());
  const started = Date.now();
  await dropTwentyTimes({
    connections: fake.connections,
    connected: fake.connected,
    say: (i) => fake.say(zhangli, `状态 ${i}`),
    redeliver: (id) => fake.redeliver(id),
    handled: (i) => handled.length === i && fake.acks.size === i,
    // Mostly a silent drop; every fifth time the documented goodbye (SYSTEM disconnect, then close).
    drop: (i) => (i % 5 === 0 ? fake.disconnect() : fake.drop()),
  });
  await until(() => fake.said.length === 20, 'every answer');
  await fake.ping();
  t.true(Date.now() - started < 60_000);
  t.deepEqual(handled, Array.from({ length: 20 }, (_, i) => `状态 ${i + 1}`));
  t.is(new Set(fake.said.map((l) => l.text)).size, 20, 'one answer per message');
  t.true(log.some((l) => l.includes('连接断开了')));
});

test('a dingtalk-app channel reads from the config: its secret from the environment, the robot code and API host defaulted', (t) => {
  const config = parseConfig(
    `
bot: { admins: [{ name: 张丽, channel: 钉钉应用, dingtalk: { userId: manager4821 } }] }
channels: [{ type: dingtalk-app, name: 钉钉应用, clientId: dingabc, clientSecret: env:DING_APP_SECRET }]
accounts: [{ name: 扎兰屯博物馆, platform: weibo }]
`,
    'menu-patrol.yaml',
    { DING_APP_SECRET: 'app-secret' },
  );
  const [channel] = config.channels;
  t.like(channel, { type: 'dingtalk-app', name: '钉钉应用', clientId: 'dingabc', robotCode: 'dingabc', baseUrl: 'https://api.dingtalk.com' });
  t.is(channel?.type === 'dingtalk-app' ? channel.clientSecret.reveal() : undefined, 'app-secret');
  t.false(JSON.stringify(config).includes('app-secret'));
  t.deepEqual(config.bot.admins[0]?.dingtalk, { userId: 'manager4821' });
});

test('a wrong client secret is one clear log line, not a tight retry loop', async (t) => {
  const fake = await fakeDingtalk(t);
  const log: string[] = [];
  const connection = connectDingtalkStream(appChannel(fake, 'wrong-secret'), { log: (l) => log.push(l), handle: async () => {} });
  t.teardown(() => connection.stop());
  await until(() => log.length > 0, 'the log line');
  // Long enough for a tight loop to have asked hundreds of times.
  await new Promise((resolve) => setTimeout(resolve, 500));
  t.is(fake.opens.total, 1);
  t.is(fake.opens.refused, 1);
  t.deepEqual(log, ['钉钉应用“钉钉应用”的身份验证没有通过：请在钉钉开发者后台“凭证与基础信息”里核对 Client ID 和 Client Secret（HTTP 401，InvalidAuthentication）。10 分钟后再试。']);
  t.false(log[0]!.includes('wrong-secret'));
});
