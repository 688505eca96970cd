/**
 * Helpers the world generator uses to register web pages and make menu items:
 * every item that opens something also puts the page it opens on a virtual
 * host, so no menu link points nowhere unless a seeded case says so.
 */
import type { AccountRow } from './accounts-data.ts';
import { pageKey } from './links.ts';
import type { Link, Listener, MenuLeaf, NewsArticle, PageSpec, SiteSpec } from './model.ts';
import type { Rng } from './prng.ts';
import {
  articleContent,
  formContent,
  govPage,
  htmlSpec,
  listContent,
} from './site-pages.ts';
import { fill, personName, pickHeadlines, pickParagraphs, type UnitNames } from './text-corpus.ts';
import { articlePage, coverImage } from './wechat-pages.ts';

export const wechatHost = 'mp.weixin.qq.com';
const coverHost = 'mmbiz.qpic.cn';

interface SiteInit {
  readonly owner: string;
  readonly charset?: 'utf-8' | 'gbk';
  readonly listener?: Listener;
  readonly delayMs?: number;
}

type MutableSite = Omit<SiteSpec, 'pages'> & { pages: Record<string, PageSpec> };

export class WorldBuilder {
  readonly sites: Record<string, MutableSite> = {};

  constructor() {
    this.site(wechatHost, { owner: '微信公众平台' });
    this.site(coverHost, { owner: '微信公众平台' });
  }

  /** Declares a host once; later declarations of the same host return the first. */
  site(host: string, init: SiteInit): MutableSite {
    this.sites[host] ??= {
      host,
      owner: init.owner,
      charset: init.charset ?? 'utf-8',
      listener: init.listener ?? 'farm',
      delayMs: init.delayMs ?? 0,
      pages: {},
    };
    return this.sites[host];
  }

  private siteOf(link: Link): MutableSite {
    const site = this.sites[link.host];
    if (!site) throw new Error(`host ${link.host} was not declared`);
    return site;
  }

  /** First registration wins: accounts sharing a site share its column pages. */
  ensure(link: Link, make: () => PageSpec): void {
    const pages = this.siteOf(link).pages;
    pages[pageKey(link.path)] ??= make();
  }

  /** A page a seeded case depends on; registering it twice would hide the case. */
  put(link: Link, page: PageSpec): void {
    const pages = this.siteOf(link).pages;
    const key = pageKey(link.path);
    if (pages[key]) throw new Error(`page ${link.host}${key} registered twice`);
    pages[key] = page;
  }
}

export type PageShape = 'article' | 'list' | 'form';

export interface ArticleInput {
  readonly title: string;
  readonly paragraphs?: readonly string[];
  readonly page?: PageSpec;
}

function base64(text: string): string {
  return Buffer.from(text).toString('base64');
}

/** Everything one account's menu items need: its site, its WeChat identity, its random stream. */
export class AccountContext {
  readonly names: UnitNames;
  private readonly biz: string;
  private readonly ghId: string;
  private mid: number;

  constructor(
    readonly world: WorldBuilder,
    readonly row: AccountRow,
    readonly rng: Rng,
    siteOwner: string,
  ) {
    this.names = { unit: row.unit, short: row.short };
    world.site(row.host, { owner: siteOwner, charset: row.gbkSite ? 'gbk' : 'utf-8' });
    // __biz is base64 of the account's numeric id, which is why real ones start "MzA…".
    this.biz = base64(String(rng.int(3000000000, 3999999999)));
    this.ghId = `gh_${rng.hex(12)}`;
    this.mid = 2247483000 + rng.int(0, 2000);
  }

  get charset(): 'utf-8' | 'gbk' {
    return this.world.sites[this.row.host]?.charset ?? 'utf-8';
  }

  /** A path on the account's own site (under its prefix when the site is shared). */
  link(rel: string): Link {
    return { host: this.row.host, path: `${this.row.prefix ?? ''}${rel}` };
  }

