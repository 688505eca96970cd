import test, { type ExecutionContext } from 'ava';
import { startService } from '../../bot/serve.ts';
import { parseConfig, type Config } from '../../config/load.ts';
import { Secret } from '../../config/secret.ts';
import { createWecomBotNotifier, listenWecomBot } from '../../notifiers/wecom-bot.ts';
import { startFakeWecomBot, type FakeWecomBot } from '../../sandbox/gateways/wecom-bot.ts';
import { Store } from '../../store/store.ts';
import { admin, botConfig } from '../helpers/bot-config.ts';
import { demoFor, type Demo, repairPage } from '../helpers/demo.ts';
import { dropTwentyTimes, echoHost } from '../helpers/chat-gateway.ts';
import { ackBoundMs, until } from '../helpers/until.ts';

const zhangli = { userid: 'ZhangLi' };
const botName = '企业微信机器人';
const groupChatId = 'wrkSFfCgAAxxxx-work-group';

async function fakeBot(t: ExecutionContext, options: { botId?: string; secret?: string } = {}): Promise<FakeWecomBot> {
  const fake = await startFakeWecomBot(options);
  t.teardown(() => fake.close());
  return fake;
}

const botChannel = (fake: FakeWecomBot, secret = fake.secret) =>
  ({ type: 'wecom-bot', name: botName, botId: fake.botId, secret: new Secret(secret, 'env:WECOM_BOT_SECRET'), chatId: groupChatId, wsUrl: fake.wsUrl }) as const;

/** The demo's office on WeCom: the admin and the broken account's owner are known by their userids there. */
async function wecomOffice(demo: Demo, fake: FakeWecomBot) {
  const base = await botConfig(demo);
  const broken = demo.sandbox.expected.find((e) => e.code === 'http-error' && e.url && e.menu === '默认菜单')!;
  const owner = { ...base.accounts.find((a) => a.name === broken.account)!.owners[0]!, channel: botName, wecom: { userId: 'WangMing' } };
  const config: Config = {
    ...base,
    bot: { ...base.bot, admins: [{ ...admin, wecom: { userId: zhangli.userid } }], workGroup: undefined },
    accounts: base.accounts.map((a) => (a.name === broken.account ? { ...a, owners: [owner] } : a)),
    channels: [botChannel(fake)],
  };
  const store = await Store.open(demo.db);
  return { config, store, broken, owner: { userid: owner.wecom.userId } };
}

test('a command to the WeCom robot in a group is answered on the message at once, and the result follows in the group', async (t) => {
  const demo = await demoFor(t);
  const fake = await fakeBot(t);
  const { config, store, broken } = await wecomOffice(demo, fake);
  const service = await startService({ config, store, log: () => {}, schedules: false });
  t.teardown(() => service.stop());
  await until(() => fake.connected(), 'the robot connected');

  const sentAt = Date.now();
  fake.say(zhangli, `检查 ${broken.account}`, groupChatId);
  await until(() => fake.said.length > 0, 'the first answer', ackBoundMs);
  const ackMs = fake.said[0]!.at - sentAt;
  t.log(`acknowledged after ${ackMs} ms`);
  t.true(ackMs < ackBoundMs);
  t.like(fake.said[0], { via: 'respond', to: groupChatId });
  t.regex(fake.said[0]!.text, /^收到/);
  await until(() => fake.said.some((l) => l.text.includes('巡检完成')), 'the check result');
  const result = fake.said.find((l) => l.text.includes('巡检完成'))!;
  t.like(result, { via: 'send', to: groupChatId });
  t.regex(result.text, new RegExp(broken.path.join(' > ')));
});

