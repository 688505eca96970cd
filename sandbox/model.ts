/**
 * The shape of the sandbox world: accounts with their menus, the web sites
 * the menus point at, and what a correct checker must find. Links are kept as
 * host + path because the ports are only known once the servers listen.
 */
import type { ProblemCode } from '../core/problems.ts';

/** A place on a virtual host; becomes http://HOST:PORT/path once the farm listens. */
export interface Link {
  readonly host: string;
  /** Path with query, as a browser sends it (a fragment, if any, is never sent). */
  readonly path: string;
}

/** How the body string turns into bytes on the wire. */
export type BodyEncoding = 'utf-8' | 'gbk' | 'base64';

export interface PageSpec {
  readonly status: number;
  /** Sent as is; a page may leave the charset out on purpose (the meta tag then carries it). */
  readonly contentType: string;
  readonly body: string;
  readonly encoding: BodyEncoding;
  /** Redirect target, built into a full URL with the target host's port when served. */
  readonly location?: Link;
  /**
   * Placeholders in the body that become another host's full URL when served
   * (a script from another site needs the port that host really answers on).
   */
  readonly refs?: Readonly<Record<string, Link>>;
}

/**
 * Where a host's URLs point: the farm itself, a listener that accepts and never
 * answers (timeout), or a port nobody listens on (connect failure).
 */
export type Listener = 'farm' | 'silent' | 'dead';

export interface SiteSpec {
  readonly host: string;
  /** Who runs the site, for the page header and for a repaired page. */
  readonly owner: string;
  readonly charset: 'utf-8' | 'gbk';
  readonly listener: Listener;
  /** Milliseconds before every answer (a slow but working server). */
  readonly delayMs: number;
  /** Keyed by path + query. */
  readonly pages: Readonly<Record<string, PageSpec>>;
}

export interface NewsArticle {
  readonly title: string;
  readonly author: string;
  readonly digest: string;
  readonly showCover: 0 | 1;
  readonly cover: Link;
  readonly content: Link;
}

/** A clickable menu item, in the sandbox's own terms; menu-shapes.ts renders WeChat's JSON. */
export type MenuLeaf =
  | { readonly type: 'view'; readonly name: string; readonly url: Link }
  | {
      readonly type: 'miniprogram';
      readonly name: string;
      readonly appid: string;
      readonly pagepath: string;
      /** What old clients open instead of the mini program. */
      readonly url: Link;
    }
  | { readonly type: 'click'; readonly name: string; readonly key: string }
  | {
      readonly type: 'news';
      readonly name: string;
      /** Permanent material id of the news. */
      readonly value: string;
      readonly articles: readonly NewsArticle[];
    }
  | { readonly type: 'text' | 'img'; readonly name: string; readonly value: string }
  | { readonly type: 'media_id'; readonly name: string; readonly media_id: string }
  | { readonly type: 'article_id'; readonly name: string; readonly article_id: string };

/** A top-level button; every sandbox menu nests its items one level, as government menus do. */
export interface MenuSection {
  readonly name: string;
  readonly items: readonly MenuLeaf[];
}

export interface ConditionalMenu {
  readonly matchrule: { readonly tag_id: string };
  readonly menuid: number;
  readonly sections: readonly MenuSection[];
}

export interface Menu {
  readonly sections: readonly MenuSection[];
  /** Present only when personalized menus exist, as in menu/get. */
  readonly menuid?: number;
  readonly conditional: readonly ConditionalMenu[];
}

export type Platform = 'wechat-subscription' | 'wechat-service' | 'weibo';

export interface Owner {
  readonly name: string;
  /** How the person shows up in the office's WeChat group, e.g. 王明-人社局. */
  readonly remark: string;
}

export interface ApiAccess {
  readonly appId: string;
  readonly secret: string;
  /** The environment variable the config names instead of the secret. */
  readonly envName: string;
  /** false: the token endpoints answer 40164 (the checker's IP is not whitelisted). */
  readonly ipWhitelisted: boolean;
  /** 'web-editor': the menu was made on mp.weixin.qq.com, so menu/get answers 46003. */
  readonly menuOrigin: 'api' | 'web-editor';
}

export interface WorldAccount {
  /** Row in the 2022 Q2 notice's table. */
  readonly row: number;
  readonly name: string;
  readonly platform: Platform;
  readonly unit: string;
  readonly owners: readonly Owner[];
  /** Registrable domains the account's links are expected on. */
  readonly domains: readonly string[];
  /** Absent on WeChat accounts: their menu comes from a hand-written inventory. */
  readonly api?: ApiAccess;
  /** Every WeChat account has one; Weibo has no menus. */
  readonly menu?: Menu;
}

/** Where an item sits: the menu's label (core/menu.ts wording) and its path of names. */
export interface ItemPlace {
  readonly account: string;
  readonly menu: string;
  readonly path: readonly string[];
}

export interface ExpectedProblem extends ItemPlace {
  readonly code: ProblemCode;
  /** Only a browser sees it (the page is built or changed by scripts): a sweep without one finds nothing here. */
  readonly seenIn?: 'rendered';
  /** The page behind the item; absent for items that open nothing (an empty text reply). */
  readonly link?: Link;
  readonly why: string;
}

/** A page that looks suspicious to a naive checker but is fine: no problem may be reported. */
export interface TrapPage extends ItemPlace {
  readonly link: Link;
  /** Built by scripts: only a browser can tell that it works. */
  readonly seenIn?: 'rendered';
  readonly why: string;
}

export interface World {
  readonly seed: number;
  readonly accounts: readonly WorldAccount[];
  readonly sites: Readonly<Record<string, SiteSpec>>;
  readonly expected: readonly ExpectedProblem[];
  readonly traps: readonly TrapPage[];
}
