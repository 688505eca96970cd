import test from 'ava';
import { loadConfig } from '../../config/load.ts';
import { runSweep } from '../../sweep/run-sweep.ts';
import { openSweepDeps } from '../../sweep/sweep-deps.ts';
import { WeChatClient } from '../../wechat/client.ts';
import { recordCache } from '../../store/api-cache.ts';
import { demoFor } from '../helpers/demo.ts';

test('WeChat API faults in the middle of a sweep: each account recovers or ends `error` with its hint, without a retry storm', async (t) => {
  const demo = await demoFor(t);
  const config = await loadConfig(demo.configPath, demo.env);
  const api = demo.sandbox.api;
  const idOf = (name: string) => config.accounts.find((a) => a.name === name)!.appId!;
  const faults: Record<string, () => void> = {
    扎兰屯12333: () => api.inject(idOf('扎兰屯12333'), { errcode: 45009, times: 100 }),
    扎兰统计: () => api.inject(idOf('扎兰统计'), { errcode: -1, times: 2 }),
    扎兰屯市医疗保障局: () => api.inject(idOf('扎兰屯市医疗保障局'), { errcode: 40001, times: 1 }),
    扎兰屯市司法局: () => api.inject(idOf('扎兰屯市司法局'), { errcode: 42001, times: 1 }),
    扎兰城管: () => api.hang(idOf('扎兰城管'), { times: 100 }),
    扎兰屯市自然资源局: () => {}, // 40164: its IP is not whitelisted
  };
  const accounts = config.accounts.filter((a) => a.name in faults);
  // Long enough for a busy CI machine, short enough that the hanging API is given up on quickly.
  const wechat = new WeChatClient({ apiBase: config.wechat.apiBase, timeoutMs: 2000, busyRetryDelayMs: 10 });
  // Tokens first, so 40001/42001 arrive after a token was issued.
  for (const a of accounts) await wechat.forAccount(a.appId!, a.appSecret!).get('cgi-bin/get_current_selfmenu_info').catch(() => undefined);
  for (const inject of Object.values(faults)) inject();
  const before = api.calls.length;

  const deps = openSweepDeps(config, recordCache({}, () => new Date()), wechat);
  t.teardown(() => deps.close());
  const result = await runSweep(accounts, { ...deps, trigger: 'cli' });
  const status = Object.fromEntries(result.accounts.map((a) => [a.name, a.error ? `error ${a.error.errcode}` : a.status]));
  t.like(status, {
    扎兰屯12333: 'error 45009',
    扎兰城管: 'error -9999',
    扎兰屯市自然资源局: 'error 40164',
  });
  for (const name of ['扎兰统计', '扎兰屯市医疗保障局', '扎兰屯市司法局']) t.false(status[name]!.startsWith('error'), `${name} recovered: ${status[name]}`);
  for (const a of result.accounts.filter((x) => x.error)) t.true(a.error!.hint.length > 10);

  const calls = api.calls.slice(before);
  const per = (name: string) => calls.filter((c) => c.appid === idOf(name)).length;
  t.is(per('扎兰屯12333'), 1, '45009 is not retried');
  t.true(per('扎兰统计') <= 2 + 2 + 2, 'a -1 burst costs a few calls');
  t.true(calls.length <= 40, `${calls.length} API calls for ${accounts.length} accounts`);
  t.log(`API calls during the sweep: ${calls.length} for ${accounts.length} accounts; statuses: ${JSON.stringify(status)}`);
});