test("an owner's 已整改 to the WeCom robot rechecks the account and resolves the finding in the store", async (t) => {
  const demo = await demoFor(t);
  const fake = await fakeBot(t);
  const { config, store, broken, owner } = await wecomOffice(demo, fake);
  const service = await startService({ config, store, log: () => {}, schedules: false });
  t.teardown(() => service.stop());
  await service.sweeps.sweep([broken.account], 'cli');
  t.truthy(store.openFindings(broken.account).find((f) => f.code === 'http-error'));
  // The owner's digest goes to them one-to-one, on the robot's own.
  await until(() => fake.said.some((l) => l.via === 'send' && l.to === owner.userid && l.text.includes('菜单巡检提醒')), "the owner's digest");

  await repairPage(demo, broken.url!);
  fake.say(owner, `已整改 ${broken.account}`);
  await until(() => fake.said.some((l) => l.to === owner.userid && l.text.includes('复查完成')), 'the recheck answer');
  t.regex(fake.said.find((l) => l.text.includes('复查完成'))!.text, /已修复 1 个/);
  const finding = store.findings.find((f) => f.account === broken.account && f.code === 'http-error');
  t.truthy(finding?.resolvedAt);
  t.is(finding?.resolution, 'fixed');
});

test('a connection dropped 20 times: the robot reconnects each time and never answers a message twice', async (t) => {
  const fake = await fakeBot(t);
  const { host, handled, log, states } = echoHost();
  const connection = listenWecomBot(botChannel(fake), host, { backoffMs: { first: 20, max: 200 } });
  t.teardown(() => connection.stop());
  const started = Date.now();
  await dropTwentyTimes({
    connections: fake.connections,
    connected: fake.connected,
    say: (i) => fake.say(zhangli, `状态 ${i}`),
    redeliver: (id) => fake.redeliver(id),
    handled: (i) => handled.length === i && fake.said.length === i,
    // Mostly a silent drop; every fifth time the platform pushes the connection off (another login of the same bot).
    drop: (i) => (i % 5 === 0 ? fake.kick() : fake.drop()),
  });
  t.true(Date.now() - started < 60_000);
  t.deepEqual(handled, Array.from({ length: 20 }, (_, i) => `状态 ${i + 1}`));
  t.is(new Set(fake.said.map((l) => l.text)).size, 20, 'one answer per message');
  t.true(fake.said.every((l) => l.via === 'respond'));
  t.true(log.some((l) => l.includes('连接断开了')));
  t.true(log.some((l) => l.includes('同一个机器人只能连一处')));
  // The outbox hears each loss and each return, so the channel's messages wait while it is away.
  await until(() => states.length === 41, 'the last reconnection reported');
  t.deepEqual(states, Array.from({ length: 41 }, (_, i) => i % 2 === 0));
});

test('the robot pings on its heartbeat and answers a one-to-one message to the sender', async (t) => {
  const fake = await fakeBot(t);
  const { host } = echoHost();
  const connection = listenWecomBot(botChannel(fake), host, { heartbeatMs: 30 });
  t.teardown(() => connection.stop());
  await until(() => fake.pings() >= 3, 'three heartbeats');
  fake.say(zhangli, '帮助');
  await until(() => fake.said.length === 1, 'the answer');
  t.like(fake.said[0], { via: 'respond', to: zhangli.userid, text: '收到：帮助' });
});

test('a connection that goes silent is given up after two unanswered pings and made again', async (t) => {
  const fake = await fakeBot(t);
  const { host, log } = echoHost();
  const connection = listenWecomBot(botChannel(fake), host, { heartbeatMs: 30, backoffMs: { first: 20, max: 20 } });
  t.teardown(() => connection.stop());
  await until(() => fake.connections() === 1 && fake.pings() >= 1, 'subscribed and pinging');
  fake.mute();
  await until(() => fake.connections() === 2, 'a new connection');
  t.true(log.some((l) => l.includes('连接断开了')));
});

test("without a chatId configured, a group's first message logs its chatid once, for the config", async (t) => {
  const fake = await fakeBot(t);
  const { host, handled, log } = echoHost();
  const connection = listenWecomBot({ ...botChannel(fake), chatId: undefined }, host);
  t.teardown(() => connection.stop());
  await until(() => fake.connections() === 1, 'subscribed');
  fake.say(zhangli, '帮助', 'wrkGroupChat01');
  fake.say(zhangli, '状态', 'wrkGroupChat01');
  await until(() => handled.length === 2, 'both handled');
  t.deepEqual(handled, ['帮助', '状态'], 'the @ of the robot is not part of the command');
  t.deepEqual(log, ['企业微信智能机器人“企业微信机器人”收到了群里的消息，这个群的 chatid 是 wrkGroupChat01（要让提醒发到这个群，把它写在 chatId 里）']);
});

