import type { ItemKind } from './menu.ts';
import type { MenuProblem } from './menu-structure.ts';
import type { Problem } from './problems.ts';

/**
 * What one sweep found, as plain values: the same objects feed the store,
 * the --json output, the terminal summary and (later) chat messages.
 */

/**
 * unverified (未核实): everything that could be checked here is fine, but what
 * matters (a mini program opening, a media file playing) can only be seen on a
 * phone; never shown as a plain ok.
 */
export type ItemStatus = 'ok' | 'warn' | 'fail' | 'unverified' | 'skipped';
export type AccountStatus = 'ok' | 'warn' | 'fail' | 'error';
export type Trigger = 'cli' | 'demo' | 'chat' | 'schedule' | 'recheck';

/** A checker's answer for one menu item. */
export interface Verdict {
  readonly status: ItemStatus;
  readonly problems: readonly Problem[];
  /** Why an item was skipped or is unverified (what was and wasn't checked), or anything else the owner should read. */
  readonly note?: string;
}

export interface ItemResult extends Verdict {
  readonly path: readonly string[];
  /** An interaction item (互动、留言、咨询…): broken, it can fail the whole account in an inspection. */
  readonly critical: boolean;
  readonly menu: string;
  readonly type: string;
  readonly kind: ItemKind;
  readonly target: string | null;
}

export interface AccountError {
  readonly code: string;
  /** WeChat's errcode when the API refused. */
  readonly errcode?: number;
  readonly message: string;
  /** What to do about it, in plain Chinese. */
  readonly hint: string;
}

export interface AccountResult {
  readonly name: string;
  readonly unit?: string;
  readonly platform: string;
  readonly status: AccountStatus;
  readonly error: AccountError | null;
  readonly menuSource: 'api' | 'inventory' | null;
  readonly menuOpen: boolean | null;
  /** Problems of the menu as a whole (switched off, empty, over WeChat's limits). */
  readonly problems: readonly MenuProblem[];
  readonly items: readonly ItemResult[];
}

export interface RunInfo {
  readonly id: string;
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly trigger: Trigger;
  /** A scheduled run: which jobs it ran (their labels), and whether it made up for runs missed while the service was down. */
  readonly schedule?: ScheduledRun;
}

export interface ScheduledRun {
  readonly jobs: readonly string[];
  readonly catchUp: boolean;
}

export interface Summary {
  readonly accounts: number;
  readonly items: number;
  readonly ok: number;
  readonly warn: number;
  readonly fail: number;
  readonly unverified: number;
  readonly skipped: number;
  /** Accounts whose menu could not be read at all. */
  readonly errors: number;
}

export interface NotChecked {
  readonly name: string;
  readonly reason: string;
}

export interface RunResult {
  readonly run: RunInfo;
  readonly summary: Summary;
  readonly accounts: readonly AccountResult[];
  /** Accounts in the register with nothing to sweep (e.g. Weibo has no menu). */
  readonly notChecked: readonly NotChecked[];
}

/** fail beats warn beats ok: one broken link makes the item broken. */
export function verdictOf(problems: readonly Problem[], note?: string): Verdict {
  const status: ItemStatus = problems.some((p) => p.severity === 'fail') ? 'fail' : problems.length > 0 ? 'warn' : 'ok';
  return note === undefined ? { status, problems } : { status, problems, note };
}

/** The problems found, or, with none, unverified: `note` says what was and wasn't checked. */
export function unverifiedOf(problems: readonly Problem[], note: string): Verdict {
  return problems.length > 0 ? verdictOf(problems, note) : { status: 'unverified', problems: [], note };
}

export function skipped(note: string): Verdict {
  return { status: 'skipped', problems: [], note };
}

export function accountStatus(items: readonly ItemResult[], problems: readonly MenuProblem[] = []): AccountStatus {
  if (items.some((i) => i.status === 'fail') || problems.some((p) => p.severity === 'fail')) return 'fail';
  if (items.some((i) => i.status === 'warn') || problems.length > 0) return 'warn';
  return 'ok';
}

export function summarize(accounts: readonly AccountResult[]): Summary {
  const count = (s: ItemStatus) => accounts.reduce((n, a) => n + a.items.filter((i) => i.status === s).length, 0);
  return {
    accounts: accounts.length,
    items: accounts.reduce((n, a) => n + a.items.length, 0),
    ok: count('ok'),
    warn: count('warn'),
    fail: count('fail'),
    unverified: count('unverified'),
    skipped: count('skipped'),
    errors: accounts.filter((a) => a.status === 'error').length,
  };
}
