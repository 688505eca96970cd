import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test, { type ExecutionContext } from 'ava';
import { parseConfig } from '../../config/load.ts';
import { schemaVersion } from '../../store/schema.ts';
import { Store, StoreError } from '../../store/store.ts';
import { SweepService } from '../../sweep/sweep-service.ts';
import { startServer } from '../http/helpers.ts';
import { fixture } from '../helpers/paths.ts';

// Written by menu-patrol at d757c4f (before the schedules and the content checks): version 1, no jobRuns, no updates.
const v1 = fixture('stores', 'v1-before-schedules', 'menu-patrol.json').path;

async function copyOfV1(t: ExecutionContext): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'menu-patrol-migrate-'));
  t.teardown(() => rm(dir, { recursive: true, force: true }));
  const file = join(dir, 'menu-patrol.json');
  await copyFile(v1, file);
  return file;
}

test('a version 1 file opens with its history, and the first write upgrades it and keeps the old file beside it', async (t) => {
  const file = await copyOfV1(t);
  const store = await Store.open(file);
  t.is(store.runs.length, 2);
  t.deepEqual(
    store.findings.map((f) => [f.account, f.path.join('/'), f.resolution]),
    [
      ['扎兰屯12333', '办事服务/医保查询', 'fixed'],
      ['扎兰屯发布', '政务公开', null],
    ],
  );
  t.is(store.jobRun('daily'), undefined);
  t.deepEqual(store.reportedUpdates, {});
  t.is(JSON.parse(await readFile(file, 'utf8')).version, 1, 'opening alone writes nothing');

  await store.recordJobRuns(['daily'], '2026-12-08T00:30:00.000Z');
  const written = JSON.parse(await readFile(file, 'utf8'));
  t.is(written.version, schemaVersion);
  t.deepEqual(written.jobRuns, { daily: '2026-12-08T00:30:00.000Z' });
  t.deepEqual(written.updates, {});
  t.deepEqual(written.urls, {}, 'no URL is remembered yet: the first sweep after the upgrade fetches everything in full');
  t.deepEqual(await readFile(`${file}.v1.bak`), await readFile(v1));
});

test('a sweep after the upgrade continues the old history: a link still broken keeps the day it was first seen', async (t) => {
  const site = await startServer(t, (req, res) => {
    if (req.url === '/zhengwu') return res.writeHead(404, { 'content-type': 'text/html; charset=utf-8' }).end('<title>404 Not Found</title>您访问的页面不存在');
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(`<title>社保查询</title><p>${'请输入身份证号码和姓名查询参保缴费记录，结果以经办机构记录为准。'.repeat(3)}</p>`);
  });
  const config = parseConfig(
    [
      'network: { allowPrivateAddresses: true, timeoutMs: 3000, retries: 0 }',
      'browser: { enabled: false }',
      'accounts:',
      '  - name: 扎兰屯发布',
      '    platform: wechat-subscription',
      `    menu: [{ type: view, name: 政务公开, url: "${site.url('/zhengwu')}" }]`,
    ].join('\n'),
    'upgrade.yaml',
    {},
  );
  const file = await copyOfV1(t);
  const store = await Store.open(file);
  const { changes } = await new SweepService({ config, store, now: () => new Date('2026-12-08T00:30:00Z') }).sweep(['扎兰屯发布'], 'cli');
  t.deepEqual(changes.opened, []);
  const open = store.openFindings('扎兰屯发布');
  t.is(open.length, 1);
  t.is(open[0]!.firstSeen, '2026-12-07T13:05:58.175Z');
  t.is(open[0]!.lastSeen, '2026-12-08T00:30:00.000Z');
});

test('a version 2 file: a click answered with success becomes 需人工确认, keeping its first sighting and what its owner was told', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'menu-patrol-migrate-'));
  t.teardown(() => rm(dir, { recursive: true, force: true }));
  const file = join(dir, 'menu-patrol.json');
  const oldId = JSON.stringify(['月亮小镇党建平台', '默认菜单', '互动交流', '在线咨询', 'click-no-reply']);
  const finding = {
    id: oldId, account: '月亮小镇党建平台', menu: '默认菜单', path: ['互动交流', '在线咨询'], scope: 'item', critical: true, code: 'click-no-reply', severity: 'fail',
    message: '点击这个菜单后没有任何回复，市民点了没反应（服务器只回复了 success）', target: null, evidence: { status: 200, reply: 'success' },
    firstSeen: '2026-11-02T00:30:00.000Z', lastSeen: '2026-12-01T00:30:00.000Z', lastRunId: 'r', resolvedAt: null, resolution: null,
  };
  const notice = { notifiedAt: '2026-11-02T00:31:00.000Z', reminders: 2, escalatedAt: null };
  await writeFile(file, JSON.stringify({ version: 2, runs: [], snapshots: {}, findings: [finding], apiCache: {}, outbox: [], notices: { [oldId]: notice }, jobRuns: {}, updates: {} }));
  const store = await Store.open(file);
  const newId = JSON.stringify(['月亮小镇党建平台', '默认菜单', '互动交流', '在线咨询', 'click-unconfirmed']);
  t.like(store.openFindings()[0], { id: newId, code: 'click-unconfirmed', severity: 'warn', firstSeen: '2026-11-02T00:30:00.000Z' });
  t.deepEqual(store.notices, { [newId]: notice });
  t.deepEqual(store.confirmations, {});
});

test('a file that is not ours, or from a newer menu-patrol, is refused with a plain message and left alone', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'menu-patrol-migrate-'));
  t.teardown(() => rm(dir, { recursive: true, force: true }));
  const cases = { 'not-ours.json': '{"name": "my-app", "items": []}', 'newer.json': JSON.stringify({ version: schemaVersion + 1, runs: [] }) };
  const messages: string[] = [];
  for (const [name, text] of Object.entries(cases)) {
    const file = join(dir, name);
    await writeFile(file, text);
    const error = await t.throwsAsync(Store.open(file), { instanceOf: StoreError });
    messages.push(error!.message.replace(dir, '<dir>'));
    t.is(await readFile(file, 'utf8'), text);
  }
  t.snapshot(messages);
});
