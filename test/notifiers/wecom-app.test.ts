import test, { type ExecutionContext } from 'ava';
import { startService } from '../../bot/serve.ts';
import { parseConfig, type Config } from '../../config/load.ts';
import { Secret } from '../../config/secret.ts';
import type { IncomingChat } from '../../core/chat.ts';
import { createWecomAppNotifier, listenWecomApp } from '../../notifiers/wecom-app.ts';
import { startWecomCallback, type AppMessage } from '../../notifiers/wecom-callback.ts';
import { newCallbackToken, newEncodingAESKey, startFakeWecomApi, type CallbackTarget, type FakeWecomApi } from '../../sandbox/gateways/wecom-api.ts';
import { Store } from '../../store/store.ts';
import { admin, botConfig } from '../helpers/bot-config.ts';
import { demoFor, type Demo, repairPage } from '../helpers/demo.ts';
import { ackBoundMs, until } from '../helpers/until.ts';

const appName = '企业微信应用';

async function fakeApi(t: ExecutionContext): Promise<FakeWecomApi> {
  const fake = await startFakeWecomApi();
  t.teardown(() => fake.close());
  return fake;
}

const appChannel = (fake: FakeWecomApi, callback?: { token: string; encodingAESKey: string }) =>
  ({
    type: 'wecom-app',
    name: appName,
    corpId: fake.corpId,
    agentId: fake.agentId,
    secret: new Secret(fake.secret, 'env:WECOM_APP_SECRET'),
    toUser: 'ZhangLi',
    apiBase: fake.apiBase,
    ...(callback
      ? {
          callback: {
            listen: { host: '127.0.0.1', port: 0 },
            path: '/wecom/callback',
            token: new Secret(callback.token, 'env:WECOM_CALLBACK_TOKEN'),
            encodingAESKey: new Secret(callback.encodingAESKey, 'env:WECOM_CALLBACK_AESKEY'),
          },
        }
      : {}),
  }) as const;

/** Where the service said the callback listens (port 0 picks a free one). */
async function callbackUrl(log: readonly string[]): Promise<string> {
  await until(() => log.some((l) => /在 http:\S+ 接收消息/.test(l)), 'the callback listening');
  return /在 (http:\S+) 接收消息/.exec(log.find((l) => /在 http:\S+ 接收消息/.test(l))!)![1]!;
}

// WeCom's official WXBizMsgCrypt sample (sbzhu/weworkapi_python, callback/Sample.py;
// the same values ship in the other languages' samples): the app's settings,
// the URL-check GET and a message POST, signed and encrypted by WeCom.
const sample = {
  token: 'hJqcu3uJ9Tn2gXPmxx2w9kkCkCE2EPYo',
  encodingAESKey: '6qkdMrq68nTKduznJYO1A37W2oEgpkMUvkttRToqhUt',
  corpId: 'ww1436e0e65a779aee',
  verify: {
    query: 'msg_signature=012bc692d0a58dd4b10f8dfe5c4ac00ae211ebeb&timestamp=1476416373&nonce=47744683',
    echostr: 'fsi1xnbH4yQh0+PJxcOdhhK6TDXkjMyhEPA7xB2TGz6b+g7xyAbEkRxN/3cNXW9qdqjnoVzEtpbhnFyq6SVHyA==',
    plain: '1288432023552776189',
    at: 1476416373,
  },
  message: {
    query: 'msg_signature=0c3914025cb4b4d68103f6bfc8db550f79dcf48e&timestamp=1476422779&nonce=1597212914',
    body:
      '<xml><ToUserName><![CDATA[ww1436e0e65a779aee]]></ToUserName>\n<Encrypt><![CDATA[Kl7kjoSf6DMD1zh7rtrHjFaDapSCkaOnwu3bqLc5tAybhhMl9pFeK8NslNPVdMwmBQTNoW4mY7AIjeLvEl3NyeTkAgGzBhzTtRLNshw2AEew+kkYcD+Fq72Kt00fT0WnN87hGrW8SqGc+NcT3mu87Ha3dz1pSDi6GaUA6A0sqfde0VJPQbZ9U+3JWcoD4Z5jaU0y9GSh010wsHF8KZD24YhmZH4ch4Ka7ilEbjbfvhKkNL65HHL0J6EYJIZUC2pFrdkJ7MhmEbU2qARR4iQHE7wy24qy0cRX3Mfp6iELcDNfSsPGjUQVDGxQDCWjayJOpcwocugux082f49HKYg84EpHSGXAyh+/oxwaWbvL6aSDPOYuPDGOCI8jmnKiypE+]]></Encrypt>\n<AgentID><![CDATA[1000002]]></AgentID>\n</xml>',
    at: 1476422779,
  },
};

