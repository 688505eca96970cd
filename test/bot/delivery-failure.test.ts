import test, { type ExecutionContext } from 'ava';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deliveryFailureText } from '../../bot/messages/delivery-failure.ts';
import { startService } from '../../bot/serve.ts';
import { parseConfig, type Config } from '../../config/load.ts';
import { createNotifier } from '../../notifiers/registry.ts';
import type { FailureKind, SendFailure } from '../../notifiers/types.ts';
import type { Recipient } from '../../store/schema.ts';
import { Store } from '../../store/store.ts';
import { closedPort } from '../http/helpers.ts';
import { until } from '../helpers/until.ts';
import { shortMessage } from '../notifiers/digest.ts';
import { startReceiver, type Reply } from '../notifiers/receiver.ts';

const wecomKey = 'wecom-secret-key-0123456789';
const owner: Recipient = { kind: 'person', name: '王明', channel: '值班群' };

/** The office: admins on a DingTalk group robot that works, the owner on a WeCom group robot at `wecomBaseUrl`. */
function office(wecomBaseUrl: string, adminBaseUrl: string): Config {
  return parseConfig(
    `
timezone: Asia/Shanghai
schedule: { quietHours: false }
bot: { admins: [{ name: 张丽 }], adminChannel: 管理员群, messageGapMs: { min: 0, max: 5 } }
channels:
  - { type: wecom, name: 值班群, key: env:WECOM_KEY, baseUrl: "${wecomBaseUrl}" }
  - { type: dingtalk, name: 管理员群, accessToken: env:DING_TOKEN, baseUrl: "${adminBaseUrl}" }
accounts:
  - { name: 扎兰屯博物馆, platform: weibo, owners: [{ name: 王明, channel: 值班群 }] }
`,
    'menu-patrol.yaml',
    { WECOM_KEY: wecomKey, DING_TOKEN: 'ding-token' },
  );
}

/** What the admins' group receives once the owner's robot fails for good (every retry made at once by a clock that runs ahead). */
async function giveUpMessage(t: ExecutionContext, wecomBaseUrl: string): Promise<string> {
  const admins = await startReceiver(t, { json: { errcode: 0, errmsg: 'ok' } });
  let clock = Date.parse('2026-12-07T09:00:00+08:00');
  const store = await Store.open(join(await mkdtemp(join(tmpdir(), 'give-up-')), 'menu-patrol.json'));
  // Each reading is 20 minutes on, past the longest back-off, so every retry is due at once.
  const service = await startService({ config: office(wecomBaseUrl, admins.baseUrl), store, log: () => {}, schedules: false, now: () => new Date((clock += 20 * 60_000)) });
  t.teardown(() => service.stop());
  await service.outbox.enqueue([{ to: owner, message: { title: '【菜单巡检】整改提醒', text: '预约参观打不开', markdown: '预约参观打不开' } }]);
  await until(() => admins.requests.length === 1, 'the admins told', 20_000);
  const { title, text } = admins.requests[0]!.body.markdown as { title: string; text: string };
  return `${title}\n${text}`;
}

const failingRobots: readonly { readonly name: string; readonly reply: Reply; readonly code: string }[] = [
  { name: 'HTTP 5xx', reply: { status: 502, raw: '<html>Bad Gateway</html>' }, code: '（HTTP 502）' },
  // The platform echoes the key back in its message: it must not reach the admins.
  { name: 'a platform errcode', reply: { json: { errcode: 93000, errmsg: `invalid webhook url, hint: [key=${wecomKey}]` } }, code: '【错误码 93000】' },
  { name: 'a reply that is not a robot', reply: { raw: '<html>请先登录上网认证</html>' }, code: '' },
];

for (const robot of failingRobots) {
  test(`the admins' give-up message says in Chinese why: ${robot.name}`, async (t) => {
    const wecom = await startReceiver(t, robot.reply);
    const message = await giveUpMessage(t, wecom.baseUrl);
    t.snapshot(message);
    t.true(message.includes('企业微信群机器人「值班群」'));
    t.true(robot.code === '' || message.includes(robot.code));
    t.false(message.includes(wecomKey), 'no key');
    t.false(/errcode|HTTP \d+,|robot endpoint|network error/.test(message), 'no English detail');
  });
}

test("the admins' give-up message says in Chinese why: a network error, after every retry", async (t) => {
  const message = await giveUpMessage(t, `http://127.0.0.1:${await closedPort()}`);
  t.snapshot(message);
  t.regex(message, /已试了 6 次仍没有成功.*（ECONNREFUSED）/s);
});

