/**
 * The farm's page bodies: county-CMS pages (the sandbox's templates) grown to a
 * size drawn log-uniformly from 20–200 KB, UTF-8 or GBK as the host serves them.
 * Each host has a small pool its URLs share, so the farm holds megabytes, not
 * the gigabyte a body per URL would take.
 */
import iconv from 'iconv-lite';
import { Rng } from '../../sandbox/prng.ts';
import { articleContent, govPage, listContent, nginxErrorPage, tomcatErrorPage } from '../../sandbox/site-pages.ts';
import { pickHeadlines, pickParagraphs } from '../../sandbox/text-corpus.ts';
import type { FarmModel, HostSpec } from './model.ts';

const minBytes = 20 * 1024;
const maxBytes = 200 * 1024;

export interface FarmPage {
  readonly contentType: string;
  readonly body: Buffer;
}

/** The drop-down menu most portals hide until tapped, and their visitor statistics. */
function pageChrome(host: HostSpec): string {
  const items = ['机构概况', '领导信息', '政策文件', '规划计划', '财政信息', '人事信息']
    .map((name, i) => `<li><a href="/zwgk/${i}/">${name}</a></li>`)
    .join('');
  return `<ul class="m-nav" style="display:none">${items}</ul>
<script>var _hmt = _hmt || [];(function(){var hm = document.createElement("script");hm.src = "https://hm.baidu.com/hm.js?${host.index}";document.head.appendChild(hm);})();</script>`;
}

function buildPage(host: HostSpec, n: number): string {
  const rng = new Rng(host.index * 1000 + n);
  const names = { unit: `基准市第${host.index}局`, short: `第${host.index}局` };
  const target = Math.round(minBytes * (maxBytes / minBytes) ** (rng.int(0, 1000) / 1000));
  const paragraphs: string[] = [];
  const entries: { title: string; date: string; href: string }[] = [];
  // Chinese text is 3 bytes a character in UTF-8: grow until the estimate reaches the target.
  for (let bytes = 9000; bytes < target; ) {
    const paragraph = pickParagraphs(rng, names, 1)[0] ?? '';
    paragraphs.push(paragraph);
    bytes += paragraph.length * 3 + 20;
    for (const title of pickHeadlines(rng, names, 3)) {
      entries.push({ title, date: `2022-0${rng.int(1, 9)}-${String(rng.int(1, 28)).padStart(2, '0')}`, href: `/art/2022/${rng.int(1000, 99999)}.html` });
      bytes += title.length * 3 + 90;
    }
  }
  const heading = pickHeadlines(rng, names, 1)[0] ?? names.unit;
  const content =
    articleContent({ title: heading, date: '2022-07-01', source: names.unit, views: rng.int(10, 9999), paragraphs }) +
    listContent('相关信息', entries) +
    pageChrome(host);
  return govPage({ host: `www.bm${host.index}.gov.cn`, siteName: names.unit, heading, crumbs: ['政务公开', heading.slice(0, 8)], content, charset: host.charset });
}

/** The pool of one host, encoded as the host serves it. */
export function hostPages(host: HostSpec): FarmPage[] {
  return Array.from({ length: host.pages }, (_, n) => {
    const html = buildPage(host, n);
    return {
      contentType: `text/html; charset=${host.charset === 'gbk' ? 'gb2312' : 'utf-8'}`,
      body: host.charset === 'gbk' ? iconv.encode(html, 'gbk') : Buffer.from(html, 'utf8'),
    };
  });
}

/** Every host's pool, in host order. */
export function allPages(model: FarmModel): FarmPage[][] {
  return model.hosts.map(hostPages);
}

export const notFoundPage: FarmPage = { contentType: 'text/html', body: Buffer.from(nginxErrorPage(404, 'Not Found')) };

export function serverErrorPage(path: string): FarmPage {
  return { contentType: 'text/html;charset=utf-8', body: Buffer.from(tomcatErrorPage(path)) };
}
