import type { ScoringRules } from '../config/schema.ts';
import type { Period } from './period.ts';
import type { ProblemType } from './problem-types.ts';

/**
 * A report as plain values: the Markdown, HTML and xlsx writers only lay out
 * what is here, so the three always agree.
 */

/** scored: the menu was read in the period; no-menu: a Weibo account; unread: every read failed; absent: not swept. */
export type AccountState = 'scored' | 'no-menu' | 'unread' | 'absent';

export type Result = '合格' | '不合格' | '未巡检' | '未能读取菜单';

/** One row of the attachment table. */
export interface AccountRow {
  readonly seq: number;
  readonly name: string;
  /** 微信订阅号 / 微信服务号 / 新浪微博. */
  readonly type: string;
  readonly unit: string;
  readonly state: AccountState;
  /** Failing menu items in the period. */
  readonly items: number;
  /** Of those, not fixed yet. */
  readonly openItems: number;
  /** Null when the account was not scored. */
  readonly deduction: number | null;
  readonly result: Result;
  /** 问题类型: the kinds with counts, or why the account was not scored. */
  readonly problemTypes: string;
  /** Single vetoes, one line per item. */
  readonly vetoes: readonly string[];
  /** 审核不严: articles with 错敏字 in the period (each counts as one deducted item). */
  readonly articles: number;
  /** 超期: 1 when the account was found overdue in the period. */
  readonly overdue: number;
}

/** One failing problem of one item: a row of the detail sheet. */
export interface DetailRow {
  readonly account: string;
  readonly place: string;
  readonly problem: string;
  readonly type: ProblemType;
  /** The page that proves it, when the item opens one. */
  readonly link: string | null;
  readonly firstSeen: string;
  readonly fixedAt: string | null;
  /** The item was taken out of the menu rather than repaired. */
  readonly removed: boolean;
  /** Whole days from first seen to fixed, or to the report's time when still open. */
  readonly daysOpen: number;
  readonly critical: boolean;
  /** The evidence screenshot's file (data/evidence/…), when the page was photographed. */
  readonly screenshot: string | null;
}

/** A menu item the last sweep of the period could not verify (a mini program, an image or voice): a person must open it. */
export interface UnverifiedRow {
  readonly account: string;
  readonly place: string;
  /** What was and wasn't checked. */
  readonly note: string;
}

/** An account found 不合格 in two or more quarters of the year. */
export interface RepeatOffender {
  readonly account: string;
  /** 「第三季度」… */
  readonly quarters: readonly string[];
}

/** Problems still open at the end of a week (or at the report's time, for the current week). */
export interface WeekPoint {
  /** The week's Monday, or the period's first day for a week the period starts in. */
  readonly firstDay: string;
  readonly open: number;
}

export interface Report {
  readonly period: Period;
  readonly generatedAt: string;
  readonly rules: ScoringRules;
  readonly ruleLines: readonly string[];
  /** False: nothing was swept in the period, and the writers say so instead of printing a table. */
  readonly hasData: boolean;
  /** Sweeps recorded in the period (0 when their records were already pruned but findings remain). */
  readonly sweeps: { readonly count: number; readonly first: string | null; readonly last: string | null };
  /** The time span the data file holds, to tell a reader of an empty report where data exists. */
  readonly stored: { readonly first: string; readonly last: string } | null;
  readonly rows: readonly AccountRow[];
  readonly details: readonly DetailRow[];
  readonly repeatOffenders: readonly RepeatOffender[];
  readonly weekly: readonly WeekPoint[];
  readonly unverified: readonly UnverifiedRow[];
  readonly totals: {
    readonly accounts: number;
    readonly scored: number;
    readonly qualified: number;
    readonly unqualified: number;
    readonly notScored: number;
    /** Failing places: menu items and, for content problems, the account's updates or an article. */
    readonly items: number;
    readonly openItems: number;
    /** Of those, the content problems (超期, 错敏字, personal data): not menu items, so said apart. */
    readonly contentItems: number;
    readonly openContentItems: number;
  };
}
