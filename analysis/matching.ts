/** Finding patterns in a page's folded text and turning what was found into evidence. */
import type { ParsedPage, Region } from './parsed-page.ts';
import { matchesIn } from './prefixes.ts';

export interface Hit {
  /** The text the pattern matched. */
  readonly term: string;
  readonly where: Region;
  /** The searched text and where in it the term starts, for the snippet. */
  readonly text: string;
  readonly index: number;
}

function regionText(page: ParsedPage, where: Region): string {
  switch (where) {
    case 'title':
      return page.title;
    case 'meta':
      return page.meta;
    case 'visible':
      return page.visibleText;
    case 'hidden':
      return page.hiddenText;
  }
}

/** Every match of a global pattern in `text`. */
export function hitsIn(text: string, pattern: RegExp, where: Region): Hit[] {
  return matchesIn(text, pattern).map(({ term, index }) => ({ term, where, text, index }));
}

/** Every match of a global pattern in the given regions, in region order. */
export function findHits(page: ParsedPage, pattern: RegExp, regions: readonly Region[]): Hit[] {
  return regions.flatMap((where) => hitsIn(regionText(page, where), pattern, where));
}

/** About `radius` characters either side of a match, on one line. */
function snippetAround(text: string, index: number, length: number, radius = 20): string {
  const start = Math.max(0, index - radius);
  const end = Math.min(text.length, index + length + radius);
  const body = text.slice(start, end).replace(/\s+/g, ' ').trim();
  return `${start > 0 ? '…' : ''}${body}${end < text.length ? '…' : ''}`;
}

const quoteChars = 60;

/**
 * The line of the page the first visible hit (else the first hit) sits in, in
 * the page's own characters rather than folded ones, for the detail a clerk
 * reads: 「网页提示：對不起，您訪問的網頁已被刪除」.
 */
export function quote(page: ParsedPage, hits: readonly Hit[]): string {
  const hit = hits.find((h) => h.where === 'visible') ?? hits[0];
  if (!hit) return '';
  const start = hit.text.lastIndexOf('\n', hit.index) + 1;
  const end = hit.text.indexOf('\n', hit.index);
  const line = hit.text.slice(start, end === -1 ? undefined : end);
  const shown = page.blocks.find((b) => b.text === line)?.raw ?? line;
  return shown.length > quoteChars ? `${shown.slice(0, quoteChars)}…` : shown;
}

/** Evidence for text detectors: distinct matched terms, and a snippet and region from the first hit. */
export function textEvidence(page: ParsedPage, hits: readonly Hit[], extra: Record<string, unknown> = {}) {
  const first = hits[0];
  return {
    finalUrl: page.finalUrl,
    matched: [...new Set(hits.map((h) => h.term))],
    snippet: first ? snippetAround(first.text, first.index, first.term.length) : '',
    where: first?.where ?? 'visible',
    ...extra,
  };
}
