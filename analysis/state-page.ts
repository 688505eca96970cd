/**
 * Recognising a page that *is* a state ("not found", "under maintenance")
 * rather than a page that mentions one. Wording differs from site to site, so
 * no single phrase decides; signals add up:
 *   +2 the phrase stands alone as a short block (how message pages show it),
 *      or +1 when it only occurs inside longer text;
 *   +2 the title or a heading says so;
 *   +1 the page is short;
 *   +1 a 「返回首页」 link on a page without prose;
 *   −3 the page has real paragraphs, or is an official document
 *      (「关于……暂停服务的公告」 announces maintenance, it is not the outage).
 * A score of 3 or more, with the phrase or heading present, is the state.
 */
import { countMeaningful } from './fold.ts';
import { hitsIn, quote, type Hit } from './matching.ts';
import { matchesAnywhere } from './prefixes.ts';
import type { ParsedPage } from './parsed-page.ts';
import { isArticleLike, isShort } from './shape.ts';

export interface StateWording {
  /** Global pattern for the state's wording in body text (and in titles). */
  readonly phrase: RegExp;
  /** Global pattern for a title or heading that names the state, tested on each part of the title. */
  readonly heading: RegExp;
}

/** Titles of documents (「关于……的通知」) describe a subject, not the page's own state. */
const documentTitle = /^关于|(公告|通知|通告|公示|决定|办法|意见|报告|说明)$/;
/** The standard form of an official document's title. */
const officialTitle = /^关于.{2,}(通知|公告|通告|公示|说明|决定|意见|办法|批复|函)$/;
const returnHome = /返回(网站)?(首页|主页|上一页|上页)/;
const standaloneChars = 50;
const headingChars = 40;

/** The hits proving the page is in the state, best first; empty when it is not. */
export function stateHits(page: ParsedPage, wording: StateWording): Hit[] {
  const headingHits = headingTexts(page).flatMap(({ text, offset, full, where }) =>
    [...hitsIn(text, wording.phrase, where), ...hitsIn(text, wording.heading, where)].map((h) => ({
      ...h,
      text: full,
      index: offset + h.index,
    })),
  );
  const standalone: Hit[] = [];
  const inline: Hit[] = [];
  // Most pages say nothing of the kind: one search of the whole text (multiline, so ^ and $ still
  // match at each block's edges) spares a search per block.
  if (matchesAnywhere(page.visibleText, anywhere(wording.phrase))) {
    for (const block of page.blocks) {
      const hits = hitsIn(block.text, wording.phrase, 'visible');
      (block.chars <= standaloneChars ? standalone : inline).push(...hits);
    }
  }
  const document = isArticleLike(page) || isOfficialDocument(page);
  const score =
    (standalone.length > 0 ? 2 : inline.length > 0 ? 1 : 0) +
    (headingHits.length > 0 ? 2 : 0) +
    (isShort(page) ? 1 : 0) +
    (!document && returnHome.test(page.visibleText) ? 1 : 0) -
    (document ? 3 : 0);
  const hits = [...headingHits, ...standalone, ...inline];
  return score >= 3 && hits.length > 0 ? hits : [];
}

const multiline = new WeakMap<RegExp, RegExp>();

/** `pattern` as a non-global multiline test: it matches the joined blocks wherever it matches one block. */
export function anywhere(pattern: RegExp): RegExp {
  let found = multiline.get(pattern);
  if (!found) {
    found = new RegExp(pattern.source, pattern.flags.replace('g', '') + (pattern.multiline ? '' : 'm'));
    multiline.set(pattern, found);
  }
  return found;
}

/** The message as the visitor reads it: the page's own sentence when there is one, else its title. */
export function stateDetail(page: ParsedPage, hits: readonly Hit[]): string {
  const sentence = hits.find((h) => h.where === 'visible' && countMeaningful(h.text) <= standaloneChars);
  return sentence ? `网页提示：${quote(page, [sentence])}` : `网页标题为“${page.title}”`;
}

const officialDocuments = new WeakMap<ParsedPage, boolean>();
const headingTextsOf = new WeakMap<ParsedPage, readonly HeadingText[]>();

/** The page is an official document (「关于……的通知」): it discusses states, it is not one. Read once per page. */
export function isOfficialDocument(page: ParsedPage): boolean {
  let found = officialDocuments.get(page);
  if (found === undefined) officialDocuments.set(page, (found = readOfficialDocument(page)));
  return found;
}

function readOfficialDocument(page: ParsedPage): boolean {
  const titles = [...page.title.split(/[-_|–—·]/), ...page.blocks.filter((b) => b.heading).map((b) => b.text)];
  return titles.some((t) => officialTitle.test(t.trim()));
}

export interface HeadingText {
  readonly text: string;
  /** Where `text` starts in `full`, so snippets can show the whole title. */
  readonly offset: number;
  readonly full: string;
  readonly where: 'title' | 'visible';
}

/**
 * The title's parts (「页面不存在_某某市人民政府」 → two parts) and short headings, unless they title a document.
 * Five detectors ask: read once per page.
 */
export function headingTexts(page: ParsedPage): readonly HeadingText[] {
  let found = headingTextsOf.get(page);
  if (!found) headingTextsOf.set(page, (found = readHeadingTexts(page)));
  return found;
}

function readHeadingTexts(page: ParsedPage): HeadingText[] {
  const titleParts = [...page.title.matchAll(/[^-_|–—·]+/g)].map((m) => ({
    text: m[0].trim(),
    offset: m.index + (m[0].length - m[0].trimStart().length),
    full: page.title,
    where: 'title' as const,
  }));
  const headings = page.blocks
    .filter((b) => b.heading)
    .map((b) => ({ text: b.text, offset: 0, full: b.text, where: 'visible' as const }));
  return [...titleParts, ...headings].filter(
    ({ text }) => text !== '' && countMeaningful(text) <= headingChars && !documentTitle.test(text),
  );
}
