/** Sweeps after the first, through the sweep service and its store: what the last sweep learnt is used by the next. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test, { type ExecutionContext } from 'ava';
import { parseConfig } from '../../config/load.ts';
import { Store } from '../../store/store.ts';
import { SweepService } from '../../sweep/sweep-service.ts';
import { pageBodies, startChangingSite, type ChangingSite } from '../helpers/changing-site.ts';

async function service(t: ExecutionContext, site: ChangingSite, paths: readonly string[], network: string): Promise<SweepService> {
  const config = parseConfig(
    [
      `network: { allowPrivateAddresses: true, ${network} }`,
      'browser: { enabled: false }',
      'accounts:',
      '  - name: 扎兰屯12333',
      '    platform: wechat-subscription',
      `    menu: [{ name: 办事服务, sub_button: [${paths.map((p, i) => `{ type: view, name: 菜单${i}, url: "${site.url(p)}" }`).join(', ')}] }]`,
    ].join('\n'),
    'incremental.yaml',
    {},
  );
  const dir = await mkdtemp(join(tmpdir(), 'menu-patrol-incremental-'));
  t.teardown(() => rm(dir, { recursive: true, force: true }));
  const sweeps = new SweepService({ config, store: await Store.open(join(dir, 'menu-patrol.json')) });
  t.teardown(() => sweeps.close());
  return sweeps;
}

test('the second sweep asks the pages that were fine whether they changed, and keeps the verdicts', async (t) => {
  const site = await startChangingSite(t, { '/shebao': { body: pageBodies.ok, validation: 'honest' }, '/gone': { body: pageBodies.soft404, validation: 'honest' } });
  const sweeps = await service(t, site, ['/shebao', '/gone'], 'timeoutMs: 3000, retries: 0');
  const first = await sweeps.sweep(['扎兰屯12333'], 'schedule');
  const second = await sweeps.sweep(['扎兰屯12333'], 'schedule');
  t.deepEqual(
    site.requests.slice(2).map((r) => [r.path, r.ifNoneMatch !== undefined]).sort(),
    [['/gone', false], ['/shebao', true]],
  );
  const verdicts = (s: typeof first) => s.result.accounts[0]!.items.map((i) => [i.status, ...i.problems.map((p) => p.code)]);
  t.deepEqual(verdicts(second), verdicts(first));
  t.deepEqual(verdicts(second), [['ok'], ['fail', 'soft-404']]);
});

test('URLs slow or hanging last time are requested first next time, wherever they are in the menu', async (t) => {
  const site = await startChangingSite(t, {
    '/a': { body: pageBodies.ok, validation: 'plain' },
    '/b': { body: pageBodies.ok, validation: 'plain' },
    '/hang': { body: pageBodies.ok, validation: 'plain', hang: true },
    '/slow': { body: pageBodies.ok, validation: 'plain', delayMs: 400 },
  });
  // One request at a time: the order they arrive in is the order the sweep started them.
  const sweeps = await service(t, site, ['/a', '/b', '/hang', '/slow'], 'timeoutMs: 1000, retries: 0, concurrency: 1');
  await sweeps.sweep(['扎兰屯12333'], 'schedule');
  t.deepEqual(site.requests.map((r) => r.path), ['/a', '/b', '/hang', '/slow']);
  await sweeps.sweep(['扎兰屯12333'], 'schedule');
  t.deepEqual(site.requests.slice(4).map((r) => r.path), ['/hang', '/slow', '/a', '/b'], 'the longest wait first');
});