test("the callback answers WeCom's official sample requests: the URL check with the decrypted echostr, the message decrypted to its sender and text", async (t) => {
  let now = sample.verify.at;
  const received: AppMessage[] = [];
  const log: string[] = [];
  const server = await startWecomCallback(
    { name: appName, corpId: sample.corpId, listen: { host: '127.0.0.1', port: 0 }, path: '/wecom/callback', token: new Secret(sample.token, 'x'), encodingAESKey: new Secret(sample.encodingAESKey, 'x') },
    (message) => received.push(message),
    (line) => log.push(line),
    { nowSeconds: () => now },
  );
  t.teardown(() => server.stop());

  // The echostr as it may arrive: its '+' not escaped.
  const check = await fetch(`${server.url}?${sample.verify.query}&echostr=${sample.verify.echostr}`);
  t.is(check.status, 200);
  t.is(await check.text(), sample.verify.plain, 'exactly the plaintext: no quotes, BOM or newline');
  // The same request again (escaped this time) is a replay.
  t.is((await fetch(`${server.url}?${sample.verify.query}&echostr=${encodeURIComponent(sample.verify.echostr)}`)).status, 403);

  now = sample.message.at + 30;
  const post = await fetch(`${server.url}?${sample.message.query}`, { method: 'POST', body: sample.message.body });
  t.is(post.status, 200);
  t.is(await post.text(), '', 'an empty 200: the answer goes later through message/send');
  t.deepEqual(received, [{ msgId: '1456453720', userId: 'ChenJiaShun', text: '你好' }]);
  t.deepEqual(log, ['企业微信应用“企业微信应用”的回调拒绝了一个请求：重复的请求（重放）']);
});

test('forged, stale and replayed callbacks are refused with 403 and handled never or once', async (t) => {
  const fake = await fakeApi(t);
  const target0 = { token: newCallbackToken(), encodingAESKey: newEncodingAESKey() };
  const handled: string[] = [];
  const log: string[] = [];
  const host = { log: (l: string) => log.push(l), handle: async (chat: IncomingChat) => void handled.push(chat.text) };
  const connection = listenWecomApp(appChannel(fake, target0), host);
  t.teardown(() => connection.stop());
  const target: CallbackTarget = { url: await callbackUrl(log), ...target0 };

  const flip = (s: string) => (s[0] === '0' ? '1' : '0') + s.slice(1);
  t.is((await fake.say(target, 'ZhangLi', '帮助', { sign: flip })).status, 403, 'a forged signature');
  t.is((await fake.say(target, 'ZhangLi', '状态', { timestamp: Math.floor(Date.now() / 1000) - 3600 })).status, 403, 'an hour-old timestamp');
  t.is((await fake.say({ ...target, token: 'another-apps-token' }, 'ZhangLi', '检查 全部')).status, 403, 'signed with another token');
  const genuine = await fake.say(target, 'ZhangLi', '已整改 扎兰屯12333');
  t.is(genuine.status, 200);
  t.is((await fake.replay(genuine)).status, 403, 'the same request again');
  await until(() => handled.length === 1, 'the genuine message handled');
  t.deepEqual(handled, ['已整改 扎兰屯12333']);
  t.is(log.filter((l) => l.includes('拒绝了一个请求')).length, 4, 'each refusal logged');
});

test('the URL check of a fresh setup is answered with the decrypted echostr', async (t) => {
  const fake = await fakeApi(t);
  const secrets = { token: newCallbackToken(), encodingAESKey: newEncodingAESKey() };
  const log: string[] = [];
  const connection = listenWecomApp(appChannel(fake, secrets), { log: (l) => log.push(l), handle: async () => {} });
  t.teardown(() => connection.stop());
  const check = await fake.verifyUrl({ url: await callbackUrl(log), ...secrets });
  t.is(check.status, 200);
  t.is(check.answer, check.echostr);
});

