import test, { type ExecutionContext } from 'ava';
import { Secret } from '../../config/secret.ts';
import { WeChatApiError } from '../../core/errors.ts';
import { WeChatClient } from '../../wechat/client.ts';
import { hintFor, unreachableErrcode } from '../../wechat/error-hints.ts';
import { readMenu } from '../../wechat/read-menu.ts';
import type { Sandbox } from '../../sandbox/index.ts';
import { sandboxFor } from '../sandbox/helpers.ts';

function apiAccount(sandbox: Sandbox, pick: (a: Sandbox['world']['accounts'][number]) => boolean = () => true) {
  const a = sandbox.world.accounts.find((x) => x.api && x.api.ipWhitelisted && x.api.menuOrigin === 'api' && pick(x))!;
  return { appId: a.api!.appId, secret: new Secret(a.api!.secret, `env:${a.api!.envName}`), name: a.name };
}

async function setup(t: ExecutionContext, options: { timeoutMs?: number } = {}) {
  const sandbox = await sandboxFor(t);
  const client = new WeChatClient({ apiBase: sandbox.apiBase, busyRetryDelayMs: 10, ...options });
  const account = apiAccount(sandbox);
  const api = client.forAccount(account.appId, account.secret);
  const calls = (path: string) => sandbox.api.calls.filter((c) => c.path === path && c.appid === account.appId).length;
  return { sandbox, client, account, api, calls };
}

test('WeChatClient caches one stable token per account and never calls cgi-bin/token', async (t) => {
  const { sandbox, api, calls } = await setup(t);
  await api.get('cgi-bin/get_current_selfmenu_info');
  await api.get('cgi-bin/get_current_selfmenu_info');
  await readMenu(api);
  t.is(calls('/cgi-bin/stable_token'), 1);
  t.is(calls('/cgi-bin/get_current_selfmenu_info'), 3);
  t.false(sandbox.api.calls.some((c) => c.path === '/cgi-bin/token'));
});

for (const errcode of [40001, 40014, 42001]) {
  test(`WeChatClient refreshes the token once and retries after ${errcode}`, async (t) => {
    const { sandbox, api, account, calls } = await setup(t);
    await api.get('cgi-bin/get_current_selfmenu_info');
    sandbox.api.inject(account.appId, { errcode, times: 1 });
    const body = (await api.get('cgi-bin/get_current_selfmenu_info')) as { is_menu_open: number };
    t.is(body.is_menu_open, 1);
    t.is(calls('/cgi-bin/stable_token'), 2);
  });
}

test('WeChatClient gives up after one refresh when the token keeps being refused', async (t) => {
  const { sandbox, api, account, calls } = await setup(t);
  sandbox.api.inject(account.appId, { errcode: 40001, times: 5 });
  const error = await t.throwsAsync(api.get('cgi-bin/get_current_selfmenu_info'), { instanceOf: WeChatApiError });
  t.is(error?.errcode, 40001);
  t.is(calls('/cgi-bin/get_current_selfmenu_info'), 2);
});

test('WeChatClient fetches a new token when the old one has expired', async (t) => {
  const { sandbox, api, account, calls } = await setup(t);
  await api.get('cgi-bin/get_current_selfmenu_info');
  sandbox.api.expireTokens(account.appId);
  await api.get('cgi-bin/get_current_selfmenu_info');
  t.is(calls('/cgi-bin/stable_token'), 2);
});

test('WeChatClient backs off and retries through a burst of -1', async (t) => {
  const { sandbox, api, account, calls } = await setup(t);
  await api.get('cgi-bin/get_current_selfmenu_info');
  sandbox.api.inject(account.appId, { errcode: -1, times: 2 });
  await t.notThrowsAsync(api.get('cgi-bin/get_current_selfmenu_info'));
  t.is(calls('/cgi-bin/get_current_selfmenu_info'), 4);
});

