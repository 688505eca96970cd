import { problem, type Problem } from '../../core/problems.ts';
import { findHits, quote, textEvidence } from '../matching.ts';
import type { ParsedPage } from '../parsed-page.ts';
import { isNoticeSized } from '../shape.ts';

const oauth = /^https?:\/\/open\.weixin\.qq\.com\/connect\/(oauth2\/authorize|qrconnect)/i;

const wechatOnly = new RegExp(
  [
    '请在微信客户端打开',
    '请(在|使用|用|通过)微信(客户端)?(中|内|里)?(打开|访问|浏览)',
    '(只|仅)(能|支持|可)(在)?微信(客户端)?(中|内|里)?(打开|访问|使用)',
  ].join('|'),
  'g',
);

/**
 * Pages only WeChat itself can open: the 「请在微信客户端打开链接」 notice, or
 * WeChat OAuth (open.weixin.qq.com/connect/oauth2/authorize) reached by redirect,
 * meta refresh or script. Not a failure, a job for a person with a phone.
 */
export function clientRequired(page: ParsedPage): Problem[] {
  const oauthProblem = startsOauth(page);
  if (oauthProblem) return [oauthProblem];
  if (!isNoticeSized(page)) return [];
  const hits = findHits(page, wechatOnly, ['title', 'visible']);
  if (hits.length === 0) return [];
  return [problem('client-required', `网页提示：${quote(page, hits)}`, textEvidence(page, hits))];
}

function startsOauth(page: ParsedPage): Problem | null {
  const matched = ['open.weixin.qq.com/connect/oauth2/authorize'];
  if (oauth.test(page.finalUrl)) {
    return problem('client-required', '网页跳转到了微信登录授权', {
      finalUrl: page.finalUrl,
      matched,
      snippet: page.finalUrl,
      where: 'url',
    });
  }
  const redirect = page.redirects.find((r) => oauth.test(r.target));
  if (!redirect) return null;
  return problem('client-required', '网页会跳转到微信登录授权', {
    finalUrl: page.finalUrl,
    matched,
    snippet: redirect.snippet,
    where: redirect.via === 'script' ? 'script' : 'meta',
  });
}
