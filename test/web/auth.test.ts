import { readFile, stat } from 'node:fs/promises';
import anyTest, { type TestFn } from 'ava';
import { Secret } from '../../config/secret.ts';
import { Auth } from '../../web/auth.ts';
import { signingKeyFile } from '../../web/signing-key.ts';
import { adminPassword, hookScope, PageClient, someOwner, webFor, type WebFixture } from '../helpers/web.ts';

/** One swept demo and one page for the file: the tests that move the clock run serially and put it back. */
const test = anyTest as TestFn<WebFixture>;
const hook = hookScope();
test.before(async (t) => {
  t.context = await webFor(hook.scope);
});
test.after.always(() => hook.close());

const linkPath = (link: string) => new URL(link).pathname;
const accountPath = (name: string) => `/accounts/${encodeURIComponent(name)}`;

async function asOwner(t: { context: WebFixture }, owner: string): Promise<PageClient> {
  const client = new PageClient(t.context.server.url);
  const answer = await client.get(linkPath(t.context.server.ownerLink(owner)));
  if (answer.status !== 303) throw new Error(`owner link answered ${answer.status}`);
  return client;
}

async function asAdmin(t: { context: WebFixture }): Promise<PageClient> {
  const client = new PageClient(t.context.server.url);
  const answer = await client.loginAsAdmin(adminPassword);
  if (answer.status !== 303) throw new Error(`login answered ${answer.status}`);
  return client;
}

test('a new admin password signs every admin out; owners stay signed in; a new signing key signs everyone out', (t) => {
  const key = Buffer.alloc(32, 7);
  const now = () => new Date('2026-12-08T04:00:00Z');
  const settings = (password: string) => ({ linkDays: 7, sessionHours: 12, adminPassword: new Secret(password, 'env:MENU_PATROL_WEB_PASSWORD') });
  const before = new Auth(key, settings('old-pass-1'), now);
  const admin = before.sessionCookie(before.newSession({ role: 'admin' }));
  const owner = before.sessionCookie(before.newSession({ role: 'owner', owner: '王明' }));
  t.like(before.readSession(admin), { viewer: { role: 'admin' } });

  const changed = new Auth(key, settings('new-pass-2'), now);
  t.is(changed.readSession(admin), 'tampered');
  t.like(changed.readSession(owner), { viewer: { role: 'owner', owner: '王明' } });
  t.like(changed.readSession(changed.sessionCookie(changed.newSession({ role: 'admin' }))), { viewer: { role: 'admin' } });

  const rekeyed = new Auth(Buffer.alloc(32, 8), settings('old-pass-1'), now);
  t.is(rekeyed.readSession(admin), 'tampered');
  t.is(rekeyed.readSession(owner), 'tampered');
  // An owner's cookie edited to claim the admin role is still refused.
  const [payload, mac] = owner.split('.');
  const claimed = JSON.parse(Buffer.from(payload!, 'base64url').toString('utf8'));
  const forged = `${Buffer.from(JSON.stringify({ ...claimed, viewer: { role: 'admin' } })).toString('base64url')}.${mac}`;
  t.is(before.readSession(forged), 'tampered');
});

test('without a session every page and API answers 401 with the login page, and shows no account', async (t) => {
  const { server, config } = t.context;
  const client = new PageClient(server.url);
  for (const path of ['/', '/runs', accountPath(config.accounts[0]!.name), '/report.xlsx', '/events', '/version', '/evidence/x']) {
    const answer = await client.get(path);
    t.is(answer.status, 401, path);
    t.true(answer.text.includes('请先登录'), path);
    t.false(config.accounts.some((a) => answer.text.includes(a.name)), path);
  }
});

test('an admin logs in with the password from the environment and sees every account; a wrong password is refused', async (t) => {
  const { server, config } = t.context;
  const client = new PageClient(server.url);
  const wrong = await client.loginAsAdmin('guess');
  t.is(wrong.status, 401);
  t.true(wrong.text.includes('密码不对'));
  const right = await client.loginAsAdmin(adminPassword);
  t.is(right.status, 303);
  t.is(right.headers.get('location'), '/');
  t.regex(right.headers.get('set-cookie') ?? '', /HttpOnly/i);
  t.regex(right.headers.get('set-cookie') ?? '', /SameSite=Lax/i);
  const page = await client.get('/');
  t.is(page.status, 200);
  for (const a of config.accounts) t.true(page.text.includes(a.name), a.name);
  t.false(page.text.includes(adminPassword));
});

