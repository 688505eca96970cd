import { formatLocal } from '../core/time.ts';
import { localDay } from './period.ts';
import type { AccountRow, Report } from './report-model.ts';

/** Sentences every format shares, so the xlsx, the page and the chat message say the same thing. */

export function reportTitle(report: Report): string {
  return `政务新媒体菜单巡检情况统计表（${report.period.label}）`;
}

/** Said instead of a table when nothing was swept in the period. */
export function noDataLines(report: Report): string[] {
  const { period, stored } = report;
  return [
    `${period.label}（${period.firstDay} 至 ${period.lastDay}）没有巡检记录，无法评定各账号是否合格。`,
    stored
      ? `数据文件里的巡检记录在 ${localDay(stored.first, report.period.timeZone)} 至 ${localDay(stored.last, report.period.timeZone)} 之间，请换一个有巡检记录的时间段。`
      : '数据文件里还没有任何巡检记录，请先运行巡检（menu-patrol check）。',
  ];
}

/** The overview: period, sweeps, how many accounts passed, how many items are still broken. */
export function overviewLines(report: Report): string[] {
  const { period, sweeps, totals } = report;
  const unscored = report.rows.filter((r) => r.state !== 'scored');
  const count = (state: AccountRow['state']) => unscored.filter((r) => r.state === state).length;
  const why = [
    [count('no-menu'), '个微博账号没有自定义菜单'],
    [count('unread'), '个账号的菜单没能读取'],
    [count('absent'), '个账号本期没有巡检'],
  ]
    .filter(([n]) => Number(n) > 0)
    .map(([n, text]) => `${n} ${text}`);
  return [
    `统计期间：${period.firstDay} 至 ${period.lastDay}，${formatLocal(report.generatedAt, report.period.timeZone)} 生成`,
    sweeps.count > 0
      ? `巡检 ${sweeps.count} 次：首次 ${formatLocal(sweeps.first!, report.period.timeZone)}，最近 ${formatLocal(sweeps.last!, report.period.timeZone)}`
      : '本期的巡检记录已按保留期限清理，以下根据保存的问题记录统计',
    `共 ${totals.accounts} 个账号：评定 ${totals.scored} 个，合格 ${totals.qualified} 个，不合格 ${totals.unqualified} 个` +
      (unscored.length > 0 ? `；未评定 ${unscored.length} 个（${why.join('，')}）` : ''),
    problemsLine(totals),
  ];
}

/** Menu items that failed and, apart from them, content problems: each with how many are fixed. */
function problemsLine(totals: Report['totals']): string {
  const menu = totals.items - totals.contentItems;
  const openMenu = totals.openItems - totals.openContentItems;
  const fixed = (all: number, open: number) => `已整改 ${all - open} 个，还有 ${open} 个没有整改`;
  const menuPart = `打不开或不能用的菜单项 ${menu} 个${menu > 0 ? `，${fixed(menu, openMenu)}` : ''}`;
  if (totals.contentItems === 0) return menuPart;
  return `${menuPart}；内容问题（超期未更新、错敏字、未遮盖的个人信息）${totals.contentItems} 个，${fixed(totals.contentItems, totals.openContentItems)}`;
}
