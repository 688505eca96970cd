/**
 * Where the content findings sit. They are account-level MenuProblems under
 * these labels (not menu items), so the store, owner digests, rechecks and
 * the inspection countdown carry them like any menu problem.
 */
export const updatesPlace = '内容更新';
export const articlesPlace = '已发布文章';

const contentPlaces: ReadonlySet<string> = new Set([updatesPlace, articlesPlace]);

/** A content finding (超期, 错敏字, personal data), not a menu item's. */
export function isContentPlace(place: { readonly menu: string }): boolean {
  return contentPlaces.has(place.menu);
}

/** The path of one article's findings: its title, which the owner finds in the 发表记录. */
export function articlePath(title: string): string[] {
  return [`《${title.trim() || '无标题'}》`];
}

/** "内容更新", "已发布文章《标题》": where a content finding is, in words; null for anything else. */
export function contentPlaceLabel(place: { readonly menu: string; readonly path: readonly string[] }): string | null {
  return isContentPlace(place) ? `${place.menu}${place.path.join('')}` : null;
}
