import anyTest, { type TestFn } from 'ava';
import { adminPassword, hookScope, PageClient, webFor, type WebFixture } from '../helpers/web.ts';

/** The status page as the office publishes it: behind nginx on this computer, at an https address. */
const test = anyTest as TestFn<WebFixture>;
const hook = hookScope();
test.before(async (t) => {
  t.context = await webFor(hook.scope, { web: { publicUrl: 'https://menu.zlt.gov.cn' } });
});
test.after.always(() => hook.close());

/** The login form's round trip as nginx forwards it: the visitor's address appended to X-Forwarded-For, and the scheme. */
function loginVia(client: PageClient, visitor: string, password: string) {
  return client.loginAsAdmin(password, { 'x-forwarded-for': visitor, 'x-forwarded-proto': 'https' });
}

test('one guesser is held back without locking out the admins at other addresses', async (t) => {
  const guesser = new PageClient(t.context.server.url);
  for (let i = 0; i < 5; i++) t.is((await loginVia(guesser, '203.0.113.7', `guess-${i}`)).status, 401);
  t.is((await loginVia(guesser, '203.0.113.7', adminPassword)).status, 429);
  t.is((await loginVia(new PageClient(t.context.server.url), '203.0.113.8', adminPassword)).status, 303, 'an admin elsewhere still gets in');
});

test('the session cookie is Secure through the https address, and plain for an admin who opens the page directly over http', async (t) => {
  const viaProxy = await loginVia(new PageClient(t.context.server.url), '203.0.113.9', adminPassword);
  t.is(viaProxy.status, 303);
  t.regex(viaProxy.headers.get('set-cookie') ?? '', /;\s*Secure/i);

  const direct = new PageClient(t.context.server.url);
  const answer = await direct.loginAsAdmin(adminPassword);
  t.is(answer.status, 303);
  t.notRegex(answer.headers.get('set-cookie') ?? '', /;\s*Secure/i, 'a browser would drop a Secure cookie sent over http');
  t.is((await direct.get('/')).status, 200);
});
