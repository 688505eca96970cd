/**
 * Where a finding sits. Menu findings sit on an item's path or on a whole
 * menu; content findings are account-level MenuProblems under the labels
 * below (not menu items), so the store, owner digests, rechecks and the
 * inspection countdown carry them like any menu problem. Chat, the terminal
 * and reports all name a place with placeLabel, so an owner reads the same
 * words wherever the finding reaches them.
 */
import { defaultMenu, itemLabel } from './menu.ts';

export const updatesPlace = '内容更新';
export const articlesPlace = '已发布文章';

const contentPlaces: ReadonlySet<string> = new Set([updatesPlace, articlesPlace]);

interface Place {
  readonly menu: string;
  readonly path: readonly string[];
}

/** A content finding (超期, 错敏字, personal data), not a menu item's. */
export function isContentPlace(place: { readonly menu: string }): boolean {
  return contentPlaces.has(place.menu);
}

/** The path of one article's findings: its title, which the owner finds in the 发表记录. */
export function articlePath(title: string): string[] {
  return [`《${title.trim() || '无标题'}》`];
}

/**
 * "办事服务 > 社保查询", "个性化菜单(标签=2) > 办事服务", "整个菜单",
 * "整个菜单（个性化菜单(标签=2)）", "内容更新", "已发布文章《标题》".
 */
export function placeLabel(place: Place): string {
  if (isContentPlace(place)) return `${place.menu}${place.path.join('')}`;
  if (place.path.length > 0) return itemLabel(place);
  return place.menu === defaultMenu ? '整个菜单' : `整个菜单（${place.menu}）`;
}
