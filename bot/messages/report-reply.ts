import { formatLocal } from '../../core/time.ts';
import type { Store } from '../../store/store.ts';

/** The office's current picture: open problems per account, critical ones called out. */
export function reportReply(names: readonly string[], store: Store, now: string): string {
  const last = store.lastRun();
  if (!last) return '还没有巡检记录，暂时无法生成报告。发送“检查 全部”开始巡检。';
  const open = store.openFindings().filter((f) => names.includes(f.account));
  const byAccount = new Map<string, number>();
  for (const f of open) byAccount.set(f.account, (byAccount.get(f.account) ?? 0) + (f.severity === 'fail' ? 1 : 0));
  const bad = [...byAccount].filter(([, n]) => n > 0).sort((a, b) => b[1] - a[1]);
  const critical = open.filter((f) => f.critical && f.severity === 'fail');
  const lines = [
    `【菜单巡检汇总】截至 ${formatLocal(now)}（最近一次巡检 ${formatLocal(last.run.finishedAt)}）`,
    `共 ${names.length} 个账号，其中 ${bad.length} 个账号有未修复的问题，合计 ${open.filter((f) => f.severity === 'fail').length} 个。`,
  ];
  if (critical.length > 0) lines.push(`⚠ 互动类关键菜单打不开的账号：${[...new Set(critical.map((f) => f.account))].join('、')}（可能被判不合格，请优先整改）`);
  for (const [account, n] of bad) lines.push(`  · ${account}：${n} 个`);
  if (bad.length === 0) lines.push('所有账号的菜单都能正常打开。');
  return lines.join('\n');
}
