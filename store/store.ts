import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { Low } from 'lowdb';
import { JSONFile } from 'lowdb/node';
import { recordCache, type ApiCache } from '../checkers/api-cache.ts';
import { applyRun, type Finding, type FindingChanges } from '../core/findings.ts';
import type { RunResult } from '../core/results.ts';
import { emptyStore, schemaVersion, type StoreData } from './schema.ts';

export const defaultStorePath = 'data/menu-patrol.json';

/** Full run records kept; older runs are dropped (their findings stay). */
export const keptRuns = 100;

export class StoreError extends Error {
  readonly code = 'store-invalid';
}

/**
 * The one module that touches the data file. lowdb's JSONFile writes through
 * steno: a temp file renamed over the old one, so a crash leaves either the
 * old file or the new one, never half of one.
 */
export class Store {
  private constructor(
    private readonly db: Low<StoreData>,
    readonly file: string,
  ) {}

  /** Opening reads only: nothing is created on disk until a run is recorded. */
  static async open(file: string): Promise<Store> {
    const db = new Low<StoreData>(new JSONFile<StoreData>(file), emptyStore());
    try {
      await db.read();
    } catch (error) {
      throw new StoreError(`数据文件 ${file} 已损坏，无法读取（${(error as Error).message}）。请从备份恢复，或把它改名后重新运行。`);
    }
    const version = (db.data as Partial<StoreData>).version;
    if (version !== schemaVersion) {
      throw new StoreError(`数据文件 ${file} 的格式版本是 ${String(version)}，本程序只认识版本 ${schemaVersion}，请升级 menu-patrol。`);
    }
    return new Store(db, file);
  }

  get runs(): readonly RunResult[] {
    return this.db.data.runs;
  }

  get findings(): readonly Finding[] {
    return this.db.data.findings;
  }

  openFindings(account?: string): Finding[] {
    return this.db.data.findings.filter((f) => f.resolvedAt === null && (account === undefined || f.account === account));
  }

  /** Saved with the next recorded run. */
  apiCache(now: () => Date = () => new Date()): ApiCache {
    this.db.data.apiCache ??= {};
    return recordCache(this.db.data.apiCache, now);
  }

  lastRun(): RunResult | undefined {
    return this.db.data.runs.at(-1);
  }

  /** Record a finished run: its results, the menus it saw and the findings it opened or resolved. */
  async recordRun(result: RunResult): Promise<FindingChanges> {
    const data = this.db.data;
    const { findings, changes } = applyRun(data.findings, result);
    data.findings = findings;
    for (const account of result.accounts) {
      if (account.menuSource === null) continue;
      data.snapshots[account.name] = {
        takenAt: result.run.finishedAt,
        runId: result.run.id,
        source: account.menuSource,
        items: account.items.map(({ path, menu, type, target }) => ({ path, menu, type, target })),
      };
    }
    data.runs = [...data.runs, result].slice(-keptRuns);
    await mkdir(dirname(this.file), { recursive: true });
    await this.db.write();
    return changes;
  }
}
