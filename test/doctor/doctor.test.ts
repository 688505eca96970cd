import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test, { type ExecutionContext } from 'ava';
import type { CliIo } from '../../cli/io.ts';
import { main } from '../../cli/main.ts';
import { demoFor } from '../helpers/demo.ts';
import { startFakeWecomApi } from '../../sandbox/gateways/wecom-api.ts';
import { startFakeWecomBot } from '../../sandbox/gateways/wecom-bot.ts';
import { closedPort, startProxy } from '../http/helpers.ts';
import { startReceiver } from '../notifiers/receiver.ts';
import { startFakeDingtalk } from '../../sandbox/gateways/dingtalk-stream.ts';
import { startFakeFeishu } from '../../sandbox/gateways/feishu-ws.ts';
import { startFakeWeChatApi } from './fake-wechat-api.ts';

// The doctor shows paths as typed; each test runs in its own temp folder with
// relative paths, so tables are the same on every machine. chdir is global:
// the tests run one at a time.

const working = { appId: 'wx1111111111111111', secret: 'good-app-secret-1' };
const blocked = { appId: 'wx2222222222222222', secret: 'blocked-app-secret-2', blocked: true };
const resetSecret = { appId: 'wx3333333333333333', secret: 'secret-after-reset-3' };

async function inTempFolder(t: ExecutionContext): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'menu-patrol-doctor-'));
  const previous = process.cwd();
  process.chdir(dir);
  t.teardown(async () => {
    process.chdir(previous);
    await rm(dir, { recursive: true, force: true });
  });
  return dir;
}

async function doctor(env: NodeJS.ProcessEnv, ...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const io: CliIo = { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s), tty: false, env };
  const code = await main(['doctor', ...argv], io);
  // Loopback ports differ on every run; they are 5 digits in the default ephemeral ranges of Linux, macOS and Windows, so widths stay put.
  return { code, stdout: stdout.replace(/127\.0\.0\.1:\d{5}/g, '127.0.0.1:PORTS'), stderr };
}

