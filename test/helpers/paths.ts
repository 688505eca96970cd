import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join, relative } from 'node:path';

export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

/** A fixture path, and how it appears in messages (relative, so snapshots don't depend on the checkout). */
export function fixture(...parts: string[]): { path: string; shown: string } {
  const path = join(repoRoot, 'test', 'fixtures', ...parts);
  return { path, shown: relative(repoRoot, path) };
}

/** The single file in a scenario folder. */
export function scenarioFile(group: string, scenario: string): { path: string; shown: string } {
  const [file] = readdirSync(fixture(group, scenario).path);
  return fixture(group, scenario, file!);
}