/** The failure a real channel returns against a loopback fake, worded as the admins read it. */
async function worded(config: Config, channelName: string, to?: { userId?: string; mobile?: string }): Promise<{ failure: SendFailure; text: string }> {
  const channel = config.channels.find((c) => c.name === channelName)!;
  const result = await createNotifier(channel).send(shortMessage, to);
  if (result.ok) throw new Error('expected a failure');
  const failure = { ...result, via: channelName };
  return { failure, text: deliveryFailureText(failure, { channel, to: owner, attempts: 6 }) };
}

test('each failure kind of a group robot gets its own sentence, naming the channel and its key by where it comes from', async (t) => {
  const cases: readonly [Reply, FailureKind][] = [
    [{ status: 429 }, 'rate-limited'],
    [{ json: { errcode: 45009, errmsg: 'api freq out of limit' } }, 'rate-limited'],
    [{ status: 503 }, 'server-error'],
    [{ json: { errcode: 93000, errmsg: 'invalid webhook url' } }, 'rejected'],
    [{ status: 404, raw: 'Not Found' }, 'not-robot'],
  ];
  const texts: string[] = [];
  for (const [reply, kind] of cases) {
    const robot = await startReceiver(t, reply);
    const { failure, text } = await worded(office(robot.baseUrl, robot.baseUrl), '值班群');
    t.is(failure.reason, kind);
    texts.push(text);
  }
  t.regex(texts[3]!, /核对 env:WECOM_KEY 指向的密钥/);
  t.snapshot(texts);
});

test('app robots: credentials refused, a missing group and a person without an account id are told apart', async (t) => {
  const token = await startReceiver(t, { status: 401, json: { code: 'InvalidAuthentication', message: 'appkey or appsecret is invalid' } });
  const config = parseConfig(
    `
channels:
  - { type: dingtalk-app, name: 钉钉应用, clientId: ding-app, clientSecret: env:DING_APP_SECRET, robotCode: ding-app, baseUrl: "${token.baseUrl}" }
accounts: [{ name: 扎兰屯博物馆, platform: weibo }]
`,
    'menu-patrol.yaml',
    { DING_APP_SECRET: 'ding-app-secret-value' },
  );
  const badSecret = await worded(config, '钉钉应用', { userId: 'WangMing' });
  const noGroup = await worded(config, '钉钉应用');
  const noAccount = await worded(config, '钉钉应用', { mobile: '13800000000' });
  t.deepEqual([badSecret.failure.reason, noGroup.failure.reason, noAccount.failure.reason], ['bad-secret', 'bad-config', 'no-address']);
  t.false(badSecret.text.includes('ding-app-secret-value'));
  t.regex(badSecret.text, /核对 env:DING_APP_SECRET 指向的密钥.*【错误码 InvalidAuthentication】/);
  t.snapshot([badSecret.text, noGroup.text, noAccount.text]);
});

test('every kind has a sentence, personal WeChat ones included', (t) => {
  const channel = office('http://127.0.0.1:9', 'http://127.0.0.1:9').channels[0];
  // The kinds a configured channel returns, then those of the bot's personal WeChat and of routing (no channel to name).
  const kinds: readonly [FailureKind, typeof channel][] = [
    ...(['network', 'server-error', 'rate-limited', 'rejected', 'bad-secret', 'ip-not-allowed', 'not-robot', 'too-long', 'bad-config', 'no-address', 'not-connected'] as const).map(
      (kind): [FailureKind, typeof channel] => [kind, channel],
    ),
    ...(['network', 'no-contact', 'ambiguous-contact', 'unknown-channel', 'wechat-off'] as const).map((kind): [FailureKind, typeof channel] => [kind, undefined]),
  ];
  const remark: Recipient = { kind: 'person', name: '王明', remark: '扎兰屯博物馆王明' };
  const texts = kinds.map(([reason, via]) => {
    const failure: SendFailure = { ok: false, retryable: reason === 'no-contact', reason, detail: 'x', via: '旧群', setting: 'chatId' };
    return `${reason}: ${deliveryFailureText(failure, { channel: via, to: remark, attempts: 6 })}`;
  });
  t.true(texts.every((line) => /[\u4e00-\u9fff]/.test(line) && !line.endsWith(': ')));
  t.snapshot(texts);
});
