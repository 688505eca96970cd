import Table from 'cli-table3';
import pc from 'picocolors';
import { findingId, type Finding, type FindingChanges } from '../core/findings.ts';
import { placeLabel } from '../core/places.ts';
import { problemCatalog, type Problem } from '../core/problems.ts';
import type { AccountResult, AccountStatus, ItemResult, RunResult } from '../core/results.ts';
import { formatAge, formatLocal } from '../core/time.ts';
import { screenshotOf } from '../store/evidence.ts';

export interface RenderOptions {
  readonly color: boolean;
  /** Findings after this run, to say since when each problem has been open. */
  readonly findings: readonly Finding[];
  readonly changes: FindingChanges;
  /** The office's zone (config.timezone): every time shown is in it. */
  readonly timeZone: string;
}

const statusLabel: Record<AccountStatus, string> = { ok: '正常', warn: '需人工确认', fail: '有问题', error: '读取失败' };

function paint(options: RenderOptions) {
  const c = pc.createColors(options.color);
  return {
    fail: (s: string) => c.red(s),
    warn: (s: string) => c.yellow(s),
    ok: (s: string) => c.green(s),
    dim: (s: string) => c.dim(s),
    bold: (s: string) => c.bold(s),
  };
}

function seconds(result: RunResult): string {
  return ((Date.parse(result.run.finishedAt) - Date.parse(result.run.startedAt)) / 1000).toFixed(1);
}

function overview(result: RunResult, options: RenderOptions): string[] {
  const p = paint(options);
  const s = result.summary;
  const lines = [
    p.bold(`菜单巡检结果（${formatLocal(result.run.startedAt, options.timeZone, true)}，用时 ${seconds(result)} 秒）`),
    '',
    `共巡检 ${s.accounts} 个公众号的 ${s.items} 个菜单项：` +
      `${p.ok(`正常 ${s.ok}`)}，${p.fail(`有问题 ${s.fail}`)}，${p.warn(`需人工确认 ${s.warn}`)}，${p.warn(`未核实 ${s.unverified}`)}，未自动检查 ${s.skipped}。`,
  ];
  if (s.errors > 0) lines.push(p.fail(`${s.errors} 个公众号读取菜单失败，见下方原因。`));
  if (result.notChecked.length > 0) {
    lines.push(`另有 ${result.notChecked.length} 个账号未巡检：${result.notChecked.map((n) => n.name).join('、')}（${result.notChecked[0]!.reason}）。`);
  }
  const { opened, resolved } = options.changes;
  lines.push(`与上次相比：新发现问题 ${opened.length} 个，已修复 ${resolved.length} 个。`);
  return lines;
}

function accountTable(result: RunResult, options: RenderOptions): string {
  const p = paint(options);
  const table = new Table({
    head: ['账号', '结果', '菜单项', '有问题', '需确认', '未核实', '未检查'],
    style: { head: [], border: [], compact: true },
  });
  const count = (a: AccountResult, s: ItemResult['status']) => a.items.filter((i) => i.status === s).length;
  for (const a of result.accounts) {
    const label = statusLabel[a.status];
    const shown = a.status === 'ok' ? p.ok(label) : a.status === 'warn' ? p.warn(label) : p.fail(label);
    table.push([a.name, shown, a.items.length, count(a, 'fail') || '', count(a, 'warn') || '', count(a, 'unverified') || '', count(a, 'skipped') || '']);
  }
  return table.toString();
}

interface Place {
  readonly menu: string;
  readonly path: readonly string[];
  readonly status: 'fail' | 'warn';
  readonly target?: string | null;
  readonly critical?: boolean;
  readonly problems: readonly Problem[];
}

function placeDetails(account: AccountResult, place: Place, byId: Map<string, Finding>, options: RenderOptions): string[] {
  const p = paint(options);
  const mark = place.status === 'fail' ? p.fail('✗') : p.warn('!');
  const lines = [`  ${mark} ${placeLabel(place)}${place.critical ? p.fail(' 【互动类关键菜单：打不开可能导致整个账号不合格】') : ''}`];
  if (place.target) lines.push(p.dim(`     链接：${place.target}`));
  const screenshot = place.problems.map((x) => screenshotOf(x.evidence)).find((f) => f !== undefined);
  if (screenshot) lines.push(`     截图：${screenshot}（浏览器像手机一样打开时看到的样子）`);
  for (const problem of place.problems) {
    lines.push(`     问题：${problem.message}`);
    lines.push(`     怎么办：${problemCatalog[problem.code].hint}`);
    const finding = byId.get(findingId(account.name, place.menu, place.path, problem.code));
    if (finding) {
      const isNew = finding.firstSeen === finding.lastSeen;
      lines.push(
        p.dim(`     首次发现：${formatLocal(finding.firstSeen, options.timeZone)}${isNew ? '（本次新发现）' : `（已持续 ${formatAge(finding.firstSeen, finding.lastSeen)}）`}`),
      );
    }
  }
  return lines;
}

function details(result: RunResult, options: RenderOptions): string[] {
  const p = paint(options);
  const byId = new Map(options.findings.map((f) => [f.id, f]));
  const lines: string[] = [];
  for (const account of result.accounts) {
    const heading = `■ ${account.name}${account.unit && account.unit !== account.name ? `（${account.unit}）` : ''}`;
    if (account.error) {
      lines.push('', p.bold(heading), `  ${p.fail('✗')} ${account.error.message}`, `     怎么办：${account.error.hint}`);
      continue;
    }
    const menuPlaces: Place[] = account.problems.map((problem) => ({ ...problem, status: problem.severity, problems: [problem] }));
    const broken = account.items.filter((i): i is ItemResult & Place => i.status === 'fail' || i.status === 'warn');
    // Interaction items first: they decide whether the whole account passes.
    const places = [...menuPlaces, ...broken.filter((i) => i.critical), ...broken.filter((i) => !i.critical)];
    if (places.length === 0) continue;
    lines.push('', p.bold(heading));
    for (const place of places) lines.push(...placeDetails(account, place, byId, options));
  }
  return lines.length > 0 ? ['', p.bold('问题明细：'), ...lines] : ['', p.ok('所有菜单项都能正常打开。')];
}

/** Items nothing here could verify, with what was and wasn't checked: never passed off as ok. */
function unverifiedDetails(result: RunResult, options: RenderOptions): string[] {
  const p = paint(options);
  const lines = result.accounts.flatMap((a) =>
    a.items.filter((i) => i.status === 'unverified').flatMap((i) => [`  ${p.warn('?')} ${a.name}｜${placeLabel(i)}`, p.dim(`     ${i.note ?? ''}`)]),
  );
  return lines.length > 0 ? ['', p.bold('未核实（请在手机上点开确认）：'), ...lines] : [];
}

/** The end-of-sweep report for a terminal: overview, one row per account, then every problem with what to do. */
export function renderSummary(result: RunResult, options: RenderOptions): string {
  return [...overview(result, options), '', accountTable(result, options), ...details(result, options), ...unverifiedDetails(result, options), ''].join('\n');
}
