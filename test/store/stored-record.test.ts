/**
 * What menu-patrol writes to disk, one record of each kind, through the real
 * code paths. A change here is a change to the data file's format: review the
 * snapshot, bump store/schema.ts's version and add a migration step.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'ava';
import { notifyAfterSweep } from '../../bot/notify-after-sweep.ts';
import { Outbox } from '../../bot/outbox.ts';
import { parseConfig } from '../../config/load.ts';
import { Store } from '../../store/store.ts';
import { SweepService } from '../../sweep/sweep-service.ts';
import { startServer } from '../http/helpers.ts';

test('one stored record of each kind', async (t) => {
  const site = await startServer(t, (req, res) => {
    if (req.url === '/gone') return res.writeHead(404, { 'content-type': 'text/html; charset=utf-8' }).end('<title>404 Not Found</title>您访问的页面不存在');
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(`<title>社保查询</title><p>${'请输入身份证号码和姓名查询参保缴费记录，结果以经办机构记录为准。'.repeat(3)}</p>`);
  });
  const config = parseConfig(
    [
      'network: { allowPrivateAddresses: true, timeoutMs: 3000, retries: 0 }',
      'schedule: { quietHours: false }',
      'accounts:',
      '  - name: 扎兰屯12333',
      '    platform: wechat-subscription',
      '    owners: [{ name: 王明, remark: 王明-人社局 }]',
      '    menu:',
      '      - name: 办事服务',
      '        sub_button:',
      `          - { type: view, name: 社保查询, url: "${site.url('/shebao')}" }`,
      `          - { type: view, name: 医保查询, url: "${site.url('/gone')}" }`,
      '  - name: 扎兰屯发布微博',
      '    platform: weibo',
    ].join('\n'),
    'record.yaml',
    {},
  );
  const dir = await mkdtemp(join(tmpdir(), 'menu-patrol-record-'));
  t.teardown(() => rm(dir, { recursive: true, force: true }));
  const file = join(dir, 'menu-patrol.json');
  const store = await Store.open(file);
  const now = () => new Date('2026-12-01T00:30:00Z');
  const outbox = new Outbox(store, { deliver: async () => ({ ok: true, parts: 1 }) }, { gapMs: { min: 0, max: 0 }, now });
  const sweeps = new SweepService({ config, store, now, onSwept: (swept) => notifyAfterSweep(swept, config, store, outbox) });
  await store.recordUpdate('扎兰屯发布微博', { at: '2026-11-28T04:00:00.000Z', by: '李娜', reportedAt: '2026-11-29T02:00:00.000Z' });
  await store.recordConfirmations([{ account: '扎兰屯12333', key: 'ZIXUN', confirmation: { answer: 'success', by: '王明', at: '2026-11-30T02:00:00.000Z' } }]);
  store.apiCache(now).set('article:wx0123456789abcdef:ARTICLE_ID', true); // saved with the run
  await sweeps.sweep(['扎兰屯12333', '扎兰屯发布微博'], 'schedule');
  await store.recordJobRuns(['daily'], '2026-12-01T00:30:00.000Z');

  // Only what differs from run to run is masked: ids, the loopback port (and page hashes, which cover the URL), the temp data folder, timings.
  const text = (await readFile(file, 'utf8'))
    .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, '<uuid>')
    .replaceAll(String(site.port), '<port>')
    .replaceAll(dir, '<data folder>')
    .replace(/[0-9a-f]{16}\.jpg/g, '<url hash>.jpg')
    .replace(/"(elapsedMs|ms)": \d+/g, '"$1": 0')
    .replace(/"pageHash": "[0-9a-f]{64}"/g, '"pageHash": "<sha-256>"');
  t.snapshot(JSON.parse(text));
});
