import test, { type ExecutionContext } from 'ava';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startService } from '../../bot/serve.ts';
import { parseConfig, type Config } from '../../config/load.ts';
import { Secret } from '../../config/secret.ts';
import { createFeishuAppNotifier } from '../../notifiers/feishu-app.ts';
import { decodeFrame, encodeFrame } from '../../notifiers/feishu-frames.ts';
import { connectFeishuWs } from '../../notifiers/feishu-ws.ts';
import { mentionsOn } from '../../notifiers/registry.ts';
import { startFakeFeishu, type FakeFeishu } from '../../sandbox/gateways/feishu-ws.ts';
import { Store } from '../../store/store.ts';
import { admin, botConfig } from '../helpers/bot-config.ts';
import { demoFor, type Demo, repairPage } from '../helpers/demo.ts';
import { dropTwentyTimes, echoHost } from '../helpers/chat-gateway.ts';
import { ackBoundMs, until } from '../helpers/until.ts';

const zhangli = { openId: 'ou_zhangli', userId: 'zhangli01' };
const appName = '飞书应用';
const workChat = 'oc_workgroup';

async function fakeFeishu(t: ExecutionContext, options: { appSecret?: string } = {}): Promise<FakeFeishu> {
  const fake = await startFakeFeishu(options);
  t.teardown(() => fake.close());
  return fake;
}

const appChannel = (fake: FakeFeishu, secret = fake.appSecret) =>
  ({ type: 'feishu-app', name: appName, appId: fake.appId, appSecret: new Secret(secret, 'env:FEISHU_APP_SECRET'), domain: fake.domain, chatId: workChat }) as const;

/** The demo's office on Feishu: the admin by user_id, the broken account's owner by open_id only. */
async function feishuOffice(t: ExecutionContext, demo: Demo, fake: FakeFeishu) {
  const base = await botConfig(demo);
  const broken = demo.sandbox.expected.find((e) => e.code === 'http-error' && e.url && e.menu === '默认菜单')!;
  const owner = { ...base.accounts.find((a) => a.name === broken.account)!.owners[0]!, channel: appName, feishu: { openId: 'ou_owner' } };
  const config: Config = {
    ...base,
    bot: { ...base.bot, admins: [{ ...admin, feishu: { userId: zhangli.userId } }], workGroup: undefined },
    accounts: base.accounts.map((a) => (a.name === broken.account ? { ...a, owners: [owner] } : a)),
    channels: [appChannel(fake)],
  };
  const store = await Store.open(demo.db);
  return { config, store, broken, owner: { openId: owner.feishu.openId } };
}

test('a frame encodes as protobuf does: field by field, with the documented numbers', (t) => {
  const frame = { seqId: 1n, logId: 300n, service: 7, method: 1, headers: [{ key: 'type', value: 'event' }], payload: new TextEncoder().encode('{}') };
  const bytes = encodeFrame(frame);
  // As protobufjs encodes pbbp2.Frame: 08 01 | 10 ac 02 | 18 07 | 20 01 | 2a 0d (0a 04 "type" 12 05 "event") | 42 02 "{}"
  t.is(Buffer.from(bytes).toString('hex'), '080110ac02180720012a0d0a047479706512056576656e7442027b7d');
  t.deepEqual(decodeFrame(bytes), frame);
  // Fields the bot does not use (payloadEncoding 6, LogIDNew 9) are skipped wherever they come.
  const withExtras = new Uint8Array(Buffer.concat([Buffer.from('3204677a6970', 'hex'), bytes, Buffer.from('4a03616263', 'hex')]));
  t.deepEqual(decodeFrame(withExtras), frame);
  t.throws(() => decodeFrame(bytes.subarray(0, bytes.length - 1)), { instanceOf: RangeError });
});

test('a command over Feishu is acknowledged at once and answered in the same group', async (t) => {
  const demo = await demoFor(t);
  const fake = await fakeFeishu(t);
  const { config, store, broken } = await feishuOffice(t, demo, fake);
  const service = await startService({ config, store, log: () => {}, schedules: false });
  t.teardown(() => service.stop());
  await until(() => fake.connected(), 'the bot connected');

  const sentAt = Date.now();
  const id = fake.say(zhangli, `检查 ${broken.account}`, { chatId: workChat });
  await until(() => fake.acks.has(id), 'the ack', ackBoundMs);
  const ackMs = fake.acks.get(id)! - sentAt;
  t.log(`acknowledged after ${ackMs} ms`);
  t.true(ackMs < ackBoundMs);
  await until(() => fake.said.some((l) => l.text.includes('巡检完成')), 'the check result');
  const lines = fake.said.filter((l) => l.via === 'reply');
  t.regex(lines[0]!.text, /^收到/);
  t.true(lines.every((l) => l.to === workChat));
  t.regex(lines.at(-1)!.text, new RegExp(broken.path.join(' > ')));
});

