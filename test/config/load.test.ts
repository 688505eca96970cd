import { readFile } from 'node:fs/promises';
import { inspect } from 'node:util';
import test, { type ExecutionContext } from 'ava';
import { parseConfig } from '../../config/load.ts';
import { ConfigError } from '../../core/errors.ts';
import { scenarioFile } from '../helpers/paths.ts';

const env = { ZLT12333_SECRET: 'secret-value-9f8e7d', ZLT_TOKEN: 'tok-1234', ZLT_AES: 'short' };

async function load(scenario: string, environment: NodeJS.ProcessEnv = env) {
  const file = scenarioFile('config', scenario);
  return parseConfig(await readFile(file.path, 'utf8'), file.shown, environment);
}

/** The config must be rejected; the whole message a clerk sees is snapshotted for review. */
const notOk = test.macro(async (t: ExecutionContext, scenario: string, environment?: NodeJS.ProcessEnv) => {
  const error = await t.throwsAsync(load(scenario, environment), { instanceOf: ConfigError });
  t.snapshot(error?.message);
});

for (const scenario of ['malformed-yaml', 'unknown-keys', 'duplicate-names', 'invalid-url', 'wrong-values', 'bad-server', 'server-keys-missing', 'weibo-with-menu', 'empty', 'bad-schedule', 'past-inspection', 'bad-browser', 'bad-web', 'web-not-object']) {
  test(`parseConfig() rejects ${scenario}`, notOk, scenario);
}
test('parseConfig() rejects missing-secret when the variable is not set', notOk, 'missing-secret', {});

test('parseConfig() reads a basic config with defaults filled in', async (t) => {
  const config = await load('basic');
  t.deepEqual(config.network, {
    allowPrivateAddresses: false,
    timeoutMs: 10_000,
    concurrency: 32,
    perHostConcurrency: 2,
    maxRedirects: 10,
    retries: 2,
    retryDelayMs: 1000,
    resolve: {},
  });
  t.deepEqual(config.browser, { enabled: true, pageTimeoutMs: 15_000, memoryCapMb: 1536, maxPages: 300, maxSeconds: 600 });
  t.is(config.wechat.apiBase, 'https://api.weixin.qq.com');
  t.deepEqual(
    config.accounts.map((a) => [a.name, a.platform]),
    [
      ['扎兰屯12333', 'wechat-subscription'],
      ['扎兰屯博物馆', 'wechat-subscription'],
      ['扎兰屯政务', 'weibo'],
    ],
  );
  t.deepEqual(config.accounts[0]!.owners, [{ name: '王明', remark: '王明-人社局' }]);
  t.deepEqual(config.warnings, []);
});

test('the status page is on by default, on this computer only, and web: false turns it off', async (t) => {
  const config = await load('basic');
  t.deepEqual(config.web, { listen: '127.0.0.1:8730', linkDays: 7, sessionHours: 12 });
  const off = parseConfig('web: false\naccounts: [{ name: 甲, platform: weibo }]\n', 'off.yaml', {});
  t.false(off.web);
});

test('a bare port for the status page means that port on this computer only', (t) => {
  for (const listen of ['8731', '"8731"']) {
    const config = parseConfig(`web: { listen: ${listen} }\naccounts: [{ name: 甲, platform: weibo }]\n`, 'port.yaml', {});
    t.like(config.web, { listen: '127.0.0.1:8731' }, listen);
  }
});

test('the status page\'s password and signing key come from the environment and never print', (t) => {
  const source = 'web: { adminPassword: env:WEB_PW, secret: env:WEB_KEY }\naccounts: [{ name: 甲, platform: weibo }]\n';
  const config = parseConfig(source, 'web.yaml', { WEB_PW: 'pw-31337', WEB_KEY: 'key-27182' });
  t.true(config.web !== false && config.web.adminPassword?.reveal() === 'pw-31337' && config.web.secret?.reveal() === 'key-27182');
  const shown = JSON.stringify(config) + inspect(config, { depth: 10 });
  t.false(shown.includes('pw-31337'));
  t.false(shown.includes('key-27182'));
});

test('parseConfig() reads JSON as well as YAML', async (t) => {
  const config = await load('json');
  t.is(config.accounts[0]!.menu?.length, 1);
});

test('secrets come from the environment and never print', async (t) => {
  const config = await load('basic');
  const secret = config.accounts[0]!.appSecret!;
  t.is(secret.reveal(), env.ZLT12333_SECRET);
  for (const shown of [JSON.stringify(config), inspect(config, { depth: 10 }), `${secret}`]) {
    t.false(shown.includes(env.ZLT12333_SECRET));
  }
  t.true(inspect(secret).includes('env:ZLT12333_SECRET'));
});

test('an inline secret works but warns to move it to env:', async (t) => {
  const config = await load('inline-secret');
  t.is(config.accounts[0]!.appSecret!.reveal(), '0f1e2d3c4b5a69788796a5b4c3d2e1f0');
  t.snapshot(config.warnings);
  t.false(config.warnings.join('').includes('0f1e2d3c'));
});

test('a 第三方平台 account: the platform\'s AppID for crypto, an appId without appSecret, safe mode implied; keys may still be missing', async (t) => {
  const config = await load('third-party-platform', { VENDOR_TOKEN: 'vendor-token', VENDOR_AES: 'VendorEncodingAesKeyForTests0123456789abcde' });
  const [hosted, waiting] = config.accounts;
  t.is(hosted!.appId, 'wx0123456789abcdef');
  t.is(hosted!.appSecret, undefined);
  t.is(hosted!.originalId, 'gh_5a1b2c3d4e5f');
  t.like(hosted!.server, { thirdParty: true, mode: 'safe', appId: 'wxfedcba9876543210', url: 'https://wx.vendor.example.com/callback/$APPID$' });
  t.is(hosted!.server!.token!.reveal(), 'vendor-token');
  t.deepEqual(waiting!.server, { thirdParty: true, mode: 'safe' });
});
