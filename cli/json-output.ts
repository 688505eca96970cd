import type { FindingChanges } from '../core/findings.ts';
import type { RunResult } from '../core/results.ts';

/**
 * The --json contract: run, summary, accounts[].items[] with path, type,
 * target, status and problems. Fields may be added, never renamed or removed.
 */
export function jsonOutput(result: RunResult, changes: FindingChanges): string {
  return `${JSON.stringify(
    {
      run: result.run,
      summary: result.summary,
      accounts: result.accounts.map((a) => ({
        name: a.name,
        unit: a.unit ?? null,
        status: a.status,
        error: a.error,
        menuSource: a.menuSource,
        menuOpen: a.menuOpen,
        problems: a.problems,
        items: a.items.map((i) => ({
          path: i.path,
          menu: i.menu,
          type: i.type,
          target: i.target,
          status: i.status,
          critical: i.critical,
          problems: i.problems,
          ...(i.note ? { note: i.note } : {}),
        })),
      })),
      notChecked: result.notChecked,
      changes: { opened: changes.opened.length, ongoing: changes.ongoing.length, resolved: changes.resolved.length },
    },
    null,
    2,
  )}\n`;
}
