import { problem, type Problem } from '../../core/problems.ts';
import { opposingContext, plainTerms, strongTerms } from '../hijack-terms.ts';
import { findHits, textEvidence, type Hit } from '../matching.ts';
import type { ParsedPage, Region } from '../parsed-page.ts';

/** Where spam pays: search engines read titles, meta tags and hidden blocks; people rarely look there. */
const regionWeight: Record<Region, number> = { title: 3, meta: 3, hidden: 3, visible: 1 };
const regionOrder: readonly Region[] = ['title', 'meta', 'hidden', 'visible'];
const regionLabel: Record<Region, string> = { title: '标题', meta: '网页关键词或描述', hidden: '隐藏内容', visible: '正文' };

const strongWeight = 3;
const cloakingWeight = 3;
/**
 * Two strong hits in the text, or one in the title/meta/a hidden block, or one
 * backed by three plain words or by a cloaking script.
 */
const threshold = 6;
const contextRadius = 20;

/** Gambling or porn content on the page: black-hat SEO (word-replacement mirrors, injected blocks). */
export function hijacked(page: ParsedPage): Problem[] {
  const strong = findHits(page, strongTerms, regionOrder).filter((h) => !opposed(h));
  if (strong.length === 0) return [];
  const plain = findHits(page, plainTerms, regionOrder).filter((h) => !opposed(h) && !insideAny(h, strong));
  const plainWeights = new Map<string, number>();
  for (const h of plain) plainWeights.set(h.term, Math.max(plainWeights.get(h.term) ?? 0, regionWeight[h.where]));

  const score =
    strong.reduce((sum, h) => sum + strongWeight * regionWeight[h.where], 0) +
    [...plainWeights.values()].reduce((sum, w) => sum + w, 0) +
    (page.cloaking ? cloakingWeight : 0);
  if (score < threshold) return [];

  const first = strong[0] as Hit;
  const terms = new Set(strong.map((h) => h.term));
  const detail = `${regionLabel[first.where]}出现“${first.term}”等 ${terms.size} 个赌博、色情词语`;
  return [problem('hijacked', detail, textEvidence(page, [...strong, ...plain], { score, cloaking: page.cloaking }))];
}

/** A hit framed by 打击/严禁/公安/福利彩票 … within a few characters is about gambling, not for it. */
function opposed(hit: Hit): boolean {
  const start = Math.max(0, hit.index - contextRadius);
  const around = hit.text.slice(start, hit.index + hit.term.length + contextRadius);
  return opposingContext.test(around);
}

/** Plain words inside a strong match (投注 in 欧洲杯比赛投注) are the same evidence, not more. */
function insideAny(hit: Hit, strong: readonly Hit[]): boolean {
  return strong.some(
    (s) => s.text === hit.text && hit.index >= s.index && hit.index < s.index + s.term.length,
  );
}