test('sending on its own: to a person by userid, to the group without one, refused while not connected', async (t) => {
  const fake = await fakeBot(t);
  const notifier = createWecomBotNotifier(botChannel(fake));
  const message = { title: '菜单巡检提醒', text: '扎兰屯12333：1 个菜单打不开', markdown: '扎兰屯12333：1 个菜单打不开' };
  t.like(await notifier.send(message), { ok: false, retryable: true });
  const connection = listenWecomBot(botChannel(fake), echoHost().host);
  t.teardown(() => connection.stop());
  await until(() => fake.connected(), 'connected');
  // Connected is not yet subscribed: the first sends may still find it connecting.
  await until(() => fake.connections() === 1, 'subscribed');
  const deadline = Date.now() + 5000;
  let sent = await notifier.send(message, { userId: 'WangMing' });
  while (!sent.ok && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 10));
    sent = await notifier.send(message, { userId: 'WangMing' });
  }
  t.like(sent, { ok: true, parts: 1 });
  t.like(await notifier.send(message), { ok: true });
  t.like(await notifier.send(message, { mobile: '13800000000' }), { ok: false, retryable: false });
  t.deepEqual(
    fake.said.map((l) => [l.via, l.to, l.text]),
    [
      ['send', 'WangMing', '### 菜单巡检提醒\n扎兰屯12333：1 个菜单打不开'],
      ['send', groupChatId, '### 菜单巡检提醒\n扎兰屯12333：1 个菜单打不开'],
    ],
  );
});

test('a wrong robot secret is one clear log line, not a tight retry loop, and sends say why', async (t) => {
  const fake = await fakeBot(t);
  const { host, log } = echoHost();
  const connection = listenWecomBot(botChannel(fake, 'wrong-bot-secret'), host);
  t.teardown(() => connection.stop());
  await until(() => log.length > 0, 'the log line');
  // Long enough for a tight loop to have asked hundreds of times.
  await new Promise((resolve) => setTimeout(resolve, 500));
  t.deepEqual(fake.subscribes, { total: 1, refused: 1 });
  t.deepEqual(log, ['企业微信智能机器人“企业微信机器人”的身份验证没有通过：请在企业微信“工作台 → 智能机器人”里打开这个机器人的“API 模式（长连接）”设置，核对 Bot ID 和 Secret（错误码 40001）。10 分钟后再试。']);
  const sent = await createWecomBotNotifier(botChannel(fake, 'wrong-bot-secret')).send({ title: 't', text: 't', markdown: 't' }, { userId: 'WangMing' });
  t.like(sent, { ok: false, retryable: false });
  t.false(JSON.stringify([log, sent]).includes('wrong-bot-secret'));
});

test('a wecom-bot channel reads from the config: its secret from the environment, the WeCom address by default', (t) => {
  const config = parseConfig(
    `
bot: { admins: [{ name: 张丽, channel: 企业微信机器人, wecom: { userId: ZhangLi } }] }
channels:
  - { type: wecom-bot, name: 企业微信机器人, botId: aibXXXX, secret: env:WECOM_BOT_SECRET }
  - { type: wecom-bot, name: 政务微信机器人, botId: aibYYYY, secret: env:WECOM_BOT_SECRET, chatId: wrkGroup, wsUrl: "wss://zwwx.example.gov.cn/ws" }
accounts: [{ name: 扎兰屯博物馆, platform: weibo }]
`,
    'menu-patrol.yaml',
    { WECOM_BOT_SECRET: 'bot-secret' },
  );
  const [wecom, zwwx] = config.channels;
  t.like(wecom, { type: 'wecom-bot', botId: 'aibXXXX', wsUrl: 'wss://openws.work.weixin.qq.com' });
  t.like(zwwx, { type: 'wecom-bot', chatId: 'wrkGroup', wsUrl: 'wss://zwwx.example.gov.cn/ws' });
  t.is(wecom?.type === 'wecom-bot' ? wecom.secret.reveal() : undefined, 'bot-secret');
  t.false(JSON.stringify(config).includes('bot-secret'));
  t.deepEqual(config.bot.admins[0]?.wecom, { userId: 'ZhangLi' });
});
