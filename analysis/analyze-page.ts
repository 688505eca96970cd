/**
 * Page analysis: what a fetched page shows, beyond its status code. Pure and
 * synchronous; the page is decoded and parsed once and every detector reads
 * the same ParsedPage.
 */
import type { Problem } from '../core/problems.ts';
import { antiBot } from './detectors/anti-bot.ts';
import { blockedByWaf } from './detectors/blocked-by-waf.ts';
import { clientRequired } from './detectors/client-required.ts';
import { emptyPage } from './detectors/empty-page.ts';
import { hiddenLinks } from './detectors/hidden-links.ts';
import { hijacked } from './detectors/hijacked.ts';
import { maintenance } from './detectors/maintenance.ts';
import { scriptRedirectOffsite } from './detectors/script-redirect-offsite.ts';
import { soft404 } from './detectors/soft-404.ts';
import { wechatState } from './detectors/wechat-state.ts';
import { parsePage } from './parse-page.ts';
import type { Detector } from './parsed-page.ts';
import type { PageInput } from './types.ts';

const detectors: readonly Detector[] = [
  emptyPage,
  soft404,
  maintenance,
  blockedByWaf,
  antiBot,
  clientRequired,
  wechatState,
  hijacked,
  hiddenLinks,
  scriptRedirectOffsite,
];

/** Problems the page content shows; [] for a healthy page and for binary bodies (PDF, images). */
export function analyzePage(input: PageInput): Problem[] {
  const page = parsePage(input);
  return page ? detectors.flatMap((detect) => detect(page)) : [];
}
