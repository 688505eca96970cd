import { constants } from 'node:fs';
import { copyFile, mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { Low } from 'lowdb';
import { applyRun, type Finding, type FindingChanges } from '../core/findings.ts';
import type { RunResult } from '../core/results.ts';
import { recordCache, type ApiCache } from './api-cache.ts';
import { JsonFile } from './json-file.ts';
import { migrate } from './migrate.ts';
import { withProcessed, type ProcessedIds } from './processed-messages.ts';
import { retainRuns } from './retention.ts';
import { emptyStore, schemaVersion, type ClickConfirmation, type MenuSnapshot, type NoticeState, type QueuedMessage, type ReportedUpdate, type StoreData, type UrlMemory } from './schema.ts';
import { rememberUrls } from './url-memory.ts';

export const defaultStorePath = 'data/menu-patrol.json';

/** Run records kept, the older ones summarized (see retention.ts); runs beyond are dropped (their findings stay). */
export const keptRuns = 100;

export class StoreError extends Error {
  readonly code = 'store-invalid';
}

/**
 * The one module that touches the data file. It is written to a temp file
 * renamed over the old one (json-file.ts), so a crash leaves either the old
 * file or the new one, never half of one.
 */
export class Store {
  /** The version the file was written at, while its pre-migration copy is still to be kept. */
  #unbackedVersion: number | null;

  private constructor(
    private readonly db: Low<StoreData>,
    readonly file: string,
    migratedFrom: number,
  ) {
    this.#unbackedVersion = migratedFrom === schemaVersion ? null : migratedFrom;
  }

  /** Opening reads only: nothing is created on disk until something is recorded. An older file is migrated in memory. */
  static async open(file: string): Promise<Store> {
    const db = new Low<StoreData>(new JsonFile<StoreData>(file), emptyStore());
    try {
      await db.read();
    } catch (error) {
      throw new StoreError(`数据文件 ${file} 已损坏，无法读取（${(error as Error).message}）。请从备份恢复，或把它改名后重新运行。`);
    }
    const migration = migrate(db.data);
    if (!migration.ok) throw new StoreError(`数据文件 ${file} 无法使用：${migration.reason}。`);
    db.data = migration.data;
    return new Store(db, file, migration.from);
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
    return recordCache(this.db.data.apiCache, now);
  }

  get notices(): Readonly<Record<string, NoticeState>> {
    return this.db.data.notices;
  }

  jobRun(name: string): string | undefined {
    return this.db.data.jobRuns[name];
  }

  async recordJobRuns(names: readonly string[], at: string): Promise<void> {
    for (const name of names) this.db.data.jobRuns[name] = at;
    await this.save();
  }

  get reportedUpdates(): Readonly<Record<string, ReportedUpdate>> {
    return this.db.data.updates;
  }

  /** An owner said the account was updated: kept until a later report replaces it. */
  async recordUpdate(account: string, update: ReportedUpdate): Promise<void> {
    this.db.data.updates[account] = update;
    await this.save();
  }

  get confirmations(): Readonly<Record<string, Readonly<Record<string, ClickConfirmation>>>> {
    return this.db.data.confirmations;
  }

  /** Someone saw these click keys answer on a phone (确认): kept until a later confirmation replaces it. */
  async recordConfirmations(confirmed: readonly { account: string; key: string; confirmation: ClickConfirmation }[]): Promise<void> {
    for (const { account, key, confirmation } of confirmed) (this.db.data.confirmations[account] ??= {})[key] = confirmation;
    await this.save();
  }

  /** Chat message ids handled once, kept across restarts: ProcessedIds for the two-way channels. */
  processedIds(now: () => Date = () => new Date()): ProcessedIds {
    return {
      firstTime: async (channel, id) => {
        const processed = this.db.data.processed;
        const next = withProcessed(processed[channel] ?? [], id, now());
        if (!next) return false;
        processed[channel] = next;
        await this.save();
        return true;
      },
    };
  }

  get outbox(): readonly QueuedMessage[] {
    return this.db.data.outbox;
  }

  /** Queue messages and remember what owners were told, in one write. */
  async enqueue(messages: readonly QueuedMessage[], notices?: Record<string, NoticeState>): Promise<void> {
    this.db.data.outbox.push(...messages);
    if (notices) this.db.data.notices = notices;
    await this.save();
  }

  /** Record a delivery attempt's outcome; messages sent more than a week before `now` are dropped. */
  async updateMessage(id: string, change: Partial<Pick<QueuedMessage, 'attempts' | 'notBefore' | 'sentAt' | 'failedAt' | 'lastError'>>, now: Date): Promise<void> {
    const message = this.db.data.outbox.find((m) => m.id === id);
    if (!message) return;
    Object.assign(message, change);
    const weekAgo = now.getTime() - 7 * 86_400_000;
    this.db.data.outbox = this.db.data.outbox.filter((m) => !(m.sentAt && Date.parse(m.sentAt) < weekAgo));
    await this.save();
  }

  private async save(): Promise<void> {
    await mkdir(dirname(this.file), { recursive: true });
    if (this.#unbackedVersion !== null) {
      // The first write in the new format keeps the old file beside it, for an office that has to go back a release.
      await copyFile(this.file, `${this.file}.v${this.#unbackedVersion}.bak`, constants.COPYFILE_EXCL).catch((error: NodeJS.ErrnoException) => {
        if (error.code !== 'EEXIST') throw error;
      });
      this.#unbackedVersion = null;
    }
    await this.db.write();
  }

  /** The last menu each account was seen with. */
  get snapshots(): Readonly<Record<string, MenuSnapshot>> {
    return this.db.data.snapshots;
  }

  /** What the last sweeps learnt about each menu URL, for the next one. */
  get urls(): Readonly<Record<string, UrlMemory>> {
    return this.db.data.urls;
  }

  lastRun(): RunResult | undefined {
    return this.db.data.runs.at(-1);
  }

  /** Record a finished run: its results, the menus it saw, the findings it opened or resolved and what it learnt about each URL. */
  async recordRun(result: RunResult, learnedUrls: Readonly<Record<string, UrlMemory>> = {}): Promise<FindingChanges> {
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
    data.urls = rememberUrls(data.urls, learnedUrls, data.snapshots);
    data.runs = retainRuns([...data.runs, result], keptRuns);
    await this.save();
    return changes;
  }
}
