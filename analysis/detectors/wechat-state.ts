import { problem, type Problem, type ProblemCode } from '../../core/problems.ts';
import { fold } from '../fold.ts';
import { hitsIn, quote, textEvidence } from '../matching.ts';
import type { ParsedPage } from '../parsed-page.ts';
import { isWeChatPage } from '../shape.ts';

interface WeChatState {
  readonly code: ProblemCode;
  readonly pattern: RegExp;
  /** Added after WeChat's own words when they do not explain themselves. */
  readonly explain?: string;
}

/**
 * WeChat's message pages, most specific first: account states before article
 * states (「此帐号被投诉且经审核涉嫌侵权。此帐号已注销」 is about the account),
 * and the generic 「内容无法查看」 suffix last. Text is folded: 「，」 reads ",".
 */
const states: readonly WeChatState[] = [
  { code: 'wechat-url-blocked', pattern: /已停止访问该网页/g },
  { code: 'wechat-url-blocked', pattern: /如需浏览,?请长按网址复制后使用浏览器访问/g },
  { code: 'wechat-url-warning', pattern: /非微信官方网页/g },
  {
    code: 'wechat-account-migrated',
    pattern: /该公众号已迁移|此[帐账]号已申请[帐账]号迁移|此[帐账]号处于[帐账]号迁移流程中/g,
  },
  { code: 'wechat-account-blocked', pattern: /(此|该)([帐账]号|公众号)已被(屏蔽|封禁|封|冻结)/g },
  { code: 'wechat-account-blocked', pattern: /(此|该)([帐账]号|公众号)[^。\n]{0,20}?已(自主)?注销/g },
  { code: 'wechat-article-violation', pattern: /(此|该)(内容|文章)(因违规|被投诉|被多人投诉|涉嫌违反)[^。\n]{0,30}/g },
  { code: 'wechat-article-deleted', pattern: /(此|该)(内容|文章)已被(发布者|作者)?删除/g },
  { code: 'wechat-link-expired', pattern: /链接已过期/g },
  // No catalogue entry for a malformed link; its fix is the same as for a deleted article: pick it again.
  { code: 'wechat-article-deleted', pattern: /参数错误/g, explain: '链接不完整或已失效，无法打开文章' },
  { code: 'wechat-article-deleted', pattern: /内容(已)?无法查看/g, explain: '微信未说明原因' },
];

/** WeChat's message pages are a line or two; anything longer is a real page quoting one. */
const messagePageChars = 300;

/** The one state a WeChat message page (mp.weixin.qq.com, weixin110.qq.com) reports, if any. */
export function wechatState(page: ParsedPage): Problem[] {
  if (!isWeChatPage(page) || isLiveArticle(page) || page.visibleChars > messagePageChars) return [];
  const cgi = cgiData(page);
  // The weixin110 page is a script-rendered shell: its message lives in cgiData, not in the HTML.
  const texts = [page.visibleText, fold(cgi?.title ?? ''), fold(cgi?.desc ?? '')].filter((t) => t !== '');
  for (const state of states) {
    const hits = texts.flatMap((text) => hitsIn(text, state.pattern, 'visible'));
    if (hits.length === 0) continue;
    const detail = `微信提示：${quote(page, hits)}${state.explain ? `，${state.explain}` : ''}`;
    return [problem(state.code, detail, textEvidence(page, hits, extrasFor(page, state.code)))];
  }
  if (page.host === 'weixin110.qq.com' && cgi?.type === 'empty') {
    return [
      problem('wechat-url-blocked', '微信内无法打开，只能复制网址到浏览器访问', {
        finalUrl: page.finalUrl,
        matched: ['cgiData.type=empty'],
        snippet: cgi.desc,
        where: 'script',
      }),
    ];
  }
  return [];
}

/** Markers of a real article; its text may legitimately quote any of the messages above. */
function isLiveArticle(page: ParsedPage): boolean {
  return (
    page.ids.has('js_content') ||
    page.classes.has('rich_media_content') ||
    page.scripts.some((s) => /\bvar\s+msg_title\s*=/.test(s.text))
  );
}

interface CgiData {
  readonly type: string;
  readonly title: string;
  readonly desc: string;
}

/** The string fields of weixin110's `var cgiData = {…}`. */
function cgiData(page: ParsedPage): CgiData | null {
  for (const { text } of page.scripts) {
    const json = /\bcgiData\s*=\s*(\{[\s\S]*?\})\s*;/.exec(text)?.[1];
    if (!json) continue;
    try {
      const data = JSON.parse(json) as Record<string, unknown>;
      const field = (name: string) => (typeof data[name] === 'string' ? data[name] : '');
      return { type: field('type'), title: field('title'), desc: field('desc') };
    } catch {
      // Not JSON (a template or a script building it piecemeal): nothing to read.
    }
  }
  return null;
}

/** For a migrated account WeChat puts the new account's link in `var transferTargetLink`. */
function extrasFor(page: ParsedPage, code: ProblemCode): Record<string, unknown> {
  if (code !== 'wechat-account-migrated') return {};
  for (const { text } of page.scripts) {
    const link = /transferTargetLink\s*=\s*['"]([^'"]+)['"]/.exec(text)?.[1];
    if (link) return { newLink: link.replace(/&amp;/g, '&') };
  }
  return {};
}
