import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'ava';
import { statusReply } from '../../bot/messages/status-reply.ts';
import { Store } from '../../store/store.ts';
import { account, item, miniprogramItem, run } from '../helpers/results.ts';

test('状态 names the items nothing could verify, with what was checked, apart from the problems', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'menu-patrol-status-'));
  t.teardown(() => rm(dir, { recursive: true, force: true }));
  const store = await Store.open(join(dir, 'menu-patrol.json'));
  const at = '2026-11-26T00:30:00.000Z';
  await store.recordRun(run('r1', at, [account('扎兰城管', [item('便民服务'), miniprogramItem('便民服务/停车缴费')]), account('扎兰统计', [item('统计公报', ['soft-404']), miniprogramItem('数据查询')])]));
  t.snapshot(statusReply(['扎兰城管', '扎兰统计'], store, '2026-11-27T00:30:00.000Z', 'Asia/Shanghai'));
});
