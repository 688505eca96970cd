import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'ava';
import { notifyAfterSweep } from '../../bot/notify-after-sweep.ts';
import { Outbox } from '../../bot/outbox.ts';
import { parseConfig } from '../../config/load.ts';
import { Store } from '../../store/store.ts';
import { SweepService } from '../../sweep/sweep-service.ts';
import { startServer } from '../http/helpers.ts';

const page = '<!doctype html><html><head><title>社保查询</title></head><body><h1>社保查询</h1><p>请输入身份证号码和姓名查询参保缴费记录。查询结果仅供参考，以社保经办机构记录为准。</p></body></html>';

test('a site that fails one request in three never reaches an owner; a site that stays down is told once per reminder period', async (t) => {
  let flakyRequests = 0;
  const server = await startServer(t, (req, res) => {
    if (req.url === '/flaky' && ++flakyRequests % 3 === 0) return res.writeHead(503).end('Service Unavailable');
    if (req.url === '/down') return res.writeHead(500).end('Internal Server Error');
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page);
  });
  const base = `http://127.0.0.1:${server.port}`;
  const config = parseConfig(
    [
      'network: { allowPrivateAddresses: true, timeoutMs: 2000, retries: 2, retryDelayMs: 1 }',
      'schedule: { quietHours: false }',
      // Screenshots of the failing page are not the subject here and would launch a browser every sweep.
      'browser: { enabled: false }',
      'bot: { reminderEveryHours: 24, maxReminders: 50 }',
      'accounts:',
      '  - name: 扎兰屯12333',
      '    platform: wechat-subscription',
      '    owners: [{ name: 王明, remark: 王明-人社局 }]',
      '    menu:',
      '      - name: 办事服务',
      '        sub_button:',
      `          - { type: view, name: 社保查询, url: "${base}/flaky" }`,
      `          - { type: view, name: 医保查询, url: "${base}/down" }`,
    ].join('\n'),
    'flapping.yaml',
    {},
  );
  const dir = await mkdtemp(join(tmpdir(), 'menu-patrol-flapping-'));
  t.teardown(() => rm(dir, { recursive: true, force: true }));
  const store = await Store.open(join(dir, 'menu-patrol.json'));
  const outbox = new Outbox(store, { deliver: async () => ({ ok: true, parts: 1 }) }, { gapMs: { min: 0, max: 0 } });

  const start = Date.parse('2026-11-01T00:30:00Z');
  const sweeps = 100;
  let hour = 0; // hourly sweeps
  const service = new SweepService({ config, store, now: () => new Date(start + hour * 3_600_000), onSwept: (swept) => notifyAfterSweep(swept, config, store, outbox) });
  t.teardown(() => service.close());
  for (; hour < sweeps; hour++) await service.sweep(['扎兰屯12333'], 'schedule');
  const toOwner = store.outbox.filter((m) => m.to.kind === 'person').map((m) => m.message.text);
  const aboutFlaky = toOwner.filter((text) => text.includes('社保查询')).length;
  const aboutDown = toOwner.filter((text) => text.includes('医保查询')).length;
  t.true(flakyRequests >= sweeps, 'the flaky site was really asked every sweep');
  t.is(aboutFlaky, 0);
  // First notice, then one reminder per 24 hours over 99 more hours.
  t.is(aboutDown, 1 + Math.floor((sweeps - 1) / 24));
  t.log(`flaky site: ${flakyRequests} requests, ${Math.floor(flakyRequests / 3)} failed, warnings to the owner: ${aboutFlaky}; site down for ${sweeps} hourly sweeps: ${aboutDown} warnings`);
});
