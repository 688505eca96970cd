import { setTimeout as sleep } from 'node:timers/promises';
import test from 'ava';
import { conditionalMenus, fromSelfMenuInfo } from '../../core/menu.ts';
import { apiAccount, getJson, postJson, sandboxFor, tokenFor } from './helpers.ts';

const stable = (appid: string, secret: string, extra: Record<string, unknown> = {}) => ({
  grant_type: 'client_credential',
  appid,
  secret,
  ...extra,
});

test('stable_token in normal mode returns the same token while it is valid; force_refresh replaces it', async (t) => {
  const sandbox = await sandboxFor(t);
  const { appId, secret } = apiAccount(sandbox, '扎兰屯12333');
  const url = `${sandbox.apiBase}/cgi-bin/stable_token`;
  const first = await postJson(url, stable(appId, secret));
  t.is(typeof first.access_token, 'string');
  t.true((first.access_token as string).length > 100);
  t.true((first.expires_in as number) <= 7200 && (first.expires_in as number) > 7100);
  const second = await postJson(url, stable(appId, secret, { force_refresh: false }));
  t.is(second.access_token, first.access_token);
  t.true((second.expires_in as number) <= (first.expires_in as number));

  const forced = await postJson(url, stable(appId, secret, { force_refresh: true }));
  t.not(forced.access_token, first.access_token);
  const old = await getJson(`${sandbox.apiBase}/cgi-bin/get_current_selfmenu_info?access_token=${first.access_token as string}`);
  t.is(old.errcode, 40001);
});

