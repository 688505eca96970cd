/**
 * The three JSON shapes a menu is read in: get_current_selfmenu_info (children
 * wrapped in {list: […]}), menu/get (plain arrays, `sub_button: []` on leaves)
 * and the config's hand-written inventory (menu/get's shape, only the keys the
 * config accepts).
 */
import type { Link, Menu, MenuLeaf, MenuSection, NewsArticle } from './model.ts';

export type UrlOf = (link: Link) => string;

type Json = Record<string, unknown>;

function articleJson(a: NewsArticle, urlOf: UrlOf): Json {
  return {
    title: a.title,
    author: a.author,
    digest: a.digest,
    show_cover: a.showCover,
    cover_url: urlOf(a.cover),
    content_url: urlOf(a.content),
    source_url: '',
  };
}

/** The fields every shape shares; `news` differs per shape and is added by the caller. */
function leafFields(leaf: MenuLeaf, urlOf: UrlOf): Json {
  switch (leaf.type) {
    case 'view':
      return { type: leaf.type, name: leaf.name, url: urlOf(leaf.url) };
    case 'miniprogram':
      return { type: leaf.type, name: leaf.name, url: urlOf(leaf.url), appid: leaf.appid, pagepath: leaf.pagepath };
    case 'click':
      return { type: leaf.type, name: leaf.name, key: leaf.key };
    case 'news':
    case 'text':
    case 'img':
      return { type: leaf.type, name: leaf.name, value: leaf.value };
    case 'media_id':
      return { type: leaf.type, name: leaf.name, media_id: leaf.media_id };
    case 'article_id':
      return { type: leaf.type, name: leaf.name, article_id: leaf.article_id };
  }
}

function selfMenuLeaf(leaf: MenuLeaf, urlOf: UrlOf): Json {
  const fields = leafFields(leaf, urlOf);
  return leaf.type === 'news' ? { ...fields, news_info: { list: leaf.articles.map((a) => articleJson(a, urlOf)) } } : fields;
}

function plainLeaf(leaf: MenuLeaf, urlOf: UrlOf): Json {
  const fields = leafFields(leaf, urlOf);
  const news = leaf.type === 'news' ? { news_info: leaf.articles.map((a) => articleJson(a, urlOf)) } : {};
  return { ...fields, ...news, sub_button: [] };
}

function plainButtons(sections: readonly MenuSection[], urlOf: UrlOf): Json[] {
  return sections.map((s) => ({ name: s.name, sub_button: s.items.map((leaf) => plainLeaf(leaf, urlOf)) }));
}

/** The body of GET /cgi-bin/get_current_selfmenu_info. */
export function selfMenuInfoBody(menu: Menu, urlOf: UrlOf): Json {
  return {
    is_menu_open: 1,
    selfmenu_info: {
      button: menu.sections.map((s) => ({
        name: s.name,
        sub_button: { list: s.items.map((leaf) => selfMenuLeaf(leaf, urlOf)) },
      })),
    },
  };
}

/** The body of GET /cgi-bin/menu/get for a menu made through the API. */
export function menuGetBody(menu: Menu, urlOf: UrlOf): Json {
  const body: Json = {
    menu: { button: plainButtons(menu.sections, urlOf), ...(menu.menuid === undefined ? {} : { menuid: menu.menuid }) },
  };
  if (menu.conditional.length > 0) {
    body.conditionalmenu = menu.conditional.map((c) => ({
      button: plainButtons(c.sections, urlOf),
      matchrule: c.matchrule,
      menuid: c.menuid,
    }));
  }
  return body;
}

/**
 * The menu as an office writes it into the config: menu/get's `button` array
 * without the empty `sub_button` on leaves. A news item keeps only its
 * material id, since the inventory has no place for an article list.
 */
export function inventoryButtons(menu: Menu, urlOf: UrlOf): Json[] {
  return menu.sections.map((s) => ({ name: s.name, sub_button: s.items.map((leaf) => leafFields(leaf, urlOf)) }));
}
