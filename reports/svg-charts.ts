import { escapeHtml as esc } from './escape-html.ts';
import type { AccountRow, WeekPoint } from './report-model.ts';

/**
 * Charts drawn as inline SVG: the page must open from disk with no network,
 * so no chart library or CDN. Plain shapes and text that print as they show.
 */

const red = '#c0392b';
const grey = '#b8c2cc';
const ink = '#333';
const font = 'font-size="12" fill="#333"';

/** 0, step, 2·step… up to at least max: four or so gridlines with whole numbers. */
function ticks(max: number): number[] {
  const step = Math.max(1, Math.ceil(max / 4));
  return Array.from({ length: Math.ceil(Math.max(max, 1) / step) + 1 }, (_, i) => i * step);
}

/** Open problems at the end of each week, one column per week. */
export function weeklyChart(points: readonly WeekPoint[]): string {
  const width = 760;
  const height = 240;
  const left = 40;
  const bottom = 30;
  const plot = { w: width - left - 10, h: height - bottom - 20 };
  const scale = ticks(Math.max(0, ...points.map((p) => p.open)));
  const top = scale.at(-1)!;
  const y = (v: number) => 20 + plot.h - (v / top) * plot.h;
  const slot = plot.w / Math.max(points.length, 1);
  const bar = Math.min(36, slot * 0.6);
  const grid = scale.map((v) => `<line x1="${left}" x2="${width - 10}" y1="${y(v)}" y2="${y(v)}" stroke="#e3e6ea"/><text x="${left - 6}" y="${y(v) + 4}" text-anchor="end" ${font}>${v}</text>`);
  const bars = points.map((p, i) => {
    const x = left + i * slot + (slot - bar) / 2;
    const label = p.firstDay.slice(5).replace('-', '/');
    return (
      `<g class="week"><title>${esc(`${p.firstDay} 这一周结束时：${p.open} 个问题未整改`)}</title>` +
      `<rect x="${x.toFixed(1)}" y="${y(p.open).toFixed(1)}" width="${bar.toFixed(1)}" height="${(y(0) - y(p.open)).toFixed(1)}" fill="${red}"/>` +
      `<text x="${(x + bar / 2).toFixed(1)}" y="${(y(p.open) - 4).toFixed(1)}" text-anchor="middle" ${font}>${p.open}</text>` +
      `<text x="${(x + bar / 2).toFixed(1)}" y="${height - 10}" text-anchor="middle" ${font}>${esc(label)}</text></g>`
    );
  });
  return (
    `<svg class="chart weekly" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="每周末未整改的问题数">` +
    `${grid.join('')}<line x1="${left}" x2="${width - 10}" y1="${y(0)}" y2="${y(0)}" stroke="${ink}"/>${bars.join('')}</svg>`
  );
}

/** Failing items per account: the part still open in red, the part fixed in grey. */
export function accountChart(rows: readonly AccountRow[]): string {
  const shown = rows.filter((r) => r.items > 0).sort((a, b) => b.openItems - a.openItems || b.items - a.items);
  const width = 760;
  const left = 200;
  const rowHeight = 26;
  const height = shown.length * rowHeight + 34;
  const top = ticks(Math.max(0, ...shown.map((r) => r.items))).at(-1)!;
  const unit = (width - left - 40) / top;
  const bars = shown.map((r, i) => {
    const y = 8 + i * rowHeight;
    const open = r.openItems * unit;
    const fixed = (r.items - r.openItems) * unit;
    return (
      `<g class="account"><title>${esc(`${r.name}：${r.items} 项，未整改 ${r.openItems} 项`)}</title>` +
      `<text x="${left - 8}" y="${y + 15}" text-anchor="end" ${font}>${esc(r.name)}</text>` +
      `<rect class="open" x="${left}" y="${y}" width="${open.toFixed(1)}" height="18" fill="${red}"/>` +
      `<rect class="fixed" x="${(left + open).toFixed(1)}" y="${y}" width="${fixed.toFixed(1)}" height="18" fill="${grey}"/>` +
      `<text x="${(left + open + fixed + 6).toFixed(1)}" y="${y + 14}" ${font}>${r.openItems}/${r.items}</text></g>`
    );
  });
  const legendY = height - 12;
  const legend =
    `<rect x="${left}" y="${legendY - 10}" width="12" height="12" fill="${red}"/><text x="${left + 18}" y="${legendY}" ${font}>未整改</text>` +
    `<rect x="${left + 90}" y="${legendY - 10}" width="12" height="12" fill="${grey}"/><text x="${left + 108}" y="${legendY}" ${font}>已整改</text>`;
  return (
    `<svg class="chart accounts" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="各账号的问题数">` +
    `${bars.join('')}${legend}</svg>`
  );
}
