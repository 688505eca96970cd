import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'ava';
import type { Finding } from '../../core/findings.ts';
import type { RunResult } from '../../core/results.ts';
import { evidenceDir, pruneEvidence, saveScreenshot } from '../../store/evidence.ts';

const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xd9]);
const run = (id: string, startedAt: string) => ({ run: { id, startedAt } }) as unknown as RunResult;
const finding = (screenshot: string, resolvedAt: string | null, lastRunId: string) => ({ evidence: { screenshot }, resolvedAt, lastRunId }) as unknown as Finding;

test('screenshots go with the store retention: kept while a kept run or an open finding names them', async (t) => {
  const data = await mkdtemp(join(tmpdir(), 'menu-patrol-evidence-'));
  t.teardown(() => rm(data, { recursive: true, force: true }));
  const open = await saveScreenshot(data, '2026-11-01', 'https://a.example/open', jpeg);
  const fixedLongAgo = await saveScreenshot(data, '2026-11-01', 'https://a.example/fixed', jpeg);
  await saveScreenshot(data, '2026-11-01', 'https://a.example/nobody', jpeg);
  const recent = await saveScreenshot(data, '2026-12-07', 'https://a.example/today', jpeg);
  t.is(await saveScreenshot(data, '2026-12-07', 'https://a.example/today', jpeg), recent, 'the same page the same day is one file');

  const runs = [run('r2', '2026-12-01T00:30:00.000Z'), run('r3', '2026-12-07T00:30:00.000Z')];
  const findings = [finding(open, null, 'r1'), finding(fixedLongAgo, '2026-11-02T00:00:00.000Z', 'r1')];
  t.is(await pruneEvidence(data, runs, findings), 2);
  t.deepEqual(await readdir(join(evidenceDir(data), '2026-11-01')), [open.split('/').pop()]);
  t.deepEqual(await readdir(join(evidenceDir(data), '2026-12-07')), [recent.split('/').pop()]);

  // Once the open finding is fixed and its run is no longer kept, the old day's folder goes too.
  t.is(await pruneEvidence(data, runs, [finding(open, '2026-11-03T00:00:00.000Z', 'r1')]), 1);
  t.deepEqual(await readdir(evidenceDir(data)), ['2026-12-07']);
});