test("an owner's link signs them in on a clean address and shows only their accounts, on every page", async (t) => {
  const { server, config } = t.context;
  const { owner } = someOwner(config);
  const client = new PageClient(server.url);
  const link = await client.get(linkPath(server.ownerLink(owner)));
  t.is(link.status, 303);
  t.is(link.headers.get('location'), '/');
  const mine = config.accounts.filter((a) => a.owners.some((o) => o.name === owner));
  const others = config.accounts.filter((a) => !mine.includes(a));
  t.true(mine.length > 0 && others.length > 0);
  const page = await client.get('/');
  t.is(page.status, 200);
  for (const a of mine) t.true(page.text.includes(a.name), a.name);
  for (const a of others) t.false(page.text.includes(`>${a.name}<`), a.name);
  t.is((await client.get(accountPath(mine[0]!.name))).status, 200);
  const other = await client.get(accountPath(others[0]!.name));
  t.is(other.status, 404);
  t.false(other.text.includes(others[0]!.name));
  const runs = await client.get('/runs');
  t.is(runs.status, 200);
  const swept = t.context.store.runs[0]!.accounts.filter((a) => mine.some((m) => m.name === a.name)).length;
  t.true(runs.text.includes(`巡检 ${swept} 个账号`));
});

test('a forged link, a link for someone not in the register and a tampered link are refused with 403', async (t) => {
  const { server, config } = t.context;
  const { owner } = someOwner(config);
  const client = new PageClient(server.url);
  const good = linkPath(server.ownerLink(owner));
  const [payload, mac] = good.slice('/link/'.length).split('.');
  const otherPayload = Buffer.from(JSON.stringify({ o: config.bot.admins[0]!.name, e: Date.now() + 86_400_000 })).toString('base64url');
  for (const path of [`/link/${payload}.${mac!.slice(0, -2)}AA`, `/link/${otherPayload}.${mac}`, '/link/nonsense', linkPath(server.ownerLink('不在名单里的人'))]) {
    const answer = await client.get(path);
    t.is(answer.status, 403, path);
    t.true(answer.text.includes('这个链接无效或已经过期'), path);
    t.is(client.cookie, '', path);
  }
});

test.serial('an expired link is refused with 403, and a session ends after sessionHours', async (t) => {
  const { server, config, clock } = t.context;
  const { owner } = someOwner(config);
  const started = clock.now;
  t.teardown(() => {
    clock.now = started;
  });
  const link = linkPath(server.ownerLink(owner));
  const client = await asOwner(t, owner);
  clock.now = new Date(started.getTime() + 13 * 3_600_000);
  const expiredSession = await client.get('/');
  t.is(expiredSession.status, 401);
  t.true(expiredSession.text.includes('登录已过期'));
  clock.now = new Date(started.getTime() + 8 * 86_400_000);
  const answer = await new PageClient(server.url).get(link);
  t.is(answer.status, 403);
  t.true(answer.text.includes('已经过期'));
});

test('a tampered session cookie gets the login page and the cookie is cleared', async (t) => {
  const client = await asAdmin(t);
  const [name, value] = client.cookie.split('=');
  const [payload, mac] = value!.split('.');
  const forged = Buffer.from(JSON.stringify({ viewer: { role: 'admin' }, csrf: 'x', expires: Date.now() + 1e9 })).toString('base64url');
  for (const cookie of [`${name}=${forged}.${mac}`, `${name}=${payload}.${mac!.slice(1)}x`, `${name}=garbage`]) {
    client.cookie = cookie;
    const answer = await client.get('/');
    t.is(answer.status, 401, cookie);
    t.true(answer.text.includes('登录信息无效'), cookie);
    t.regex(answer.headers.getSetCookie().join('\n'), /Max-Age=0|expires=Thu, 01 Jan 1970/i);
  }
});

