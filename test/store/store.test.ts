import { mkdtemp, readFile, rm, writeFile, access } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test, { type ExecutionContext } from 'ava';
import { schemaVersion } from '../../store/schema.ts';
import { Store, StoreError, keptRuns } from '../../store/store.ts';
import { account, item, run } from '../helpers/results.ts';

async function tempFile(t: ExecutionContext): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'menu-patrol-store-'));
  t.teardown(() => rm(dir, { recursive: true, force: true }));
  return join(dir, 'nested', 'menu-patrol.json');
}

test('Store keeps runs, snapshots and findings across a restart', async (t) => {
  const file = await tempFile(t);
  const store = await Store.open(file);
  await store.recordRun(run('r1', '2026-11-20T00:30:00.000Z', [account('扎兰屯12333', [item('办事服务/社保查询', ['http-error']), item('政务公开')])]));

  const reopened = await Store.open(file);
  t.is(reopened.runs.length, 1);
  t.is(reopened.lastRun()?.run.id, 'r1');
  t.is(reopened.openFindings('扎兰屯12333').length, 1);
  const data = JSON.parse(await readFile(file, 'utf8'));
  t.is(data.version, schemaVersion);
  t.deepEqual(data.snapshots['扎兰屯12333'].items.map((i: { path: string[] }) => i.path.join('/')), ['办事服务/社保查询', '政务公开']);
});

test('Store.open() writes nothing until a run is recorded', async (t) => {
  const file = await tempFile(t);
  await Store.open(file);
  await t.throwsAsync(access(file));
});

test('Store.open() refuses a corrupted file with a plain message', async (t) => {
  const file = join(await mkdtemp(join(tmpdir(), 'menu-patrol-store-')), 'menu-patrol.json');
  t.teardown(() => rm(file, { force: true }));
  await writeFile(file, '{"version": 1, "runs": [');
  const error = await t.throwsAsync(Store.open(file), { instanceOf: StoreError });
  t.regex(error!.message, /已损坏/);
});

test('Store.open() refuses a file from a newer version', async (t) => {
  const file = join(await mkdtemp(join(tmpdir(), 'menu-patrol-store-')), 'menu-patrol.json');
  await writeFile(file, JSON.stringify({ version: 99, runs: [], snapshots: {}, findings: [] }));
  await t.throwsAsync(Store.open(file), { instanceOf: StoreError, message: /版本是 99/ });
});

test(`Store keeps the last ${keptRuns} runs and every finding`, async (t) => {
  const file = await tempFile(t);
  const store = await Store.open(file);
  for (let i = 0; i < keptRuns + 5; i++) {
    const at = new Date(Date.UTC(2026, 10, 1, 0, i)).toISOString();
    await store.recordRun(run(`r${i}`, at, [account('扎兰统计', [item(`公报${i % 2}`, i % 2 ? ['http-error'] : [])])]));
  }
  const reopened = await Store.open(file);
  t.is(reopened.runs.length, keptRuns);
  t.is(reopened.runs[0]!.run.id, 'r5');
  t.true(reopened.findings.length > 1);
});

test('the per-URL memory keeps what a sweep learnt, and forgets URLs no menu links any more', async (t) => {
  const file = await tempFile(t);
  const store = await Store.open(file);
  const memory = (at: string) => ({ at, elapsedMs: 120, timeouts: 0, flagged: false });
  const shebao = 'https://rsj.zlt.gov.cn/shebao';
  const yibao = 'https://rsj.zlt.gov.cn/yibao';
  const reply = 'https://rsj.zlt.gov.cn/from-a-click-reply';
  await store.recordRun(run('r1', '2026-11-20T00:30:00.000Z', [account('扎兰屯12333', [item('社保查询', [], shebao), item('医保查询', [], yibao)]), account('扎兰屯发布', [item('政务公开')])]), {
    [shebao]: memory('2026-11-20T00:30:00.000Z'),
    [yibao]: memory('2026-11-20T00:30:00.000Z'),
    [reply]: memory('2026-11-20T00:30:00.000Z'),
  });
  t.deepEqual(Object.keys(store.urls).sort(), [reply, shebao, yibao], 'a sweep keeps all it fetched');

  // 扎兰屯12333 took 医保查询 out of its menu; a sweep of another account alone learns nothing about either.
  await store.recordRun(run('r2', '2026-11-21T00:30:00.000Z', [account('扎兰屯12333', [item('社保查询', [], shebao)])]), { [shebao]: memory('2026-11-21T00:30:00.000Z') });
  await store.recordRun(run('r3', '2026-11-22T00:30:00.000Z', [account('扎兰屯发布', [item('政务公开')])]));
  const reopened = await Store.open(file);
  t.deepEqual(Object.keys(reopened.urls), [shebao]);
  t.is(reopened.urls[shebao]?.at, '2026-11-21T00:30:00.000Z');
});
