import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'ava';
import { Store } from '../../store/store.ts';

test('dates owners report with 已更新 survive a restart, and a later report replaces the earlier one', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'menu-patrol-updates-'));
  t.teardown(() => rm(dir, { recursive: true, force: true }));
  const file = join(dir, 'menu-patrol.json');
  const store = await Store.open(file);
  t.deepEqual(store.reportedUpdates, {});
  await store.recordUpdate('扎兰屯政务', { at: '2026-11-01T04:00:00.000Z', by: '王明', reportedAt: '2026-11-01T05:00:00.000Z' });
  await store.recordUpdate('扎兰屯政务', { at: '2026-11-20T04:00:00.000Z', by: '张丽', reportedAt: '2026-11-20T05:00:00.000Z' });

  const reopened = await Store.open(file);
  t.deepEqual(reopened.reportedUpdates, { 扎兰屯政务: { at: '2026-11-20T04:00:00.000Z', by: '张丽', reportedAt: '2026-11-20T05:00:00.000Z' } });
});
