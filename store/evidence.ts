import { createHash } from 'node:crypto';
import { mkdir, readdir, rm, rmdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Finding } from '../core/findings.ts';
import type { RunResult } from '../core/results.ts';

/**
 * Screenshots that prove a finding: `<data>/evidence/<day>/<url hash>.jpg`,
 * named in the finding's evidence (`screenshot`). They live as long as the
 * store remembers them: a file no kept finding names, from before the oldest
 * kept run, is deleted.
 */
export function evidenceDir(dataDir: string): string {
  return join(dataDir, 'evidence');
}

/** Writes one page's screenshot for the sweep of `day` (YYYY-MM-DD); the same page the same day overwrites. */
export async function saveScreenshot(dataDir: string, day: string, url: string, jpeg: Buffer): Promise<string> {
  const dir = join(evidenceDir(dataDir), day);
  await mkdir(dir, { recursive: true });
  const file = join(dir, `${createHash('sha256').update(url).digest('hex').slice(0, 16)}.jpg`);
  await writeFile(file, jpeg);
  return file;
}

/** The screenshot a finding names, if any. */
export function screenshotOf(evidence: Readonly<Record<string, unknown>>): string | undefined {
  return typeof evidence.screenshot === 'string' ? evidence.screenshot : undefined;
}

/** Deletes screenshots that no open finding and no finding of a kept run names, once older than every kept run. */
export async function pruneEvidence(dataDir: string, runs: readonly RunResult[], findings: readonly Finding[]): Promise<number> {
  const oldest = runs[0]?.run.startedAt.slice(0, 10);
  if (oldest === undefined) return 0;
  const kept = new Set(runs.map((r) => r.run.id));
  const named = new Set(findings.filter((f) => f.resolvedAt === null || kept.has(f.lastRunId)).flatMap((f) => screenshotOf(f.evidence) ?? []));
  const root = evidenceDir(dataDir);
  const days = await readdir(root).catch(() => [] as string[]);
  let removed = 0;
  for (const day of days.filter((d) => d < oldest)) {
    const dir = join(root, day);
    for (const name of await readdir(dir).catch(() => [] as string[])) {
      if (named.has(join(dir, name))) continue;
      await rm(join(dir, name), { force: true });
      removed++;
    }
    await rmdir(dir).catch(() => undefined);
  }
  return removed;
}
