import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ExecutionContext } from 'ava';
import { defaultTimeZone } from '../../config/schema.ts';
import { buildReport } from '../../reports/build-report.ts';
import { parsePeriod } from '../../reports/period.ts';
import { reportFileName } from '../../reports/report-files.ts';
import { renderXlsx } from '../../reports/xlsx.ts';
import { defaultRules, register, reportNow, reportStore } from './report-fixture.ts';

/** The 报告 command's real xlsx for the fixture's Q4, written to a temp dir removed after the test. */
export async function reportXlsx(t: ExecutionContext): Promise<{ path: string; name: string; data: Buffer }> {
  const store = await reportStore(t);
  const report = buildReport({ register, runs: store.runs, findings: store.findings, rules: defaultRules, period: parsePeriod({ quarter: '2026Q4' }, defaultTimeZone), now: reportNow });
  const dir = await mkdtemp(join(tmpdir(), 'menu-patrol-xlsx-'));
  t.teardown(() => rm(dir, { recursive: true, force: true }));
  const name = reportFileName(report, 'xlsx');
  const data = await renderXlsx(report);
  await writeFile(join(dir, name), data);
  return { path: join(dir, name), name, data };
}

/** A file of `bytes` bytes next to nothing else, for size-limit tests. */
export async function fileOfSize(t: ExecutionContext, bytes: number): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'menu-patrol-big-'));
  t.teardown(() => rm(dir, { recursive: true, force: true }));
  const path = join(dir, '菜单巡检报告-2026Q4.xlsx');
  await writeFile(path, Buffer.alloc(bytes, 0x50));
  return path;
}