test.serial('doctor: one working and one broken item of each kind (and a reset AppSecret), a test message on every robot with --send, what to do for each ✗', async (t) => {
  await inTempFolder(t);
  const api = await startFakeWeChatApi(t, [working, blocked, resetSecret], 2 * 60 * 60_000);
  const wecomOk = await startReceiver(t, { json: { errcode: 0, errmsg: 'ok' } });
  const wecomGone = await startReceiver(t, { json: { errcode: 93000, errmsg: 'invalid webhook url, hint: [1733530000_123], from ip: 47.94.148.108' } });
  const dingOk = await startReceiver(t, { json: { errcode: 0, errmsg: 'ok' } });
  const dingBadSign = await startReceiver(t, { json: { errcode: 310000, errmsg: 'sign not match, more: [https://ding-doc.dingtalk.com/doc#/serverapi2/qf2nxq]' } });
  const feishuOk = await startReceiver(t, { json: { code: 0, msg: 'success', data: {} } });
  const feishuBadSign = await startReceiver(t, { json: { code: 19021, msg: 'sign match fail or timestamp is not within one hour from current time', data: {} } });
  const dingApp = await startFakeDingtalk();
  t.teardown(() => dingApp.close());
  const feishuApp = await startFakeFeishu();
  t.teardown(() => feishuApp.close());
  const wecomBot = await startFakeWecomBot();
  const wecomApi = await startFakeWecomApi();
  t.teardown(() => Promise.all([wecomBot.close(), wecomApi.close()]));
  const goodProxy = await startProxy(t, api.port);
  const loginProxy = await startProxy(t, api.port, { credentials: 'zlt:county-proxy-pass' });
  await writeFile(
    'menu-patrol.yaml',
    `network: { timeoutMs: 3000 }
wechat: { apiBase: "${api.apiBase}" }
web: false
accounts:
  - { name: 扎兰屯12333, platform: wechat-service, appId: ${working.appId}, appSecret: env:GOOD_SECRET }
  - { name: 扎兰屯医保, platform: wechat-subscription, appId: ${blocked.appId}, appSecret: env:BLOCKED_SECRET }
  - { name: 扎兰屯税务, platform: wechat-subscription, appId: ${resetSecret.appId}, appSecret: env:OLD_SECRET }
  - name: 扎兰屯博物馆
    platform: wechat-subscription
    menu: [{ type: view, name: 预约参观, url: "https://bwg.zlt.gov.cn/yuyue" }]
  - { name: 扎兰屯发布, platform: weibo }
channels:
  - { type: wecom, name: 政务公开办企业微信群, key: env:WECOM_KEY, baseUrl: "${wecomOk.baseUrl}" }
  - { type: wecom, name: 旧企业微信群, key: stale-inline-key, baseUrl: "${wecomGone.baseUrl}" }
  - { type: dingtalk, name: 钉钉工作群, accessToken: env:DING_TOKEN, secret: env:DING_SECRET, baseUrl: "${dingOk.baseUrl}" }
  - { type: dingtalk, name: 钉钉值班群, accessToken: env:DING_TOKEN, secret: env:DING_SECRET, baseUrl: "${dingBadSign.baseUrl}" }
  - { type: feishu, name: 飞书通知群, hookToken: env:FEISHU_HOOK, secret: env:FEISHU_SECRET, baseUrl: "${feishuOk.baseUrl}" }
  - { type: feishu, name: 飞书工作群, hookToken: env:FEISHU_HOOK, secret: env:FEISHU_SECRET, baseUrl: "${feishuBadSign.baseUrl}" }
  - { type: dingtalk-app, name: 钉钉应用, clientId: ${dingApp.clientId}, clientSecret: env:DING_APP_SECRET, baseUrl: "${dingApp.baseUrl}" }
  - { type: dingtalk-app, name: 钉钉旧应用, clientId: ${dingApp.clientId}, clientSecret: env:DING_OLD_APP_SECRET, baseUrl: "${dingApp.baseUrl}" }
  - { type: feishu-app, name: 飞书应用, appId: ${feishuApp.appId}, appSecret: env:FEISHU_APP_SECRET, domain: "${feishuApp.domain}" }
  - { type: feishu-app, name: 飞书旧应用, appId: ${feishuApp.appId}, appSecret: env:FEISHU_OLD_APP_SECRET, domain: "${feishuApp.domain}" }
  - { type: wecom-bot, name: 企业微信机器人, botId: ${wecomBot.botId}, secret: env:WECOM_BOT_SECRET, wsUrl: "${wecomBot.wsUrl}" }
  - { type: wecom-bot, name: 旧企业微信机器人, botId: ${wecomBot.botId}, secret: env:WECOM_BOT_OLD_SECRET, wsUrl: "${wecomBot.wsUrl}" }
  - { type: wecom-app, name: 企业微信应用, corpId: ${wecomApi.corpId}, agentId: ${wecomApi.agentId}, secret: env:WECOM_APP_SECRET, toUser: ZhangLi, apiBase: "${wecomApi.apiBase}", callback: { listen: "127.0.0.1:8080", token: env:WECOM_TOKEN, encodingAESKey: env:WECOM_AESKEY } }
  - { type: wecom-app, name: 政务微信应用, corpId: ${wecomApi.corpId}, agentId: ${wecomApi.agentId}, secret: env:WECOM_APP_OLD_SECRET, apiBase: "${wecomApi.apiBase}" }
`,
    { mode: 0o600 },
  );
  const secrets = {
    GOOD_SECRET: working.secret,
    BLOCKED_SECRET: blocked.secret,
    OLD_SECRET: 'secret-before-reset-3',
    WECOM_KEY: 'wecom-key-3f2a',
    DING_TOKEN: 'ding-token-7c1e',
    DING_SECRET: 'SECding-secret-9d4b',
    FEISHU_HOOK: 'feishu-hook-5e8f',
    FEISHU_SECRET: 'feishu-secret-1a2b',
    DING_APP_SECRET: dingApp.clientSecret,
    DING_OLD_APP_SECRET: 'ding-app-secret-before-reset',
    FEISHU_APP_SECRET: feishuApp.appSecret,
    FEISHU_OLD_APP_SECRET: 'feishu-app-secret-before-reset',
    WECOM_BOT_SECRET: wecomBot.secret,
    WECOM_BOT_OLD_SECRET: 'wecom-bot-secret-before-reset',
    WECOM_APP_SECRET: wecomApi.secret,
    WECOM_APP_OLD_SECRET: 'wecom-app-secret-before-reset',
    WECOM_TOKEN: 'wecom-callback-token-4d2c',
    WECOM_AESKEY: 'wecomCallbackAesKey0123456789abcdefABCDEFGH',
  };
  const env = { ...secrets, HTTPS_PROXY: goodProxy.url, HTTP_PROXY: loginProxy.url };

  const run = await doctor(env, '--send');
  t.is(run.code, 1);
  t.is(run.stderr, '');
  t.snapshot(run.stdout);
  for (const value of [...Object.values(secrets), 'stale-inline-key']) t.false(run.stdout.includes(value), 'no secret is printed');
  t.regex(run.stdout, /47\.94\.148\.108/, "the IP to add to the whitelist, from WeChat's error text");
  for (const receiver of [wecomOk, wecomGone, dingOk, dingBadSign, feishuOk, feishuBadSign]) t.is(receiver.requests.length, 1, 'one test message per robot');
  t.deepEqual(feishuApp.said, [], 'the app bot is checked by its token: it has nobody to send a test message to');
  t.true(wecomOk.requests[0]?.body.markdown.content.includes('测试消息'));
  t.deepEqual(wecomApi.sent.map((l) => l.touser), ['ZhangLi'], "the app's test message, to its toUser");
  t.deepEqual(goodProxy.connects, ['127.0.0.1:443']);
  t.deepEqual(loginProxy.requests, ['http://127.0.0.1/']);

  const json = await doctor(env, '--json');
  t.is(json.code, 1);
  const out = JSON.parse(json.stdout) as { configLoaded: boolean; summary: Record<string, number>; checks: { status: string; topic: string; subject: string; found: string; fix: string | null }[] };
  t.true(out.configLoaded);
  t.is(out.checks.length, run.stdout.split('\n').filter((l) => /^│ [✓!✗] /.test(l)).length, 'the same rows as the table');
  // Without --send no robot is posted to: the six above are still the only requests.
  for (const receiver of [wecomOk, wecomGone, dingOk, dingBadSign, feishuOk, feishuBadSign]) t.is(receiver.requests.length, 1);
  t.deepEqual(
    out.checks.filter((c) => c.status !== 'ok').map((c) => `${c.status} ${c.topic} ${c.subject}`),
    [
      'warn 配置文件 menu-patrol.yaml',
      'fail 微信接口 扎兰屯医保',
      'fail 微信接口 扎兰屯税务',
      'fail 钉钉应用机器人 钉钉旧应用',
      'fail 飞书应用机器人 飞书旧应用',
      'fail 企业微信智能机器人 旧企业微信机器人',
      'fail 企业微信应用 政务微信应用',
      'fail 代理 HTTP_PROXY（http://127.0.0.1:PORTS）',
      'fail 本机时间 ',
    ],
  );
});