test("an owner known by open_id answers 已整改: the account is rechecked and the finding resolved in the store", async (t) => {
  const demo = await demoFor(t);
  const fake = await fakeFeishu(t);
  const { config, store, broken, owner } = await feishuOffice(t, demo, fake);
  const service = await startService({ config, store, log: () => {}, schedules: false });
  t.teardown(() => service.stop());
  await service.sweeps.sweep([broken.account], 'schedule');
  t.truthy(store.openFindings(broken.account).find((f) => f.code === 'http-error'));
  // The owner's digest went to them one-to-one, by open_id.
  await until(() => fake.said.some((l) => l.via === 'send' && l.to === owner.openId), "the owner's digest");
  await until(() => fake.connected(), 'the bot connected');

  await repairPage(demo, broken.url!);
  fake.say(owner, `已整改 ${broken.account}`);
  await until(() => fake.said.some((l) => l.via === 'reply' && l.text.includes('复查完成')), 'the recheck answer');
  t.regex(fake.said.find((l) => l.text.includes('复查完成'))!.text, /已修复 1 个/);
  const finding = store.findings.find((f) => f.account === broken.account && f.code === 'http-error');
  t.truthy(finding?.resolvedAt);
  t.is(finding?.resolution, 'fixed');
});

test('a gateway dropped 20 times in a minute: the bot reconnects each time and never answers a message twice', async (t) => {
  const fake = await fakeFeishu(t);
  const { handled, log, host } = echoHost();
  const connection = connectFeishuWs(appChannel(fake), host, { backoffMs: { first: 20, max: 200 } });
  t.teardown(() => connection.stop());
  const started = Date.now();
  await dropTwentyTimes({
    connections: fake.connections,
    connected: fake.connected,
    // Every fourth message arrives split over two frames (sum/seq).
    say: (i) => fake.say(zhangli, `状态 ${i}`, { parts: i % 4 === 0 ? 2 : 1 }),
    redeliver: (id) => fake.redeliver(id),
    handled: (i) => handled.length === i && fake.acks.size === i,
    drop: () => fake.drop(),
  });
  await until(() => fake.said.length === 20, 'every answer');
  t.true(Date.now() - started < 60_000);
  t.deepEqual(handled, Array.from({ length: 20 }, (_, i) => `状态 ${i + 1}`));
  t.is(new Set(fake.said.map((l) => l.text)).size, 20, 'one answer per message');
  t.true(fake.pings() >= 20, 'a ping on every connection');
  t.true(log.some((l) => l.includes('连接断开了')));
});

test('a message handled before a restart is not handled again when redelivered after it', async (t) => {
  const fake = await fakeFeishu(t);
  const db = join(await mkdtemp(join(tmpdir(), 'feishu-')), 'menu-patrol.json');
  const first = echoHost();
  const before = connectFeishuWs(appChannel(fake), { ...first.host, processed: (await Store.open(db)).processedIds() });
  await until(() => fake.connected(), 'connected');
  const id = fake.say(zhangli, '帮助');
  await until(() => first.handled.length === 1, 'handled');
  await before.stop();

  const second = echoHost();
  const after = connectFeishuWs(appChannel(fake), { ...second.host, processed: (await Store.open(db)).processedIds() });
  t.teardown(() => after.stop());
  await until(() => fake.connections() === 2 && fake.connected(), 'reconnected');
  fake.redeliver(id);
  fake.say(zhangli, '状态');
  await until(() => second.handled.length === 1, 'the new message');
  t.deepEqual(second.handled, ['状态']);
});

test('a wrong app secret is one clear log line and the channel reported down, not a tight retry loop', async (t) => {
  const fake = await fakeFeishu(t);
  const { log, host, states } = echoHost();
  const connection = connectFeishuWs(appChannel(fake, 'wrong-secret'), host);
  t.teardown(() => connection.stop());
  await until(() => log.length > 0, 'the log line');
  // Long enough for a tight loop to have asked hundreds of times.
  await new Promise((resolve) => setTimeout(resolve, 500));
  t.is(fake.opens.total, 1);
  t.is(fake.opens.refused, 1);
  t.deepEqual(log, ['飞书应用“飞书应用”的身份验证没有通过：请在飞书开放平台“凭证与基础信息”里核对 App ID 和 App Secret（HTTP 200，514）。10 分钟后再试。']);
  t.deepEqual(states, [false]);
  t.false(log[0]!.includes('wrong-secret'));
});

