import test from 'ava';
import { parseConfig } from '../../config/load.ts';
import { clockCheck } from '../../doctor/checks/clock.ts';
import { closedPort } from '../http/helpers.ts';
import { startFakeWeChatApi } from './fake-wechat-api.ts';

async function check(apiBase: string) {
  const config = parseConfig(`network: { timeoutMs: 3000 }\nwechat: { apiBase: "${apiBase}" }\naccounts: [{ name: 扎兰屯发布, platform: weibo }]\n`, 'menu-patrol.yaml', {});
  if (!clockCheck.needsConfig) throw new Error('the clock check reads the WeChat API address from the config');
  return clockCheck.run({ config, env: {}, db: 'data/menu-patrol.json', send: false });
}

test('clock check: ten minutes fast is a warning with how to resync; an unreachable API is a warning, not a guess', async (t) => {
  const api = await startFakeWeChatApi(t, [], -10 * 60_000);
  const [fast] = await check(api.apiBase);
  t.like(fast, { mark: 'warn', found: '比微信服务器快约 10 分钟' });
  t.regex(fast?.fix ?? '', /自动同步时间/);
  const [unreachable] = await check(`http://127.0.0.1:${await closedPort()}`);
  t.like(unreachable, { mark: 'warn', found: '连不上微信接口服务器（ECONNREFUSED），无法核对时间' });
});
