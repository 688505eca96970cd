import type { Finding } from '../core/findings.ts';
import { placeLabel } from '../core/places.ts';
import { problemCatalog } from '../core/problems.ts';
import type { ItemResult, ItemStatus } from '../core/results.ts';
import { formatLocal } from '../core/time.ts';
import { buildReport } from '../reports/build-report.ts';
import { quarterContaining } from '../reports/period.ts';
import type { WeekPoint } from '../reports/report-model.ts';
import { screenshotOf } from '../store/evidence.ts';
import { accountRow, latestResult, visibleAccounts, type OverviewRow, type ViewInput } from './view-model.ts';

/** The account page as plain values: the menu as a tree with verdicts, every finding with its evidence, the weekly history. */

export const itemStates: Record<ItemStatus, string> = { ok: '正常', warn: '需要留意', fail: '有问题', unverified: '需要在手机上核实', skipped: '未检查' };

export interface MenuNode {
  readonly name: string;
  /** Absent on a parent button, which opens nothing itself. */
  readonly status?: ItemStatus;
  readonly target: string | null;
  readonly problems: readonly string[];
  readonly note: string | null;
  readonly children: readonly MenuNode[];
}

export interface ProblemView {
  readonly id: string;
  readonly place: string;
  readonly text: string;
  /** What to do, from the problem catalogue. */
  readonly hint: string;
  readonly warning: boolean;
  readonly critical: boolean;
  readonly firstSeen: string;
  readonly lastSeen: string;
  /** When it was fixed (or the item taken out of the menu). */
  readonly resolved: string | null;
  readonly removed: boolean;
  readonly hasScreenshot: boolean;
  readonly link: string | null;
  /** Redirects the page went through: "302 http://…". */
  readonly chain: readonly string[];
  /** The words that matched, and the text around the first. */
  readonly matched: readonly string[];
  readonly snippet: string | null;
}

export interface AccountView {
  readonly row: OverviewRow;
  readonly menuSource: 'api' | 'inventory' | null;
  readonly menus: readonly { readonly name: string; readonly items: readonly MenuNode[] }[];
  /** Why the menu could not be read, and what to do, when the last read failed. */
  readonly error: { readonly message: string; readonly hint: string } | null;
  readonly open: readonly ProblemView[];
  readonly resolved: readonly ProblemView[];
  /** Open problems at the end of each week of the current quarter. */
  readonly weekly: readonly WeekPoint[];
  readonly quarter: string;
}

function node(item: ItemResult, name: string): MenuNode {
  return { name, status: item.status, target: item.target, problems: item.problems.map((p) => p.message), note: item.note ?? null, children: [] };
}

/** Items grouped by menu, then by their top-level button: the tree the citizen taps through. */
function menuTree(items: readonly ItemResult[]): AccountView['menus'] {
  const menus = new Map<string, Map<string, MenuNode>>();
  for (const item of items) {
    const tops = menus.get(item.menu) ?? new Map<string, MenuNode>();
    menus.set(item.menu, tops);
    const [top, ...rest] = item.path;
    if (top === undefined) continue;
    if (rest.length === 0) {
      tops.set(top, { ...node(item, top), children: tops.get(top)?.children ?? [] });
    } else {
      const parent = tops.get(top) ?? { name: top, target: null, problems: [], note: null, children: [] };
      tops.set(top, { ...parent, children: [...parent.children, node(item, rest.join(' > '))] });
    }
  }
  return [...menus].map(([name, tops]) => ({ name, items: [...tops.values()] }));
}

const strings = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []);

function chainOf(evidence: Readonly<Record<string, unknown>>): string[] {
  const chain = Array.isArray(evidence.chain) ? (evidence.chain as unknown[]) : [];
  return chain.flatMap((hop) => {
    const h = hop as { url?: unknown; status?: unknown };
    return typeof h.url === 'string' ? [`${typeof h.status === 'number' ? `${h.status} ` : ''}${h.url}`] : [];
  });
}

function problemView(f: Finding, timeZone: string): ProblemView {
  const link = [f.target, f.evidence.url].find((c): c is string => typeof c === 'string' && /^https?:\/\//.test(c)) ?? null;
  return {
    id: f.id,
    place: placeLabel(f),
    text: f.message,
    hint: problemCatalog[f.code]?.hint ?? '',
    warning: f.severity === 'warn',
    critical: f.critical,
    firstSeen: formatLocal(f.firstSeen, timeZone),
    lastSeen: formatLocal(f.lastSeen, timeZone),
    resolved: f.resolvedAt ? formatLocal(f.resolvedAt, timeZone) : null,
    removed: f.resolution === 'item-removed',
    hasScreenshot: screenshotOf(f.evidence) !== undefined,
    link,
    chain: chainOf(f.evidence),
    matched: strings(f.evidence.matched),
    snippet: typeof f.evidence.snippet === 'string' && f.evidence.snippet ? f.evidence.snippet : null,
  };
}

/** The account's page, or undefined when the viewer may not see it (or it is not in the register): both answer 404. */
export function accountView(input: ViewInput, name: string): AccountView | undefined {
  const account = visibleAccounts(input.config, input.viewer).find((a) => a.name === name);
  if (!account) return undefined;
  const { timezone } = input.config;
  const latest = latestResult(input.runs, name);
  const mine = input.findings.filter((f) => f.account === name);
  const period = quarterContaining(input.now.toISOString(), timezone);
  const report = buildReport({
    register: [account],
    only: new Set([name]),
    runs: input.runs,
    findings: input.findings,
    rules: input.config.scoring,
    period,
    now: input.now.toISOString(),
  });
  const newestFirst = (a: Finding, b: Finding) => (b.resolvedAt ?? b.lastSeen).localeCompare(a.resolvedAt ?? a.lastSeen);
  return {
    row: accountRow(input, account),
    menuSource: latest?.account.menuSource ?? null,
    menus: latest ? menuTree(latest.account.items) : [],
    error: latest?.account.error ? { message: latest.account.error.message, hint: latest.account.error.hint } : null,
    // Failures before warnings, the oldest failure first: what has waited longest is fixed first.
    open: mine
      .filter((f) => f.resolvedAt === null)
      .sort((a, b) => (a.severity === b.severity ? a.firstSeen.localeCompare(b.firstSeen) : a.severity === 'fail' ? -1 : 1))
      .map((f) => problemView(f, timezone)),
    resolved: mine.filter((f) => f.resolvedAt !== null).sort(newestFirst).map((f) => problemView(f, timezone)),
    weekly: report.weekly,
    quarter: period.label,
  };
}