  date(): string {
    const month = this.rng.int(3, 7);
    const day = this.rng.int(1, month === 7 ? 10 : 28);
    return `2022-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  }

  /** A page in the unit's site template. */
  govHtml(heading: string, crumbs: readonly string[], content: string, docTitle?: string): string {
    return govPage({
      host: this.row.host,
      siteName: this.row.unit,
      heading,
      crumbs,
      content,
      charset: this.charset,
      ...(docTitle ? { docTitle } : {}),
    });
  }

  articleHtml(title: string, crumbs: readonly string[], paragraphs: readonly string[]): string {
    const content = articleContent({
      title,
      date: this.date(),
      source: this.row.unit,
      views: this.rng.int(120, 8600),
      paragraphs,
    });
    return this.govHtml(title, crumbs, content);
  }

  /** A column page of the unit's site in one of the CMS's three layouts. */
  shapeHtml(shape: PageShape, name: string, crumbs: readonly string[]): string {
    switch (shape) {
      case 'article':
        return this.articleHtml(`${this.row.unit}${name}`, crumbs, pickParagraphs(this.rng, this.names, this.rng.int(5, 8)));
      case 'list': {
        const entries = pickHeadlines(this.rng, this.names, 12).map((title, i) => ({
          title,
          date: this.date(),
          href: `./2022${String(7 - (i % 4)).padStart(2, '0')}/t2022${this.rng.int(1000, 9999)}_${this.rng.int(100000, 999999)}.html`,
        }));
        entries.sort((a, b) => b.date.localeCompare(a.date));
        return this.govHtml(name, crumbs, listContent(name, entries));
      }
      case 'form': {
        const intro = [
          fill('为进一步畅通群众诉求表达渠道，{unit}开通网上互动平台，受理群众咨询、建议和投诉，我们将认真研究办理，及时予以答复。', this.names),
          ...pickParagraphs(this.rng, this.names, 2),
        ];
        return this.govHtml(name, crumbs, formContent(name, intro));
      }
    }
  }

  private page(name: string, rel: string, shape: PageShape, crumbs: readonly string[]): Link {
    const url = this.link(rel);
    this.world.ensure(url, () => htmlSpec(this.shapeHtml(shape, name, crumbs), { charset: this.charset }));
    return url;
  }

  view(name: string, rel: string, shape: PageShape, crumbs: readonly string[]): MenuLeaf {
    return { type: 'view', name, url: this.page(name, rel, shape, crumbs) };
  }

  /** A view item whose page a seeded case supplies. */
  viewOf(name: string, url: Link, page: PageSpec): MenuLeaf {
    this.world.put(url, page);
    return { type: 'view', name, url };
  }

  /**
   * A web-editor news item: one published message of 1–3 articles. An article
   * may bring its own text, or its own page (WeChat's page for a deleted one).
   */
  news(name: string, articles: readonly ArticleInput[]): MenuLeaf & { type: 'news' } {
    const mid = this.mid++;
    const list = articles.map((input, i): NewsArticle => {
      const paragraphs = input.paragraphs ?? pickParagraphs(this.rng, this.names, this.rng.int(5, 9));
      const digest = `${(paragraphs[0] ?? input.title).slice(0, 40)}…`;
      const idx = i + 1;
      const content: Link = {
        host: wechatHost,
        path: `/s?__biz=${this.biz}&mid=${mid}&idx=${idx}&sn=${this.rng.hex(32)}&chksm=${this.rng.hex(64)}#rd`,
      };
      const author = personName(this.rng);
      const page =
        input.page ??
        articlePage({
          title: input.title,
          author,
          nickname: this.row.name,
          ghId: this.ghId,
          biz: this.biz,
          mid,
          idx,
          ct: Date.UTC(2022, 2, 1) / 1000 + this.rng.int(0, 130 * 86400),
          digest,
          paragraphs,
        });
      this.world.put(content, page);
      const cover: Link = { host: coverHost, path: `/mmbiz_png/${this.rng.id(40)}/0?wx_fmt=png` };
      this.world.put(cover, coverImage());
      return { title: input.title, author, digest, showCover: i === 0 ? 1 : 0, cover, content };
    });
    return { type: 'news', name, value: this.rng.id(43), articles: list };
  }

  /** A news item of ordinary headlines of the unit. */
  headlines(name: string): MenuLeaf {
    return this.news(name, pickHeadlines(this.rng, this.names, this.rng.int(1, 3)).map((title) => ({ title })));
  }

  /** A view item on another organisation's site (a provincial service platform). */
  viewOn(name: string, url: Link, owner: string, crumbs: readonly string[]): MenuLeaf {
    this.world.site(url.host, { owner });
    this.world.ensure(url, () => {
      const content = articleContent({
        title: name,
        date: this.date(),
        source: owner,
        views: this.rng.int(1000, 90000),
        paragraphs: pickParagraphs(this.rng, this.names, 5),
      });
      return htmlSpec(govPage({ host: url.host, siteName: owner, heading: name, crumbs, content, charset: 'utf-8' }));
    });
    return { type: 'view', name, url };
  }

  miniprogram(name: string, pagepath: string, fallbackRel: string, crumbs: readonly string[]): MenuLeaf {
    const url = this.page(name, fallbackRel, 'article', crumbs);
    return { type: 'miniprogram', name, appid: `wx${this.rng.hex(16)}`, pagepath, url };
  }

  mediaId(name: string): MenuLeaf {
    return { type: 'media_id', name, media_id: this.rng.id(43) };
  }

  articleId(name: string): MenuLeaf {
    return { type: 'article_id', name, article_id: this.rng.id(43) };
  }
}
