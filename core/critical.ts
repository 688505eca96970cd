/**
 * Interaction entries: a broken one has failed whole accounts outright
 * (「未提供有效互动功能」 is a single-veto item), so they are marked and
 * reported first. Matched by name, because that is all a menu says about them.
 */
export const defaultCriticalKeywords = ['互动', '留言', '咨询', '信箱', '投诉', '建议', '问政', '举报', '信访', '热线', '民意', '诉求'] as const;

export function isCritical(path: readonly string[], keywords: readonly string[]): boolean {
  return path.some((name) => keywords.some((k) => name.includes(k)));
}
