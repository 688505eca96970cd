import test from 'ava';
import { parseConfig } from '../../config/load.ts';
import { proxyCheck } from '../../doctor/checks/proxy.ts';
import { closedPort, startProxy, startServer } from '../http/helpers.ts';

const config = parseConfig('network: { timeoutMs: 3000 }\naccounts: [{ name: 扎兰屯发布, platform: weibo }]\n', 'menu-patrol.yaml', {});

async function check(env: NodeJS.ProcessEnv) {
  if (!proxyCheck.needsConfig) throw new Error('the proxy check reads the WeChat API host from the config');
  return proxyCheck.run({ config, env, db: 'data/menu-patrol.json', send: false });
}

test('proxy check: a proxy nobody listens on, one that refuses the tunnel, and credentials that work but are never shown', async (t) => {
  const origin = await startServer(t, (_req, res) => res.end('ok'));
  const refusing = await startProxy(t, origin.port, { refuse: 403 });
  const lines = await check({ HTTPS_PROXY: refusing.url, HTTP_PROXY: `http://127.0.0.1:${await closedPort()}` });
  t.like(lines[0], { mark: 'fail', found: '代理不让访问 api.weixin.qq.com（HTTP 403）' });
  t.regex(lines[0]?.fix ?? '', /放行 api\.weixin\.qq\.com 的 443 端口/);
  t.like(lines[1], { mark: 'fail', found: '连不上代理服务器（ECONNREFUSED）' });
  t.deepEqual(refusing.connects, ['api.weixin.qq.com:443'], 'asked for the WeChat API host; the fake routes it to loopback');

  const guarded = await startProxy(t, origin.port, { credentials: 'zlt:p@ss w0rd' });
  const [https] = await check({ https_proxy: guarded.urlWith('zlt:p%40ss%20w0rd'), NO_PROXY: 'api.weixin.qq.com' });
  t.like(https, { mark: 'ok', subject: `HTTPS_PROXY（${guarded.url}）` });
  t.false(JSON.stringify(https).includes('w0rd'), 'the password is not shown');
  t.is(guarded.authorizations[0], `Basic ${Buffer.from('zlt:p@ss w0rd').toString('base64')}`);
});
