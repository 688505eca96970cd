import { problem, type Problem } from '../../core/problems.ts';
import { registrableDomain } from '../../core/sites.ts';
import { resolveUrl } from '../domains.ts';
import type { ParsedPage } from '../parsed-page.ts';
import { scanByPrefixes } from '../prefixes.ts';
import { replacement, type ReplacedWording } from '../replaced-page.ts';

/**
 * Domain parking and marketplace services. Their pages are often script
 * shells with no text of their own, so a script, frame, link or redirect to
 * one of them on a bare page is a trace on its own.
 */
const parkingServices = new Set([
  'sedoparking.com',
  'sedo.com',
  'dan.com',
  'afternic.com',
  'bodis.com',
  'parkingcrew.net',
  'above.com',
  'hugedomains.com',
  'undeveloped.com',
  'domainmarket.com',
  '4.cn',
  'juming.com',
  'ename.com',
  'ename.net',
]);

/** A lapsed domain someone else registered to sell or to show adverts on. */
const wording: ReplacedWording = {
  // Scanned by its prefixes (prefixes.ts): V8 was slower here.
  phrase: scanByPrefixes(new RegExp(
    [
      '(此|该|本)?(域名|网址)[^。!?,;\\n]{0,8}?(正在|可以|现已|已经|诚意|诚心|低价|急|特价)?(出售|转让|待售|求售|拍卖|出租)',
      '(出售|转让|购买|收购|求购)(此|该|本)(域名|网址)',
      '域名(停放|寄存)',
      '(this|the) domain( name)?( [a-z0-9.-]+)? (is|may be|might be) for sale|buy this domain|domain (name )?(is )?for sale',
      'this domain (name )?(is|has been|was) parked|parked free|domain parking',
    ].join('|'),
    'g',
  )),
  heading: /^(此|该|本)?域名(正在|可以|诚意|诚心)?(出售|转让|待售)中?!?$|is for sale!?$/g,
  traces: (page) => {
    const hosts = new Set([
      ...page.scripts.flatMap((s) => (s.src ? [resolveUrl(s.src, page.finalUrl)?.hostname.toLowerCase() ?? ''] : [])),
      ...page.links.map((l) => l.host),
      ...page.frames.map((f) => f.host),
      ...page.redirects.map((r) => r.host),
    ]);
    return [...hosts].filter((h) => parkingServices.has(registrableDomain(h)));
  },
};

export function parkedDomain(page: ParsedPage): Problem[] {
  const found = replacement(page, wording);
  return found ? [problem('parked-domain', found.detail, found.evidence)] : [];
}
