import { findPage } from '../analysis/analyze-page.ts';
import { judgePage } from '../analysis/page-findings.ts';
import { isTrustedHost, resolveUrl, siteScope } from '../analysis/domains.ts';
import { countMeaningful } from '../analysis/fold.ts';
import { problem, type Problem } from '../core/problems.ts';
import type { Rendering } from './render-page.ts';

/** Fewer visible letters and digits than this, with no image or frame to see, is a white screen. */
const whiteScreenChars = 5;

const hostOf = (url: string) => resolveUrl(url)?.hostname ?? '';

/**
 * The rendered page's problems for an account's domains: the same detectors as
 * the delivered HTML, on the DOM after the scripts ran, plus what only a
 * browser sees (white screen, navigation away after load, hidden frames).
 * Every problem says it was seen in the rendered page.
 */
export function judgeRendering(rendering: Rendering): (domains: readonly string[]) => Problem[] {
  const evidence = { url: rendering.url, finalUrl: rendering.finalUrl, seenIn: 'rendered', renderMs: rendering.ms };
  if (rendering.end === 'timeout' || rendering.end === 'crashed') {
    const detail = rendering.end === 'crashed' ? '页面脚本耗尽内存或出错，浏览器标签页崩溃' : `超过 ${Math.round(rendering.ms / 1000)} 秒`;
    const stuck = problem('render-timeout', detail, evidence);
    return () => [stuck];
  }
  const snapshot = rendering.snapshot;
  if (!snapshot) return () => [];
  const findings = findPage({
    url: rendering.url,
    finalUrl: rendering.finalUrl,
    status: 200,
    headers: { 'content-type': 'text/html; charset=utf-8' },
    body: Buffer.from(snapshot.html),
  });
  const page = judgePage(findings);
  const visibleFrames = snapshot.iframes.filter((f) => !f.hidden).length;
  const blank = countMeaningful(snapshot.text) < whiteScreenChars && snapshot.images === 0 && visibleFrames === 0;
  const startHost = hostOf(rendering.url);
  return (domains) => {
    const scope = siteScope(hostOf(rendering.finalUrl) || startHost, domains);
    const startScope = siteScope(startHost, domains);
    // A white screen is said as such; the static detector's "empty page" would be the same finding twice.
    const problems: Problem[] = page(domains).filter((p) => p.code !== 'empty-page').map((p) => ({ ...p, evidence: { ...evidence, ...p.evidence, seenIn: 'rendered' } }));
    if (blank) {
      // A script that answered 404 may also be reported failed: each file is named once.
      const missing = [...new Set(rendering.failedScripts.map((s) => resolveUrl(s)?.pathname.split('/').pop() || s))];
      const detail = missing.length > 0 ? `脚本文件 ${missing.slice(0, 3).join('、')} 没有加载成功` : '打开后没有显示任何文字或图片';
      problems.push(problem('white-screen', detail, { ...evidence, failedScripts: rendering.failedScripts, textChars: countMeaningful(snapshot.text) }));
    }
    const away = rendering.navigations.find((n) => hostOf(n) !== '' && !isTrustedHost(hostOf(n), startScope));
    if (away && !problems.some((p) => p.code === 'script-redirect-offsite')) {
      problems.push(problem('script-redirect-offsite', `打开后自动跳转到了 ${hostOf(away)}`, { ...evidence, navigations: rendering.navigations }));
    }
    const frame = snapshot.iframes.find((f) => f.hidden && hostOf(f.src) !== '' && !isTrustedHost(hostOf(f.src), scope));
    if (frame) problems.push(problem('hidden-iframe', `隐藏框架加载 ${hostOf(frame.src)}`, { ...evidence, iframe: frame.src }));
    return problems;
  };
}