test('a token expires after its lifetime (42001) and stable_token then issues a new one', async (t) => {
  // Long enough that a loaded machine still uses the token inside its lifetime, short enough to wait out.
  const sandbox = await sandboxFor(t, { tokenTtlSeconds: 2 });
  const { appId } = apiAccount(sandbox, '扎兰屯12333');
  const token = await tokenFor(sandbox, appId);
  const menuUrl = (tok: string) => `${sandbox.apiBase}/cgi-bin/get_current_selfmenu_info?access_token=${tok}`;
  t.is((await getJson(menuUrl(token))).is_menu_open, 1);
  await sleep(2100);
  const expired = await getJson(menuUrl(token));
  t.is(expired.errcode, 42001);
  t.regex(expired.errmsg as string, /^access_token expired rid: [0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{8}$/);
  const renewed = await tokenFor(sandbox, appId);
  t.not(renewed, token);
  t.is((await getJson(menuUrl(renewed))).is_menu_open, 1);
});

test('expireTokens ends tokens at once, for tests that do not want to wait', async (t) => {
  const sandbox = await sandboxFor(t);
  const { appId } = apiAccount(sandbox, '扎兰屯12333');
  const token = await tokenFor(sandbox, appId);
  sandbox.api.expireTokens(appId);
  t.is((await getJson(`${sandbox.apiBase}/cgi-bin/menu/get?access_token=${token}`)).errcode, 42001);
  sandbox.api.setTokenTtl(60);
  const fresh = await postJson(`${sandbox.apiBase}/cgi-bin/stable_token`, stable(appId, apiAccount(sandbox, '扎兰屯12333').secret));
  t.true((fresh.expires_in as number) <= 60);
});

test('credential and token errors come with the real codes and a rid suffix', async (t) => {
  const sandbox = await sandboxFor(t);
  const { appId, secret } = apiAccount(sandbox, '扎兰屯12333');
  const url = `${sandbox.apiBase}/cgi-bin/stable_token`;
  const badSecret = await postJson(url, stable(appId, '0'.repeat(32)));
  t.is(badSecret.errcode, 40125);
  t.regex(badSecret.errmsg as string, /^invalid appsecret rid: \S+$/);
  t.is((await postJson(url, stable('wx0000000000000000', secret))).errcode, 40013);
  t.is((await postJson(url, { appid: appId, secret })).errcode, 40002);

  const blocked = apiAccount(sandbox, '扎兰屯市自然资源局');
  const ip = await postJson(url, stable(blocked.appId, blocked.secret));
  t.is(ip.errcode, 40164);
  t.regex(ip.errmsg as string, /^invalid ip 203\.0\.113\.7 ipv6 ::ffff:203\.0\.113\.7, not in whitelist rid: \S+$/);

  t.is((await getJson(`${sandbox.apiBase}/cgi-bin/get_current_selfmenu_info`)).errcode, 41001);
  const unknown = await getJson(`${sandbox.apiBase}/cgi-bin/get_current_selfmenu_info?access_token=nope`);
  t.is(unknown.errcode, 40001);
  t.regex(unknown.errmsg as string, /^invalid credential, access_token is invalid or not latest rid: /);
  t.is((await getJson(url)).errcode, 43002, 'stable_token is POST only');
});

test('cgi-bin/token answers like the real one and every call is recorded, secrets never', async (t) => {
  const sandbox = await sandboxFor(t);
  const { appId, secret } = apiAccount(sandbox, '扎兰屯市司法局');
  const classic = await getJson(`${sandbox.apiBase}/cgi-bin/token?grant_type=client_credential&appid=${appId}&secret=${secret}`);
  t.is(typeof classic.access_token, 'string');
  t.is(classic.expires_in, 7200);
  const token = await tokenFor(sandbox, appId);
  await getJson(`${sandbox.apiBase}/cgi-bin/menu/get?access_token=${token}`);
  t.deepEqual(sandbox.api.calls, [
    { method: 'GET', path: '/cgi-bin/token', appid: appId },
    { method: 'POST', path: '/cgi-bin/stable_token', appid: appId },
    { method: 'GET', path: '/cgi-bin/menu/get', appid: appId },
  ]);
  t.false(JSON.stringify(sandbox.api.calls).includes(secret));
});

test('get_current_selfmenu_info wraps children in {list}; core/menu reads every item', async (t) => {
  const sandbox = await sandboxFor(t);
  const account = sandbox.world.accounts.find((a) => a.name === '扎兰屯博物馆');
  const token = await tokenFor(sandbox, account?.api?.appId ?? '');
  const body = await getJson(`${sandbox.apiBase}/cgi-bin/get_current_selfmenu_info?access_token=${token}`);
  t.is(body.is_menu_open, 1);
  const buttons = (body.selfmenu_info as { button: { name: string; sub_button: { list: Record<string, unknown>[] } }[] }).button;
  t.deepEqual(buttons.map((b) => b.name), account?.menu?.sections.map((s) => s.name));
  for (const b of buttons) t.true(Array.isArray(b.sub_button.list));
  const news = buttons.flatMap((b) => b.sub_button.list).find((l) => l.name === '馆藏精品');
  const list = (news?.news_info as { list: Record<string, unknown>[] }).list;
  t.is(list.length, 3);
  t.deepEqual(Object.keys(list[0] ?? {}).sort(), ['author', 'content_url', 'cover_url', 'digest', 'show_cover', 'source_url', 'title']);
  t.regex(list[0]?.content_url as string, /^http:\/\/mp\.weixin\.qq\.com:\d+\/s\?__biz=[A-Za-z0-9+/=]+&mid=\d+&idx=1&sn=[0-9a-f]{32}/);

  const items = fromSelfMenuInfo(body).items;
  const leaves = account?.menu?.sections.flatMap((s) => s.items) ?? [];
  t.is(items.length, leaves.reduce((n, l) => n + (l.type === 'news' ? l.articles.length : 1), 0));
  t.true(items.some((i) => i.path.join('>') === '参观服务>馆藏精品>馆藏精品｜清代蒙古族银鞍具'));
});

test('menu/get uses plain arrays and lists the personalized menu; a web-editor menu answers 46003', async (t) => {
  const sandbox = await sandboxFor(t);
  const ndrc = apiAccount(sandbox, '扎兰屯发展和改革局');
  const body = await getJson(`${sandbox.apiBase}/cgi-bin/menu/get?access_token=${await tokenFor(sandbox, ndrc.appId)}`);
  const menu = body.menu as { button: { sub_button: { sub_button: unknown }[] }[]; menuid: number };
  t.is(typeof menu.menuid, 'number');
  for (const b of menu.button) {
    t.true(Array.isArray(b.sub_button));
    for (const leaf of b.sub_button) t.deepEqual(leaf.sub_button, []);
  }
  const conditional = body.conditionalmenu as { matchrule: unknown; menuid: number }[];
  t.is(conditional.length, 1);
  t.deepEqual(conditional[0]?.matchrule, { tag_id: '101' });
  const expected = sandbox.expected.find((e) => e.account === '扎兰屯发展和改革局');
  t.true(conditionalMenus(body).items.some((i) => i.menu === expected?.menu && i.path.join('>') === expected?.path.join('>')));

  const editor = apiAccount(sandbox, '智慧向阳');
  const token = await tokenFor(sandbox, editor.appId);
  const noMenu = await getJson(`${sandbox.apiBase}/cgi-bin/menu/get?access_token=${token}`);
  t.is(noMenu.errcode, 46003);
  t.regex(noMenu.errmsg as string, /^menu no exist rid: /);
  const live = await getJson(`${sandbox.apiBase}/cgi-bin/get_current_selfmenu_info?access_token=${token}`);
  t.true(fromSelfMenuInfo(live).items.some((i) => i.type === 'text' && i.fields.value === undefined));
});

test('injected errors hit the next N token calls (or one path), then the API recovers', async (t) => {
  const sandbox = await sandboxFor(t);
  const { appId } = apiAccount(sandbox, '扎兰交警');
  const token = await tokenFor(sandbox, appId);
  const self = `${sandbox.apiBase}/cgi-bin/get_current_selfmenu_info?access_token=${token}`;
  const get = `${sandbox.apiBase}/cgi-bin/menu/get?access_token=${token}`;

  sandbox.api.inject(appId, { errcode: -1, times: 2 });
  t.is((await getJson(self)).errcode, -1);
  t.is((await getJson(get)).errcode, -1);
  t.is((await getJson(self)).is_menu_open, 1);

  sandbox.api.inject(appId, { errcode: 45009, path: '/cgi-bin/menu/get' });
  t.is((await getJson(self)).is_menu_open, 1);
  const quota = await getJson(get);
  t.is(quota.errcode, 45009);
  t.regex(quota.errmsg as string, /^reach max api daily quota limit rid: /);

  sandbox.api.inject(appId, { errcode: 40001 });
  t.is((await getJson(self)).errcode, 40001, 'a valid token reported stale, as after someone else refreshed');
  sandbox.api.inject(appId, { errcode: 48001, errmsg: 'api unauthorized hint: [x]' });
  t.regex((await getJson(self)).errmsg as string, /^api unauthorized hint: \[x\] rid: /);

  sandbox.api.inject(appId, { errcode: -1, path: '/cgi-bin/stable_token' });
  const { secret } = apiAccount(sandbox, '扎兰交警');
  t.is((await postJson(`${sandbox.apiBase}/cgi-bin/stable_token`, stable(appId, secret))).errcode, -1);
  t.is((await postJson(`${sandbox.apiBase}/cgi-bin/stable_token`, stable(appId, secret))).access_token, token);
});

test('a hung call never answers, so a client timeout fires; the next call is answered', async (t) => {
  const sandbox = await sandboxFor(t);
  const { appId } = apiAccount(sandbox, '扎兰交警');
  const token = await tokenFor(sandbox, appId);
  const self = `${sandbox.apiBase}/cgi-bin/get_current_selfmenu_info?access_token=${token}`;
  sandbox.api.hang(appId);
  const started = Date.now();
  const outcome = await fetch(self, { signal: AbortSignal.timeout(300) }).then(
    () => 'answered',
    (error: unknown) => (error as { name?: string }).name, // a DOMException, not an Error
  );
  t.is(outcome, 'TimeoutError');
  t.true(Date.now() - started >= 290);
  t.is((await getJson(self)).is_menu_open, 1);
});
