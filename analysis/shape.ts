/**
 * What kind of page this is, judged by its text alone. Error, block and
 * challenge pages are short notices; an article that merely quotes their
 * wording has real paragraphs. Every phrase detector uses these guards so that
 * quoting 「页面不存在」 in a report never makes the report a 404.
 */
import { isWeChatHost } from '../core/sites.ts';
import type { ParsedPage } from './parsed-page.ts';

const prose = new WeakMap<ParsedPage, boolean>();

/** Two paragraphs of 60+ characters written in Chinese sentences. Half the detectors ask, so each page is read once. */
export function hasProse(page: ParsedPage): boolean {
  let found = prose.get(page);
  if (found === undefined) prose.set(page, (found = page.blocks.filter((b) => b.chars >= 60 && b.text.includes('。')).length >= 2));
  return found;
}

/** Real prose, or a long text. */
export function isArticleLike(page: ParsedPage): boolean {
  return hasProse(page) || page.visibleChars >= 3000;
}

/** Short enough to be a message page (even with a site header and footer around it), and not an article. */
export function isNoticeSized(page: ParsedPage): boolean {
  return page.visibleChars <= 1000 && !isArticleLike(page);
}

/** A bare page: little more than the message itself. */
export function isShort(page: ParsedPage): boolean {
  return page.visibleChars <= 300;
}

/** A page served by WeChat itself (see core/sites.ts). */
export function isWeChatPage(page: ParsedPage): boolean {
  return isWeChatHost(page.host);
}

export function isSuccess(page: ParsedPage): boolean {
  return page.input.status >= 200 && page.input.status < 300;
}
