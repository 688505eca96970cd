import cron, { type ScheduledTask } from 'node-cron';
import type { SweepService } from '../sweep/sweep-service.ts';
import type { Config } from '../config/load.ts';
import type { Store } from '../store/store.ts';
import { previousFireTime } from './fire-times.ts';
import { jobTable, resolveTargets, type Job } from './jobs.ts';
import { localParts } from '../core/time.ts';

export interface SchedulerDeps {
  readonly config: Config;
  readonly store: Store;
  readonly sweeps: SweepService;
  readonly log: (line: string) => void;
  /** Catch-up and countdown targets depend on the date: tests pass a fixed one. */
  readonly now: () => Date;
}

/** Jobs that fire in the same minute are merged into one sweep (no pile-ups). */
const mergeWindowMs = 500;

/**
 * Runs the job table with node-cron in the office's time zone. Scheduled
 * sweeps go through the sweep service (one at a time; chat checks join) and
 * their messages through the outbox (quiet hours hold them).
 */
export class Scheduler {
  readonly jobs: readonly Job[];
  readonly #deps: SchedulerDeps;
  #tasks: ScheduledTask[] = [];
  #pending = new Set<Job>();
  #timer: NodeJS.Timeout | undefined;

  constructor(deps: SchedulerDeps) {
    this.#deps = deps;
    this.jobs = jobTable(deps.config);
  }

  start(): void {
    const timezone = this.#deps.config.timezone;
    for (const job of this.jobs) {
      const task = cron.createTask(
        job.cron,
        (context) => {
          if (!job.filter || job.filter(localParts(context.date, timezone))) this.#queue(job);
        },
        { timezone, name: job.name, noOverlap: true },
      );
      void task.start();
      this.#tasks.push(task);
    }
  }

  async stop(): Promise<void> {
    clearTimeout(this.#timer);
    await Promise.all(this.#tasks.map((t) => t.destroy()));
    this.#tasks = [];
  }

  #queue(job: Job): void {
    this.#pending.add(job);
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => {
      const jobs = [...this.#pending];
      this.#pending.clear();
      this.run(jobs).catch((error: unknown) => this.#deps.log(`定时巡检出错：${(error as Error).message}`));
    }, mergeWindowMs);
  }

  /** One sweep for all the given jobs' accounts; each job's run time is recorded for catch-up. */
  async run(jobs: readonly Job[], catchUp = false): Promise<void> {
    if (jobs.length === 0) return;
    const now = this.#deps.now();
    const names = [...new Set(jobs.flatMap((job) => resolveTargets(job, this.#deps.config, now)))];
    this.#deps.log(`定时巡检开始：${jobs.map((j) => j.label).join('、')}（${names.length} 个账号）`);
    if (names.length > 0) await this.#deps.sweeps.sweep(names, 'schedule', { schedule: { jobs: jobs.map((j) => j.label), catchUp } });
    await this.#deps.store.recordJobRuns(
      jobs.map((j) => j.name),
      now.toISOString(),
    );
  }

  /** Jobs whose last scheduled time passed while the bot was down: each runs once, not once per missed day. */
  missed(): Job[] {
    const now = this.#deps.now();
    return this.jobs.filter((job) => {
      if (!job.catchUp) return false;
      const last = this.#deps.store.jobRun(job.name);
      const due = previousFireTime(job.cron, this.#deps.config.timezone, now, job.filter);
      // Never ran before: a fresh install starts on schedule, not with a surprise sweep.
      return last !== undefined && due !== null && Date.parse(last) < due.getTime();
    });
  }

  async catchUp(): Promise<void> {
    const missed = this.missed();
    if (missed.length === 0) return;
    this.#deps.log(`补做停机期间错过的定时巡检：${missed.map((j) => j.label).join('、')}`);
    await this.run(missed, true);
  }
}