test('WeChatClient stops after 3 retries of -1 without a retry storm', async (t) => {
  const { sandbox, api, account, calls } = await setup(t);
  await api.get('cgi-bin/get_current_selfmenu_info');
  sandbox.api.inject(account.appId, { errcode: -1, times: 50 });
  const error = await t.throwsAsync(api.get('cgi-bin/get_current_selfmenu_info'), { instanceOf: WeChatApiError });
  t.is(error?.errcode, -1);
  t.is(calls('/cgi-bin/get_current_selfmenu_info'), 1 + 4);
});

for (const [errcode, pattern] of [
  [45009, /次数已用完/],
  [48001, /menu 清单/],
] as const) {
  test(`WeChatClient reports ${errcode} at once with its hint`, async (t) => {
    const { sandbox, api, account, calls } = await setup(t);
    sandbox.api.inject(account.appId, { errcode, times: 1 });
    const error = await t.throwsAsync(api.get('cgi-bin/get_current_selfmenu_info'), { instanceOf: WeChatApiError });
    t.is(error?.errcode, errcode);
    t.regex(error!.hint, pattern);
    t.is(calls('/cgi-bin/get_current_selfmenu_info'), 1);
  });
}

test('WeChatClient reports 40164 with the refused IP, and a wrong secret with 40125', async (t) => {
  const sandbox = await sandboxFor(t);
  const client = new WeChatClient({ apiBase: sandbox.apiBase });
  const blocked = sandbox.world.accounts.find((a) => a.api && !a.api.ipWhitelisted)!.api!;
  const ip = await t.throwsAsync(client.forAccount(blocked.appId, new Secret(blocked.secret, 'x')).get('cgi-bin/get_current_selfmenu_info'), { instanceOf: WeChatApiError });
  t.is(ip?.errcode, 40164);
  t.regex(ip!.hint, /203\.0\.113\.7.*IP白名单/);
  const account = apiAccount(sandbox);
  const wrong = await t.throwsAsync(client.forAccount(account.appId, new Secret('not-the-secret', 'x')).get('cgi-bin/get_current_selfmenu_info'), { instanceOf: WeChatApiError });
  t.is(wrong?.errcode, 40125);
  t.false(wrong!.message.includes('not-the-secret'));
});

test('readMenu() takes a web-editor menu when menu/get answers 46003, and adds personalized menus', async (t) => {
  const sandbox = await sandboxFor(t);
  const client = new WeChatClient({ apiBase: sandbox.apiBase });
  const webEditor = sandbox.world.accounts.find((a) => a.api?.menuOrigin === 'web-editor')!.api!;
  const menu = await readMenu(client.forAccount(webEditor.appId, new Secret(webEditor.secret, 'x')));
  t.true(menu.items.length > 0);
  t.true(menu.items.some((i) => i.kind === 'news'));
  const personalized = sandbox.world.accounts.find((a) => (a.menu?.conditional.length ?? 0) > 0)!.api!;
  const both = await readMenu(client.forAccount(personalized.appId, new Secret(personalized.secret, 'x')));
  t.true(both.items.some((i) => i.menu.startsWith('个性化菜单')));
});

test('WeChatClient turns a hanging API into an unreachable error with a hint, without leaking the token', async (t) => {
  const { sandbox, api, account } = await setup(t, { timeoutMs: 300 });
  await api.get('cgi-bin/get_current_selfmenu_info');
  sandbox.api.hang(account.appId, { times: 1 });
  const error = await t.throwsAsync(api.get('cgi-bin/get_current_selfmenu_info'), { instanceOf: WeChatApiError });
  t.is(error?.errcode, unreachableErrcode);
  t.notRegex(`${error!.message} ${error!.errmsg}`, /access_token/);
});

test('hintFor() has an actionable sentence for every code the client maps', (t) => {
  const codes = [40164, 61004, 40001, 40014, 42001, 40013, 40125, 40243, 45009, 45011, -1, 48001, 46003, unreachableErrcode, 99999];
  t.snapshot(Object.fromEntries(codes.map((c) => [c, hintFor(c, 'invalid ip 203.0.113.7 ipv6 ::ffff:203.0.113.7, not in whitelist rid: 1')])));
});