test.serial('doctor: all working is exit 0, and nothing is sent without --send', async (t) => {
  await inTempFolder(t);
  const api = await startFakeWeChatApi(t, [working]);
  const wecom = await startReceiver(t, { json: { errcode: 0, errmsg: 'ok' } });
  await writeFile(
    'menu-patrol.yaml',
    `wechat: { apiBase: "${api.apiBase}" }
web: { listen: "127.0.0.1:${await closedPort()}", adminPassword: env:WEB_PW }
accounts:
  - { name: 扎兰屯12333, platform: wechat-service, appId: ${working.appId}, appSecret: env:GOOD_SECRET }
channels:
  - { type: wecom, name: 政务公开办企业微信群, key: env:WECOM_KEY, baseUrl: "${wecom.baseUrl}" }
`,
    { mode: 0o600 },
  );
  const run = await doctor({ GOOD_SECRET: working.secret, WECOM_KEY: 'wecom-key-3f2a', WEB_PW: 'web-pw-9d2c' }, '--db', 'data/menu-patrol.json');
  t.is(run.code, 0);
  t.snapshot(run.stdout);
  t.is(wecom.requests.length, 0);
});

test.serial('doctor: a config that does not load is exit 2, and the checks that need no config still run', async (t) => {
  await inTempFolder(t);
  await writeFile('menu-patrol.yaml', 'accounts:\n  - { name: 扎兰屯12333, platform: wechat-service, appId: wx1111111111111111, appSecret: env:GOOD_SECRET }\n');
  // A file where the data folder should be: the data file cannot go there.
  await writeFile('data', 'not a folder');
  const run = await doctor({}, '--db', 'data/menu-patrol.json');
  t.is(run.code, 2);
  t.snapshot(run.stdout);
});

test.serial('doctor on the demo sandbox: every API account readable except the one outside the IP whitelist, which is told the IP to add', async (t) => {
  const demo = await demoFor(t);
  const run = await demo.run('doctor', '--json', '--config', demo.configPath, '--db', demo.db);
  const out = JSON.parse(run.stdout) as { checks: { status: string; topic: string; subject: string; fix: string | null }[] };
  const wechat = out.checks.filter((c) => c.topic === '微信接口');
  const menuAccounts = demo.sandbox.world.accounts.filter((a) => a.platform !== 'weibo');
  t.is(wechat.length, menuAccounts.length);
  const blockedNames = menuAccounts.filter((a) => a.api && !a.api.ipWhitelisted).map((a) => a.name);
  t.true(blockedNames.length > 0);
  t.deepEqual(wechat.filter((c) => c.status === 'fail').map((c) => c.subject), blockedNames);
  for (const c of wechat.filter((w) => w.status === 'fail')) t.regex(c.fix ?? '', /IP 地址 \d+\.\d+\.\d+\.\d+：.*IP白名单/);
  t.is(run.code, 1);
});
