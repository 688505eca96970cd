import { formatLocal } from '../core/time.ts';
import { escapeHtml as esc } from './escape-html.ts';
import type { AccountRow, DetailRow, Report } from './report-model.ts';
import { accountChart, weeklyChart } from './svg-charts.ts';
import { noDataLines, overviewLines, reportTitle } from './wording.ts';

/**
 * One HTML file that opens from disk on an office PC with no network: CSS and
 * charts inline, no script, no font or image to fetch. Prints on A4 landscape.
 */

const style = `
  body { font-family: "SimSun", "宋体", "DengXian", "等线", "Microsoft YaHei", "Noto Sans CJK SC", "WenQuanYi Zen Hei", sans-serif; color: #222; margin: 24px; font-size: 14px; }
  h1 { font-size: 22px; text-align: center; margin: 0 0 16px; }
  h2 { font-size: 17px; margin: 28px 0 10px; border-left: 4px solid #c0392b; padding-left: 8px; }
  table { border-collapse: collapse; width: 100%; }
  th, td { border: 1px solid #999; padding: 4px 6px; vertical-align: top; }
  th { background: #f0f0f0; font-weight: bold; white-space: nowrap; }
  thead { display: table-header-group; }
  td.num, td.seq { text-align: center; white-space: nowrap; }
  tr.bad td.result { color: #c0392b; font-weight: bold; }
  tr.unscored td { color: #777; }
  td.link { word-break: break-all; font-size: 12px; }
  td.shot img { width: 120px; border: 1px solid #ccc; }
  .no-data { font-size: 16px; padding: 16px; border: 1px solid #e0b4b4; background: #fff6f6; }
  .chart { display: block; max-width: 100%; height: auto; margin: 8px 0; }
  @page { size: A4 landscape; margin: 12mm; }
  @media print { body { margin: 0; } section { break-inside: auto; } tr { break-inside: avoid; } }
`;

function accountRow(r: AccountRow): string {
  const kind = r.state !== 'scored' ? 'unscored' : r.result === '不合格' ? 'bad' : 'good';
  const cells = [
    `<td class="seq">${r.seq}</td>`,
    `<td>${esc(r.name)}</td>`,
    `<td>${esc(r.type)}</td>`,
    `<td>${esc(r.unit)}</td>`,
    `<td class="num">${r.state === 'scored' ? r.items : ''}</td>`,
    `<td class="num">${r.deduction ?? ''}</td>`,
    `<td class="num result">${esc(r.result)}</td>`,
    `<td>${esc(r.problemTypes)}${r.vetoes.map((v) => `<br>单项否决：${esc(v)}`).join('')}</td>`,
    `<td class="num">${r.articles || ''}</td>`,
    `<td class="num">${r.overdue || ''}</td>`,
  ];
  return `<tr class="${kind}">${cells.join('')}</tr>`;
}

/** Evidence screenshots by file, as data: URIs: the report stays one self-contained file. */
export type Screenshots = ReadonlyMap<string, string>;

function detailRow(d: DetailRow, timeZone: string, screenshots: Screenshots): string {
  const shot = d.screenshot === null ? undefined : screenshots.get(d.screenshot);
  const fixed = d.fixedAt ? `${formatLocal(d.fixedAt, timeZone)}${d.removed ? '（菜单项已删除）' : ''}` : '未整改';
  const cells = [
    `<td>${esc(d.account)}</td>`,
    `<td>${esc(d.place)}</td>`,
    `<td>${esc(d.problem)}</td>`,
    `<td class="link">${d.link ? `<a href="${esc(d.link)}">${esc(d.link)}</a>` : ''}</td>`,
    `<td class="num">${formatLocal(d.firstSeen, timeZone)}</td>`,
    `<td class="num">${fixed}</td>`,
    `<td class="num">${d.daysOpen}</td>`,
    `<td class="num">${d.critical ? '是' : ''}</td>`,
    `<td class="shot">${shot ? `<img src="${shot}" alt="市民在手机上看到的网页">` : ''}</td>`,
  ];
  return `<tr${d.critical ? ' class="critical"' : ''}>${cells.join('')}</tr>`;
}

const head = (names: readonly string[]) => `<thead><tr>${names.map((n) => `<th>${n}</th>`).join('')}</tr></thead>`;

function body(report: Report, screenshots: Screenshots): string {
  if (!report.hasData) return `<p class="no-data">${noDataLines(report).map(esc).join('<br>')}</p>`;
  const parts = [
    `<ul class="overview">${overviewLines(report).map((l) => `<li>${esc(l)}</li>`).join('')}</ul>`,
    `<section id="accounts"><h2>统计表</h2><table class="accounts">${head(['序号', '新媒体账号名称', '账号类型', '主办单位', '问题数', '扣分', '合格/不合格', '问题类型', '审核不严', '超期'])}<tbody>${report.rows.map(accountRow).join('')}</tbody></table></section>`,
  ];
  if (report.repeatOffenders.length > 0) {
    parts.push(`<section id="repeat"><h2>年内两次及以上不合格（年末考核将扣分）</h2><ul>${report.repeatOffenders.map((o) => `<li>${esc(o.account)}：${esc(o.quarters.join('、'))}</li>`).join('')}</ul></section>`);
  }
  parts.push(
    `<section id="charts"><h2>每周末未整改的问题数</h2>${weeklyChart(report.weekly)}` +
      (report.totals.items > 0 ? `<h2>各账号的问题（未整改/全部）</h2>${accountChart(report.rows)}` : '') +
      '</section>',
    `<section id="details"><h2>问题明细</h2>` +
      (report.details.length > 0
        ? `<table class="details">${head(['账号', '菜单位置', '问题', '证据链接', '首次发现', '整改时间', '持续天数', '互动类', '截图'])}<tbody>${report.details.map((d) => detailRow(d, report.period.timeZone, screenshots)).join('')}</tbody></table>`
        : '<p>本期没有打不开或不能用的菜单项。</p>') +
      '</section>',
  );
  if (report.unverified.length > 0) {
    parts.push(
      `<section id="unverified"><h2>未核实的菜单项（请在手机上点开确认）</h2><ul>${report.unverified.map((u) => `<li>${esc(u.account)}｜${esc(u.place)}：${esc(u.note)}</li>`).join('')}</ul></section>`,
    );
  }
  return parts.join('\n');
}

export function renderHtml(report: Report, screenshots: Screenshots = new Map()): string {
  const title = reportTitle(report);
  return `<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title>
<style>${style}</style>
</head>
<body>
<h1>${esc(title)}</h1>
${body(report, screenshots)}
<section id="rules"><h2>计分规则</h2><ol>${report.ruleLines.map((l) => `<li>${esc(l)}</li>`).join('')}</ol></section>
</body>
</html>
`;
}
