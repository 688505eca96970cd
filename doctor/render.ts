import Table from 'cli-table3';
import pc from 'picocolors';
import type { DoctorReport } from './run-doctor.ts';
import type { DoctorLine, Mark } from './types.ts';

const symbol: Record<Mark, string> = { ok: '✓', warn: '!', fail: '✗' };

function count(report: DoctorReport, mark: Mark): number {
  return report.lines.filter((l) => l.mark === mark).length;
}

/** The table, then what to do for each ✗ and !, then the tally. */
export function renderDoctor(report: DoctorReport, color: boolean): string {
  const c = pc.createColors(color);
  const paint: Record<Mark, (s: string) => string> = { ok: c.green, warn: c.yellow, fail: c.red };
  const table = new Table({ head: ['结果', '检查项', '对象', '情况'], style: { head: [], border: [], compact: true } });
  for (const line of report.lines) table.push([paint[line.mark](symbol[line.mark]), line.topic, line.subject, line.found]);
  const todo = report.lines.filter((l): l is DoctorLine & { fix: string } => l.mark !== 'ok' && l.fix !== undefined);
  const steps = todo.flatMap((l) => [`  ${paint[l.mark](symbol[l.mark])} ${[l.topic, l.subject].filter(Boolean).join(' ')}：`, ...l.fix.split('\n').map((f) => `     ${f}`)]);
  const tally = `共 ${report.lines.length} 项：正常 ${count(report, 'ok')}，需要注意 ${count(report, 'warn')}，有问题 ${count(report, 'fail')}。`;
  return [
    c.bold('menu-patrol 自检：哪些能用，哪些要处理'),
    '',
    table.toString(),
    ...(steps.length > 0 ? ['', c.bold('怎么办：'), ...steps] : []),
    '',
    count(report, 'fail') > 0 ? c.red(tally) : c.green(tally),
    '',
  ].join('\n');
}

/** The --json contract: the same lines as the table. Fields may be added, never renamed or removed. */
export function doctorJson(report: DoctorReport): string {
  const summary = { ok: count(report, 'ok'), warn: count(report, 'warn'), fail: count(report, 'fail') };
  const checks = report.lines.map((l) => ({ status: l.mark, topic: l.topic, subject: l.subject, found: l.found, fix: l.fix ?? null }));
  return `${JSON.stringify({ configLoaded: !report.configBroken, summary, checks }, null, 2)}\n`;
}
