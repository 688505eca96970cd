import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'ava';
import { parseConfig } from '../../config/load.ts';
import { Store } from '../../store/store.ts';
import { SweepService, type Swept } from '../../sweep/sweep-service.ts';
import { startServer } from '../http/helpers.ts';
import { until } from '../helpers/until.ts';

const page = `<!doctype html><title>社保查询</title><p>${'请输入身份证号码和姓名查询参保缴费记录，结果以经办机构记录为准。'.repeat(3)}</p>`;

test('a request joins a sweep still checking its accounts, but not one already telling owners: that one gets a fresh look', async (t) => {
  let release: (() => void) | undefined;
  const site = await startServer(t, (req, res) => {
    const send = () => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page);
    // The first page waits until the test lets it go, so a second request arrives while the first sweep checks.
    if (site.hits.length === 1) release = send;
    else send();
  });
  const config = parseConfig(
    ['network: { allowPrivateAddresses: true, timeoutMs: 20000, retries: 0 }', 'browser: { enabled: false }', 'accounts:', '  - name: 扎兰屯12333', '    platform: wechat-subscription', `    menu: [{ type: view, name: 社保查询, url: "${site.url('/shebao')}" }]`].join('\n'),
    'join.yaml',
    {},
  );
  const dir = await mkdtemp(join(tmpdir(), 'menu-patrol-join-'));
  t.teardown(() => rm(dir, { recursive: true, force: true }));
  let telling: (() => void) | undefined;
  const told: string[] = [];
  const service = new SweepService({
    config,
    store: await Store.open(join(dir, 'menu-patrol.json')),
    onSwept: (swept: Swept) => {
      told.push(swept.result.run.id);
      // The first sweep's notices take a while to go out.
      return told.length === 1 ? new Promise<void>((resolve) => (telling = resolve)) : Promise.resolve();
    },
  });
  t.teardown(() => service.close());

  const first = service.sweep(['扎兰屯12333'], 'schedule');
  await until(() => release !== undefined, 'the first sweep is fetching');
  const joined = service.sweep(['扎兰屯12333'], 'cli');
  release!();
  await until(() => telling !== undefined, 'the first sweep is telling owners');
  const fresh = service.sweep(['扎兰屯12333'], 'recheck');
  telling!();
  const [a, b, c] = await Promise.all([first, joined, fresh]);
  t.is(b.result.run.id, a.result.run.id, 'joined the sweep that was still checking');
  t.not(c.result.run.id, a.result.run.id, 'a recheck after the checking was done is a sweep of its own');
  t.is(c.result.run.trigger, 'recheck');
  t.is(site.hits.length, 2);
});
