import { problem, type Problem } from '../../core/problems.ts';
import type { PageScript, ParsedPage } from '../parsed-page.ts';
import { isSuccess } from '../shape.ts';

/** Visitor statistics are on blank pages too; they render nothing. */
export const statistics = /cnzz\.com|51\.la|hm\.baidu\.com|google-analytics\.com|googletagmanager\.com|umeng\.com/i;

/** An inline script this long builds the page itself rather than counting visitors. */
const appScriptChars = 200;

function rendersContent(script: PageScript): boolean {
  if (statistics.test(script.src ?? script.text)) return false;
  return script.src !== null || script.text.trim().length >= appScriptChars;
}

/**
 * A 2xx page with nothing to see: no text, no image or frame, no script that
 * could render content (an SPA shell is not empty) and no redirect onwards.
 */
export function emptyPage(page: ParsedPage): Problem[] {
  if (!isSuccess(page)) return [];
  if (page.visibleChars > 0 || page.hasMedia || page.redirects.length > 0) return [];
  if (page.scripts.some(rendersContent)) return [];
  const detail = page.input.body.length === 0 ? '服务器返回的内容为空' : '网页上没有文字、图片或其他内容';
  return [
    problem('empty-page', detail, {
      finalUrl: page.finalUrl,
      matched: [],
      snippet: page.title,
      where: 'visible',
      bodyBytes: page.input.body.length,
    }),
  ];
}
