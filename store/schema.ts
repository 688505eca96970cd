import type { CachedAnswer } from '../checkers/api-cache.ts';
import type { Finding } from '../core/findings.ts';
import type { MenuItem } from '../core/menu.ts';
import type { RunResult } from '../core/results.ts';

/** Bumped whenever the stored shape changes; migrate.ts upgrades older files. */
export const schemaVersion = 1;

export interface MenuSnapshot {
  readonly takenAt: string;
  readonly runId: string;
  readonly source: 'api' | 'inventory';
  readonly items: readonly Pick<MenuItem, 'path' | 'menu' | 'type' | 'target'>[];
}

export interface StoreData {
  version: number;
  runs: RunResult[];
  /** The last menu each account was seen with, to tell a changed menu from a fixed link. */
  snapshots: Record<string, MenuSnapshot>;
  findings: Finding[];
  /** Answers of quota-limited WeChat APIs, by question (never tokens or secrets). */
  apiCache: Record<string, CachedAnswer>;
}

export function emptyStore(): StoreData {
  return { version: schemaVersion, runs: [], snapshots: {}, findings: [], apiCache: {} };
}
