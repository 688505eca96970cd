/**
 * The account's last update from every source that can see it, and what may
 * be concluded. freepublish/batchget lists only 发布 (publish without
 * notification); the data cube (getarticletotaldetail) lists 群发 and 发布 but
 * only for verified accounts and a day late; the owner's 已更新 covers the
 * rest. 群发 is how government accounts usually post, so when nothing can see
 * it, an old or missing 发布 date proves nothing: ask the owner instead of
 * calling the account 超期.
 */
import type { MenuProblem } from '../core/menu-structure.ts';
import { problem } from '../core/problems.ts';
import { freshness, freshnessProblems, neverUpdatedProblem, sourceText, type FreshnessRules, type UpdateSource } from './freshness.ts';
import { updatesPlace } from '../core/places.ts';

export interface UpdateSightings {
  /** Newest 发布 (ISO time); null: none listed; undefined: the API did not answer. */
  readonly freepublish: string | null | undefined;
  /** Newest 群发 or 发布 in the data cube (ISO time); null: none in the window; undefined: not available (unverified account, API refused). */
  readonly datacube: string | null | undefined;
  /** What the owner reported with 已更新 (ISO time). */
  readonly owner: string | undefined;
}

/** The newest sighting and who saw it. */
export function lastUpdate(seen: UpdateSightings): { readonly at: string; readonly source: UpdateSource } | null {
  const candidates = (['freepublish', 'datacube', 'owner'] as const).flatMap((source) => {
    const at = seen[source];
    return typeof at === 'string' ? [{ at, source }] : [];
  });
  return candidates.reduce<(typeof candidates)[number] | null>((best, c) => (best === null || Date.parse(c.at) > Date.parse(best.at) ? c : best), null);
}

/** Some sighting already shows the account in time: nothing more needs asking. */
export function shownInTime(sightings: readonly (string | null | undefined)[], now: Date, rules: FreshnessRules): boolean {
  return sightings.some((at) => typeof at === 'string' && freshness(new Date(at), now, rules).state === 'fresh');
}

export function updateProblems(seen: UpdateSightings, now: Date, rules: FreshnessRules): MenuProblem[] {
  const last = lastUpdate(seen);
  if (last && shownInTime([last.at], now, rules)) return [];
  // 群发 is visible (the data cube answered), or a person vouched for the date: the verdict stands.
  if (seen.datacube !== undefined || last?.source === 'owner') {
    return last ? freshnessProblems(new Date(last.at), last.source, now, rules) : [neverUpdatedProblem(rules)];
  }
  if (seen.freepublish === undefined) return []; // no API source answered: content-unchecked says so
  const seenPublish = last ? `${sourceText[last.source]}，最近一次“发布”是 ${freshness(new Date(last.at), now, rules).lastDate}，` : '微信接口没有找到“发布”的内容，';
  const detail = `${seenPublish}但看不到“群发”的内容，无法判断是否超过 ${rules.overdueDays} 天没有更新`;
  return [{ ...problem('update-unconfirmed', detail, { lastPublish: seen.freepublish, datacube: 'unavailable', overdueDays: rules.overdueDays }), menu: updatesPlace, path: [] }];
}
