import type { AccountRow, Report } from './report-model.ts';
import { noDataLines, overviewLines, reportTitle } from './wording.ts';

/**
 * The summary for chat and the work group. WeChat shows Markdown as plain
 * text, so it uses only headings and lists, which read well either way; the
 * full table is in the xlsx.
 */

function unqualifiedLines(r: AccountRow): string[] {
  const fixed = r.items - r.openItems;
  const lines = [
    `- ${r.name}${r.unit && r.unit !== r.name ? `（${r.unit}）` : ''}：扣 ${r.deduction ?? 0} 分；${r.problemTypes}` +
      `；${r.openItems > 0 ? `还有 ${r.openItems} 项没有整改` : '已全部整改'}${fixed > 0 && r.openItems > 0 ? `（已整改 ${fixed} 项）` : ''}`,
  ];
  for (const veto of r.vetoes) lines.push(`  - 单项否决：${veto}`);
  return lines;
}

export function renderMarkdown(report: Report): string {
  const out = [`# ${reportTitle(report)}`, ''];
  if (!report.hasData) return [...out, ...noDataLines(report), ''].join('\n');
  out.push(...overviewLines(report).map((l) => `- ${l}`), '');

  const bad = report.rows.filter((r) => r.result === '不合格');
  out.push(`## 不合格账号（${bad.length} 个）`, '');
  out.push(...(bad.length > 0 ? bad.flatMap(unqualifiedLines) : ['没有不合格的账号。']), '');

  if (report.repeatOffenders.length > 0) {
    out.push('## 年内两次及以上不合格（年末考核将扣分）', '');
    out.push(...report.repeatOffenders.map((o) => `- ${o.account}：${o.quarters.join('、')}`), '');
  }

  const passedWithProblems = report.rows.filter((r) => r.result === '合格' && r.items > 0);
  if (passedWithProblems.length > 0) {
    out.push('## 合格但有问题的账号', '');
    out.push(...passedWithProblems.map((r) => `- ${r.name}：${r.problemTypes}，扣 ${r.deduction} 分；还有 ${r.openItems} 项没有整改`), '');
  }

  const unscored = report.rows.filter((r) => r.state !== 'scored');
  if (unscored.length > 0) {
    out.push('## 未评定的账号', '');
    out.push(...unscored.map((r) => `- ${r.name}：${r.problemTypes}`), '');
  }

  const good = report.rows.filter((r) => r.result === '合格' && r.items === 0);
  if (good.length > 0) out.push(`## 合格账号（${good.length} 个）`, '', good.map((r) => r.name).join('、'), '');

  if (report.unverified.length > 0) {
    out.push(`## 未核实的菜单项（${report.unverified.length} 个，请在手机上点开确认）`, '');
    out.push(...report.unverified.map((u) => `- ${u.account}｜${u.place}：${u.note}`), '');
  }

  out.push('## 计分规则', '', ...report.ruleLines.map((l, i) => `${i + 1}. ${l}`), '');
  return out.join('\n');
}