test('a tenant token that stops working mid-run is renewed once and the message still goes out', async (t) => {
  const fake = await fakeFeishu(t);
  const notifier = createFeishuAppNotifier(appChannel(fake));
  t.like(await notifier.send({ title: '提醒', text: '第一条', markdown: '第一条' }, { openId: 'ou_owner' }), { ok: true });
  fake.expireTokens();
  t.like(await notifier.send({ title: '提醒', text: '第二条', markdown: '第二条' }, { userId: 'owner01' }), { ok: true });
  t.is(fake.tokensIssued(), 2);
  t.deepEqual(
    fake.said.map((l) => [l.to, l.text]),
    [
      ['ou_owner', '提醒\n\n第一条'],
      ['owner01', '提醒\n\n第二条'],
    ],
  );
  t.like(await notifier.send({ title: '群消息', text: '全体', markdown: '全体' }), { ok: true });
  t.is(fake.said.at(-1)?.to, workChat);
});

test('five sends a second at most: a burst waits for the window instead of being refused', async (t) => {
  const fake = await fakeFeishu(t);
  let now = 1_700_000_000_000;
  const notifier = createFeishuAppNotifier({ ...appChannel(fake), now: () => now, sleep: async (ms) => void (now += ms) });
  for (let i = 0; i < 12; i++) t.like(await notifier.send({ title: `第 ${i} 条`, text: '内容', markdown: '内容' }, { openId: 'ou_owner' }), { ok: true });
  t.is(now - 1_700_000_000_000, 2000, 'twelve sends take two full windows');
});

test('a wrong app secret is a permanent send failure that names what to check, never the secret', async (t) => {
  const fake = await fakeFeishu(t);
  const result = await createFeishuAppNotifier(appChannel(fake, 'wrong-secret')).send({ title: 't', text: 'x', markdown: 'x' }, { openId: 'ou_owner' });
  t.deepEqual(result, {
    ok: false,
    retryable: false,
    reason: 'bad-secret',
    code: { errcode: 10014 },
    detail: '请在飞书开放平台“凭证与基础信息”里核对 App ID 和 App Secret（HTTP 400, 10014）',
  });
});

test('a feishu-app channel reads from the config: its secret from the environment, the domain defaulted; people by open_id or user_id', (t) => {
  const config = parseConfig(
    `
bot: { admins: [{ name: 张丽, channel: 飞书应用, feishu: { openId: ou_abc } }, { name: 李强, feishu: { userId: liqiang } }] }
channels: [{ type: feishu-app, name: 飞书应用, appId: cli_abc, appSecret: env:FEISHU_APP_SECRET }]
accounts: [{ name: 扎兰屯博物馆, platform: weibo }]
`,
    'menu-patrol.yaml',
    { FEISHU_APP_SECRET: 'app-secret' },
  );
  const [channel] = config.channels;
  t.like(channel, { type: 'feishu-app', name: '飞书应用', appId: 'cli_abc', domain: 'https://open.feishu.cn' });
  t.is(channel?.type === 'feishu-app' ? channel.appSecret.reveal() : undefined, 'app-secret');
  t.false(JSON.stringify(config).includes('app-secret'));
  t.deepEqual(config.bot.admins[0]?.feishu, { openId: 'ou_abc' });
  t.deepEqual(config.bot.admins[1]?.feishu, { userId: 'liqiang' });
});

test("a long message goes in parts of whole lines, each well inside Feishu's 150 KB text limit", async (t) => {
  const fake = await fakeFeishu(t);
  const lines = Array.from({ length: 4000 }, (_, i) => `第 ${i + 1} 行：扎兰屯市人力资源和社会保障局“预约参观”菜单打不开，请检查网址`);
  const result = await createFeishuAppNotifier(appChannel(fake)).send({ title: '【菜单巡检】长消息', text: lines.join('\n'), markdown: '' }, { openId: 'ou_owner' });
  t.like(result, { ok: true });
  t.true(fake.said.length > 1);
  t.true(fake.said.every((l) => Buffer.byteLength(JSON.stringify({ text: l.text })) < 150_000));
  t.deepEqual(
    fake.said.flatMap((l) => l.text.split('\n').slice(2)),
    lines,
  );
  t.regex(fake.said[0]!.text, /^【菜单巡检】长消息（1\/\d）\n\n第 1 行/);
});

test('the Feishu group robot @s a person known only by open_id', (t) => {
  t.deepEqual(mentionsOn('feishu', [{ feishu: { openId: 'ou_a' } }, { feishu: { userId: 'u1', openId: 'ou_b' } }, {}]), { mobiles: [], userIds: ['ou_a', 'u1'] });
});
