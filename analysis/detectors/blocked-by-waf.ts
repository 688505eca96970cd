import { problem, type Problem } from '../../core/problems.ts';
import { findHits, quote, textEvidence } from '../matching.ts';
import type { ParsedPage } from '../parsed-page.ts';
import { isNoticeSized } from '../shape.ts';

/** Sentences only a block page says (宝塔, 安全狗, 云锁, 阿里云盾, 腾讯云, 360, 创宇盾 wordings). */
const blockStatement = new RegExp(
  [
    '(您的)?请求带有不合法参数|已被网站管理员设置(为)?拦截',
    '(当前访问)?疑似黑客攻击|您的请求疑似攻击行为|可能对网站造成安全威胁',
    '您的(访问|请求)(请求)?(已)?被(阻断|拦截)|请求(已)?被(防火墙)?(阻断|拦截)',
  ].join('|'),
  'g',
);

/** Firewall product names: on their own they could be a news item about buying one. */
const firewallName = /网站防火墙|web应用防火墙|web应用防护系统|安全狗|云锁|创宇盾|云盾|safedog|yunsuo|btwaf/g;

/** Statuses firewalls answer with when they refuse a request. */
const refusalStatuses = new Set([403, 405, 406, 418, 429, 493, 501, 503]);

/** A web application firewall refused the checker's request: a person has to look (warn, never fail). */
export function blockedByWaf(page: ParsedPage): Problem[] {
  if (!isNoticeSized(page)) return [];
  const statements = findHits(page, blockStatement, ['title', 'visible']);
  const names = findHits(page, firewallName, ['title', 'visible']);
  const refused = refusalStatuses.has(page.input.status);
  if (statements.length === 0 && !(names.length > 0 && refused)) return [];
  const hits = [...statements, ...names];
  const said = `网页提示：${quote(page, hits)}`;
  const detail = refused ? `HTTP ${page.input.status}，${said}` : said;
  return [problem('blocked-by-waf', detail, textEvidence(page, hits))];
}
