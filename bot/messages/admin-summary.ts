import type { Finding, FindingChanges } from '../../core/findings.ts';
import type { RunResult } from '../../core/results.ts';
import { formatLocal } from '../../core/time.ts';
import type { OutgoingMessage } from '../../notifiers/types.ts';
import { findingLines } from './finding-lines.ts';
import { settingsLines } from './settings-lines.ts';

/** The office's view of a sweep: totals, which accounts have problems, and what owners have left too long. */
export function adminSummary(
  result: RunResult,
  changes: FindingChanges,
  escalated: readonly Finding[],
  openByAccount: ReadonlyMap<string, number>,
  timeZone: string,
  /** Inspections that are tomorrow: the summary leads with the accounts at risk. */
  tomorrow: readonly string[] = [],
  /** Settings the office should fix, repeated with every summary until they are. */
  warnings: readonly string[] = [],
): OutgoingMessage {
  const s = result.summary;
  const title = `【菜单巡检】${formatLocal(result.run.startedAt, timeZone)} 巡检结果：${s.fail > 0 || s.errors > 0 ? `${s.fail} 个菜单项有问题` : '全部正常'}`;
  const lines = [
    `巡检了 ${s.accounts} 个公众号的 ${s.items} 个菜单项：正常 ${s.ok}，有问题 ${s.fail}，需人工确认 ${s.warn}，未核实 ${s.unverified}，未自动检查 ${s.skipped}。`,
    `与上次相比：新发现 ${changes.opened.length} 个问题，已修复 ${changes.resolved.length} 个。`,
  ];
  const troubled = [...openByAccount].filter(([, n]) => n > 0);
  if (tomorrow.length > 0) {
    lines.unshift(
      troubled.length > 0
        ? `⚠ 明天就是“${tomorrow.join('、')}”，以下 ${troubled.length} 个账号仍有问题，可能被判不合格：${troubled.map(([a]) => a).join('、')}`
        : `明天就是“${tomorrow.join('、')}”，所有账号的菜单都已正常。`,
    );
  } else if (troubled.length > 0) {
    lines.push(`有问题的账号：${troubled.map(([a, n]) => `${a}（${n}）`).join('、')}`);
  }
  const failed = result.accounts.filter((a) => a.error);
  for (const a of failed) lines.push(`✗ ${a.name} 读取菜单失败：${a.error!.hint}`);
  if (escalated.length > 0) {
    lines.push('', `以下问题已多次提醒负责人仍未修复，请督促整改：`);
    escalated.forEach((f, i) => lines.push(`${f.account}：`, ...findingLines(f, i + 1, result.run.finishedAt, timeZone)));
  }
  lines.push(...settingsLines(warnings));
  lines.push('', '发送“状态 账号名”查看某个账号的详情。');
  const text = lines.join('\n');
  return { title, text, markdown: text };
}
