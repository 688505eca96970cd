import { randomUUID } from 'node:crypto';
import type { AccountConfig } from '../config/load.ts';
import { summarize, type ItemResult, type NotChecked, type RunResult, type ScheduledRun, type Trigger } from '../core/results.ts';
import { checkAccount, checkReportedOnly, type AccountCheckDeps } from './check-account.ts';

export interface SweepOptions extends AccountCheckDeps {
  readonly trigger: Trigger;
  readonly schedule?: ScheduledRun;
  /** Called once each account is done, with how many items it had. */
  readonly onAccount?: (name: string, items: readonly ItemResult[]) => void;
}

const noMenuReason = '新浪微博账号没有自定义菜单，不需要巡检菜单；微博的更新情况无法自动检查，负责人更新后请回复“已更新 账号名”登记';

/**
 * Sweep the given accounts at once: every account's menu is read and every
 * item checked concurrently; politeness is the fetcher's job, not the sweep's.
 */
export async function runSweep(accounts: readonly AccountConfig[], options: SweepOptions): Promise<RunResult> {
  const startedAt = options.now().toISOString();
  const swept = accounts.filter((a) => a.platform !== 'weibo');
  // Weibo has no menu; only a date its owner reported tells anything about it.
  const weibo = await Promise.all(accounts.filter((a) => a.platform === 'weibo').map(async (a) => ({ a, result: await checkReportedOnly(a, options) })));
  const notChecked: NotChecked[] = weibo.flatMap(({ a, result }) => (result ? [] : [{ name: a.name, reason: noMenuReason }]));
  const results = await Promise.all(
    swept.map(async (account) => {
      const result = await checkAccount(account, options);
      options.onAccount?.(account.name, result.items);
      return result;
    }),
  );
  results.push(...weibo.flatMap(({ result }) => (result ? [result] : [])));
  return {
    run: { id: randomUUID(), startedAt, finishedAt: options.now().toISOString(), trigger: options.trigger, ...(options.schedule ? { schedule: options.schedule } : {}) },
    summary: summarize(results),
    accounts: results,
    notChecked,
  };
}