test('message/send: a token expired or revoked mid-run is fetched again once; an untrusted IP is a permanent failure naming the IP', async (t) => {
  const fake = await fakeApi(t);
  const notifier = createWecomAppNotifier(appChannel(fake));
  const message = { title: '菜单巡检提醒', text: '扎兰屯12333：1 个菜单打不开', markdown: '扎兰屯12333：1 个菜单打不开' };
  t.like(await notifier.send(message, { userId: 'WangMing' }), { ok: true, parts: 1 });
  t.like(await notifier.send(message), { ok: true }, 'to toUser without a person');
  t.is(fake.tokenCalls.total, 1, 'the token is cached');
  fake.expireTokens();
  t.like(await notifier.send(message, { userId: 'WangMing' }), { ok: true });
  fake.revokeTokens();
  t.like(await notifier.send(message, { userId: 'WangMing' }), { ok: true });
  t.is(fake.tokenCalls.total, 3, 'one new token after each');
  t.deepEqual(fake.sendCodes, [0, 0, 42001, 0, 40014, 0]);
  t.deepEqual(
    fake.sent.map((l) => [l.touser, l.text]),
    [
      ['WangMing', '菜单巡检提醒\n扎兰屯12333：1 个菜单打不开'],
      ['ZhangLi', '菜单巡检提醒\n扎兰屯12333：1 个菜单打不开'],
      ['WangMing', '菜单巡检提醒\n扎兰屯12333：1 个菜单打不开'],
      ['WangMing', '菜单巡检提醒\n扎兰屯12333：1 个菜单打不开'],
    ],
  );

  fake.trustIp(false);
  const refused = await notifier.send(message, { userId: 'WangMing' });
  t.like(refused, { ok: false, retryable: false, reason: 'ip-not-allowed', code: { errcode: 60020 } });
  t.regex(refused.ok ? '' : refused.detail, /出口 IP 203\.0\.113\.7 不在应用的“企业可信IP”里.*错误码 60020/);
  t.is(fake.tokenCalls.total, 3);
  t.like(await notifier.send(message, { mobile: '13800000000' }), { ok: false, retryable: false, reason: 'no-address', setting: 'userId' });

  const wrong = createWecomAppNotifier({ ...appChannel(fake), secret: new Secret('not-the-app-secret', 'env:WECOM_APP_SECRET') });
  const denied = await wrong.send(message, { userId: 'WangMing' });
  t.like(denied, { ok: false, retryable: false, reason: 'bad-secret', code: { errcode: 40001 } });
  t.regex(denied.ok ? '' : denied.detail, /核对 AgentId 和 Secret.*errcode 40001/);
  t.false(JSON.stringify(denied).includes('not-the-app-secret'));
});

test('message/send: a message over 2,048 bytes goes in numbered parts that each fit', async (t) => {
  const fake = await fakeApi(t);
  const notifier = createWecomAppNotifier(appChannel(fake));
  const lines = Array.from({ length: 60 }, (_, i) => `${i + 1}. 扎兰屯12333 > 办事服务 > 社保查询：网页打不开（HTTP 404），从 12 月 1 日开始`);
  const result = await notifier.send({ title: '菜单巡检提醒', text: lines.join('\n'), markdown: lines.join('\n') }, { userId: 'WangMing' });
  t.like(result, { ok: true });
  t.true(fake.sent.length > 1);
  t.true(fake.sent.every((l) => Buffer.byteLength(l.text) <= 2048));
  t.true(fake.sent.every((l, i) => l.text.startsWith(`菜单巡检提醒（${i + 1}/${fake.sent.length}）\n`)));
  t.is(fake.sent.flatMap((l) => l.text.split('\n').slice(1)).join('\n'), lines.join('\n'));
});

/** The demo's office on the WeCom app: the admin and the broken account's owner are known by their userids there. */
async function wecomAppOffice(demo: Demo, fake: FakeWecomApi, callback: { token: string; encodingAESKey: string }) {
  const base = await botConfig(demo);
  const broken = demo.sandbox.expected.find((e) => e.code === 'http-error' && e.url && e.menu === '默认菜单')!;
  const owner = { ...base.accounts.find((a) => a.name === broken.account)!.owners[0]!, channel: appName, wecom: { userId: 'WangMing' } };
  const config: Config = {
    ...base,
    bot: { ...base.bot, admins: [{ ...admin, wecom: { userId: 'ZhangLi' } }], workGroup: undefined },
    accounts: base.accounts.map((a) => (a.name === broken.account ? { ...a, owners: [owner] } : a)),
    channels: [appChannel(fake, callback)],
  };
  return { config, store: await Store.open(demo.db), broken, owner: owner.wecom.userId };
}

