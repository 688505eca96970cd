import { once } from 'node:events';
import net, { type AddressInfo } from 'node:net';
import test from 'ava';
import { parseConfig } from '../../config/load.ts';
import { webCheck } from '../../doctor/checks/web.ts';
import { closedPort } from '../http/helpers.ts';

async function check(web: string, env: Record<string, string> = {}) {
  const config = parseConfig(`web: ${web}\naccounts: [{ name: 扎兰屯发布, platform: weibo }]\n`, 'menu-patrol.yaml', env);
  if (!webCheck.needsConfig) throw new Error('the web check reads web: from the config');
  return webCheck.run({ config, env, db: 'data/menu-patrol.json', send: false });
}

test('a free address, a password and an https address for owners are all ✓; the password never shows', async (t) => {
  const lines = await check(`{ listen: "127.0.0.1:${await closedPort()}", adminPassword: env:WEB_PW, publicUrl: "https://menu.zlt.gov.cn" }`, { WEB_PW: 'pw-31337' });
  t.deepEqual(lines.map((l) => l.mark), ['ok', 'ok', 'ok']);
  t.false(JSON.stringify(lines).includes('pw-31337'));
  t.snapshot(lines.map((l) => ({ ...l, subject: l.subject.replace(/:\d+$/, ':PORT') })));
});

test('a port another program holds is a warning that names the likely holder; an address not on this computer is ✗', async (t) => {
  const holder = net.createServer().listen(0, '127.0.0.1');
  await once(holder, 'listening');
  t.teardown(() => holder.close());
  const [busy] = await check(`{ listen: "127.0.0.1:${(holder.address() as AddressInfo).port}" }`);
  t.like(busy, { mark: 'warn' });
  t.regex(busy!.fix ?? '', /menu-patrol serve 已经在运行/);
  // 192.0.2.1 is TEST-NET-1: never one of this computer's addresses.
  const [foreign] = await check('{ listen: "192.0.2.1:8730" }');
  t.like(foreign, { mark: 'fail', found: '不能在这里打开（这台电脑没有这个地址）' });
});

test('no password, owners\' links over plain http, and a page turned off say what that means', async (t) => {
  const lines = await check(`{ listen: ${await closedPort()}, publicUrl: "http://192.168.1.20:8730" }`);
  t.deepEqual(lines.map((l) => l.mark), ['ok', 'warn', 'warn']);
  t.snapshot(lines.slice(1));
  t.deepEqual(await check('false'), [{ mark: 'ok', topic: '状态网页', subject: '', found: '没有开启（web: false）' }]);
  const [, , prefixed] = await check(`{ listen: ${await closedPort()}, adminPassword: env:WEB_PW, publicUrl: "https://www.zlt.gov.cn/xcjc/" }`, { WEB_PW: 'pw' });
  t.like(prefixed, { mark: 'warn', found: 'https://www.zlt.gov.cn/xcjc/ 带有路径 /xcjc/' });
});