test('cross-site POSTs are refused: a foreign Origin, a cross-site fetch, or a form without the session token', async (t) => {
  const { config } = t.context;
  const client = await asAdmin(t);
  const page = await client.get(accountPath(config.accounts[0]!.name));
  const csrf = PageClient.csrfIn(page);
  const recheck = `${accountPath(config.accounts[0]!.name)}/recheck`;
  const evil = { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' };
  t.is((await client.post(recheck, { csrf }, evil)).status, 403);
  t.is((await client.post(recheck, { csrf }, { origin: 'null' })).status, 403);
  t.is((await client.post(recheck, { csrf: 'not-the-token' })).status, 403);
  t.is((await client.post(recheck, {})).status, 403);
  t.is((await client.post('/logout', { csrf }, evil)).status, 403);
  const login = new PageClient(t.context.server.url);
  const form = await login.get('/login');
  const crossLogin = await login.post('/login', { csrf: PageClient.csrfIn(form), password: adminPassword }, evil);
  t.is(crossLogin.status, 403);
  t.true(crossLogin.text.includes('不能打开'));
  t.is((await client.get('/')).status, 200, 'still signed in');
});

test.serial('recheck: an admin on any account, an owner on their own only; it goes through the sweep service and says it is queued', async (t) => {
  const { config, store } = t.context;
  const { owner, account } = someOwner(config);
  const other = config.accounts.find((a) => !a.owners.some((o) => o.name === owner) && a.platform !== 'weibo')!;
  const ownerClient = await asOwner(t, owner);
  const page = await ownerClient.get(accountPath(account));
  t.true(page.text.includes('现在复查这个账号'));
  const denied = await ownerClient.post(`${accountPath(other.name)}/recheck`, { csrf: PageClient.csrfIn(page) });
  t.is(denied.status, 404);
  const before = store.runs.length;
  const queued = await ownerClient.post(`${accountPath(account)}/recheck`, { csrf: PageClient.csrfIn(page) });
  t.is(queued.status, 200);
  t.true(queued.text.includes('已安排复查'));
  const deadline = Date.now() + 30_000;
  while (store.runs.length === before && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  const last = store.lastRun()!;
  t.is(last.run.trigger, 'recheck');
  t.deepEqual(last.accounts.map((a) => a.name), [account]);
});

test('logout ends the session', async (t) => {
  const client = await asAdmin(t);
  const page = await client.get('/');
  const out = await client.post('/logout', { csrf: PageClient.csrfIn(page) });
  t.is(out.status, 303);
  t.is(client.cookie, '');
  t.is((await client.get('/')).status, 401);
});

test.serial('failed logins are limited per address: the sixth try within 15 minutes waits, even with the right password', async (t) => {
  const client = new PageClient(t.context.server.url);
  for (let i = 0; i < 5; i++) t.is((await client.loginAsAdmin(`wrong-${i}`)).status, 401);
  const blocked = await client.loginAsAdmin(adminPassword);
  t.is(blocked.status, 429);
  t.regex(blocked.text, /请 \d+ 分钟后再试/);
  const { clock } = t.context;
  const started = clock.now;
  t.teardown(() => {
    clock.now = started;
  });
  clock.now = new Date(started.getTime() + 16 * 60_000);
  t.is((await client.loginAsAdmin(adminPassword)).status, 303);
});

test.serial('without a reverse proxy configured, a guesser cannot dodge the limit by claiming other addresses in X-Forwarded-For', async (t) => {
  const client = new PageClient(t.context.server.url);
  const claiming = (i: number, password: string) => client.loginAsAdmin(password, { 'x-forwarded-for': `198.51.100.${i}` });
  for (let i = 0; i < 5; i++) t.is((await claiming(i, `wrong-${i}`)).status, 401);
  t.is((await claiming(5, adminPassword)).status, 429);
  const { clock } = t.context;
  const started = clock.now;
  t.teardown(() => {
    clock.now = started;
  });
  clock.now = new Date(started.getTime() + 16 * 60_000);
  t.is((await client.loginAsAdmin(adminPassword)).status, 303, 'and the count clears as before');
});

test('pages send security headers: a CSP without inline script, no framing, no-store', async (t) => {
  const client = await asAdmin(t);
  const page = await client.get('/');
  const csp = page.headers.get('content-security-policy') ?? '';
  t.regex(csp, /script-src 'self'/);
  t.notRegex(csp, /unsafe-inline/);
  t.regex(csp, /frame-ancestors 'none'/);
  t.is(page.headers.get('x-frame-options'), 'DENY');
  t.is(page.headers.get('cache-control'), 'no-store');
  t.false(/<script>|<script [^>]*>[^<]/.test(page.text), 'no inline script');
});

test('the signing key is kept beside the data file, readable by its owner only, and never in the store', async (t) => {
  const { store } = t.context;
  const file = signingKeyFile(store.file);
  t.is((await stat(file)).mode & 0o777, 0o600);
  const key = await readFile(file);
  const data = await readFile(store.file, 'utf8');
  t.false(data.includes(key.toString('base64')));
  t.false(data.includes(key.toString('hex')));
  t.false(data.includes(adminPassword));
});
