/**
 * Recognising a site whose own pages are gone and something else answers in
 * their place: a parking or for-sale page, a web server's or hosting panel's
 * default page, a hosting-expired, closed or not-filed notice. Such pages
 * are often served with 200, and a government page may talk about all of
 * them, so no phrase decides alone; signals add up:
 *   +3 the title or a short heading says so;
 *   +2 the phrase stands alone (a short block, or a third of its block), or +1
 *      inside longer text;
 *   +2 a technical trace of the replacement (a parking service's script);
 *   +1 the page is notice-sized, +1 more when it is bare;
 *   −4 the page has Chinese prose or is an official document: the site's
 *      own content, talking about such pages.
 * Hits framed as a warning, a rule or a hypothetical (谨防, 不得, 关于, 避免 …
 * a few characters away) are dropped. 4 or more, with a hit or a trace, is
 * the replacement.
 */
import { countMeaningful } from './fold.ts';
import { hitsIn, textEvidence, type Hit } from './matching.ts';
import type { ParsedPage } from './parsed-page.ts';
import { matchesAnywhere } from './prefixes.ts';
import { hasProse, isNoticeSized, isShort, isWeChatPage } from './shape.ts';
import { anywhere, headingTexts, isOfficialDocument, stateDetail } from './state-page.ts';

export interface ReplacedWording {
  /** Global pattern for what the replacement says, in body text, titles and headings. */
  readonly phrase: RegExp;
  /** Global pattern for a title part or short heading that names the replacement. */
  readonly heading: RegExp;
  /** Global pattern for the whole title only (a heading inside an error page may say the same). */
  readonly title?: RegExp;
  /** Technical traces the replacement leaves, named for the evidence. */
  readonly traces?: (page: ParsedPage) => string[];
}

export interface Replacement {
  /** The message as the visitor reads it. */
  readonly detail: string;
  readonly evidence: Record<string, unknown>;
}

const standaloneChars = 50;
const contextRadius = 12;
const threshold = 4;
const framing = /谨防|警惕|当心|诈骗|骗局|不得|严禁|禁止|如何|怎么|怎样|是否|关于|避免|以免|防止|确保|规范|办法|条例/;

/** The replacement the page shows, or null when it is the site's own page. */
export function replacement(page: ParsedPage, wording: ReplacedWording): Replacement | null {
  if (isWeChatPage(page)) return null;
  const headingHits = headingTexts(page).flatMap(({ text, offset, full, where }) =>
    [...hitsIn(text, wording.phrase, where), ...hitsIn(text, wording.heading, where)].map((h) => ({ ...h, text: full, index: offset + h.index })),
  );
  const titleHits = wording.title ? hitsIn(page.title, wording.title, 'title') : [];
  const prominent = [...titleHits, ...headingHits].filter(unframed);
  const standalone: Hit[] = [];
  const inline: Hit[] = [];
  if (matchesAnywhere(page.visibleText, anywhere(wording.phrase))) {
    for (const block of page.blocks) {
      for (const hit of hitsIn(block.text, wording.phrase, 'visible').filter(unframed)) {
        const alone = block.chars <= standaloneChars || countMeaningful(hit.term) * 3 >= block.chars;
        (alone ? standalone : inline).push(hit);
      }
    }
  }
  const ownContent = hasProse(page) || isOfficialDocument(page);
  const untraced =
    (prominent.length > 0 ? 3 : 0) +
    (standalone.length > 0 ? 2 : inline.length > 0 ? 1 : 0) +
    (isNoticeSized(page) ? 1 : 0) +
    (isShort(page) ? 1 : 0) -
    (ownContent ? 4 : 0);
  // Traces look at every link's host: only worth it when they could reach the threshold.
  const traces = untraced + 2 >= threshold ? (wording.traces?.(page) ?? []) : [];
  const score = untraced + (traces.length > 0 ? 2 : 0);
  const hits = [...prominent, ...standalone, ...inline];
  if (score < threshold || (hits.length === 0 && traces.length === 0)) return null;

  const evidence = textEvidence(page, hits, { score, traces });
  return {
    detail: hits.length > 0 ? stateDetail(page, hits) : `网页由 ${traces.join('、')} 生成`,
    evidence: { ...evidence, matched: [...evidence.matched, ...traces] },
  };
}

/** 「谨防“域名即将过期”诈骗」 and 「为避免网站过期」 talk about the state; the page is not in it. */
function unframed(hit: Hit): boolean {
  const start = Math.max(0, hit.index - contextRadius);
  return !framing.test(hit.text.slice(start, hit.index + hit.term.length + contextRadius));
}