test('a command to the WeCom app is acknowledged at once and its result sent back through message/send', async (t) => {
  const demo = await demoFor(t);
  const fake = await fakeApi(t);
  const secrets = { token: newCallbackToken(), encodingAESKey: newEncodingAESKey() };
  const { config, store, broken } = await wecomAppOffice(demo, fake, secrets);
  const log: string[] = [];
  const service = await startService({ config, store, log: (l) => log.push(l), schedules: false });
  t.teardown(() => service.stop());
  const target = { url: await callbackUrl(log), ...secrets };
  await until(() => fake.tokenCalls.total === 1, 'the token fetched at start');

  const sentAt = Date.now();
  const pushed = await fake.say(target, 'ZhangLi', `检查 ${broken.account}`);
  t.is(pushed.status, 200);
  await until(() => fake.sent.length > 0, 'the acknowledgement', ackBoundMs);
  const ackMs = fake.sent[0]!.at - sentAt;
  t.log(`acknowledged after ${ackMs} ms`);
  t.true(ackMs < ackBoundMs);
  t.like(fake.sent[0], { touser: 'ZhangLi' });
  t.regex(fake.sent[0]!.text, /^收到/);
  await until(() => fake.sent.some((l) => l.text.includes('巡检完成')), 'the check result');
  const result = fake.sent.find((l) => l.text.includes('巡检完成'))!;
  t.is(result.touser, 'ZhangLi');
  t.regex(fake.sent.filter((l) => l.touser === 'ZhangLi').map((l) => l.text).join('\n'), new RegExp(broken.path.join(' > ')));
});

test("an owner's 已整改 to the WeCom app rechecks the account and resolves the finding in the store", async (t) => {
  const demo = await demoFor(t);
  const fake = await fakeApi(t);
  const secrets = { token: newCallbackToken(), encodingAESKey: newEncodingAESKey() };
  const { config, store, broken, owner } = await wecomAppOffice(demo, fake, secrets);
  const log: string[] = [];
  const service = await startService({ config, store, log: (l) => log.push(l), schedules: false });
  t.teardown(() => service.stop());
  const target = { url: await callbackUrl(log), ...secrets };
  await service.sweeps.sweep([broken.account], 'cli');
  await until(() => fake.sent.some((l) => l.touser === owner && l.text.includes('菜单巡检提醒')), "the owner's digest");

  await repairPage(demo, broken.url!);
  await fake.say(target, owner, `已整改 ${broken.account}`);
  await until(() => fake.sent.some((l) => l.touser === owner && l.text.includes('复查完成')), 'the recheck answer');
  t.regex(fake.sent.find((l) => l.text.includes('复查完成'))!.text, /已修复 1 个/);
  const finding = store.findings.find((f) => f.account === broken.account && f.code === 'http-error');
  t.truthy(finding?.resolvedAt);
  t.is(finding?.resolution, 'fixed');
});

test('a wecom-app channel reads from the config: secrets from the environment, the WeCom API host by default, the callback address parsed', (t) => {
  const config = parseConfig(
    `
bot: { admins: [{ name: 张丽, channel: 企业微信应用, wecom: { userId: ZhangLi } }] }
channels:
  - type: wecom-app
    name: 企业微信应用
    corpId: ww1436e0e65a779aee
    agentId: 1000002
    secret: env:WECOM_APP_SECRET
    callback: { listen: "127.0.0.1:8080", token: env:WECOM_TOKEN, encodingAESKey: env:WECOM_AESKEY }
  - { type: wecom-app, name: 政务微信应用, corpId: wwzw01, agentId: 5, secret: env:WECOM_APP_SECRET, toUser: "ZhangLi|WangMing", apiBase: "https://zwwx.example.gov.cn/" }
accounts: [{ name: 扎兰屯博物馆, platform: weibo }]
`,
    'menu-patrol.yaml',
    { WECOM_APP_SECRET: 'app-secret-value', WECOM_TOKEN: 'callback-token-value', WECOM_AESKEY: sample.encodingAESKey },
  );
  const [wecom, zwwx] = config.channels;
  t.like(wecom, { type: 'wecom-app', corpId: 'ww1436e0e65a779aee', agentId: 1000002, apiBase: 'https://qyapi.weixin.qq.com', callback: { listen: { host: '127.0.0.1', port: 8080 }, path: '/wecom/callback' } });
  t.like(zwwx, { type: 'wecom-app', toUser: 'ZhangLi|WangMing', apiBase: 'https://zwwx.example.gov.cn' });
  t.is(wecom?.type === 'wecom-app' ? wecom.callback?.token.reveal() : undefined, 'callback-token-value');
  for (const secret of ['app-secret-value', 'callback-token-value', sample.encodingAESKey]) t.false(JSON.stringify(config).includes(secret));
});
