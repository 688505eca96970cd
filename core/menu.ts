/**
 * The menu model. WeChat hands menus out in two shapes (get_current_selfmenu_info
 * wraps children in `{list: […]}`, menu/get uses plain arrays) and offices write
 * inventories by hand; all three become one flat list of MenuItem here.
 */

/** Button types WeChat documents, from the API and from the web editor. */
export const itemTypes = [
  'view',
  'miniprogram',
  'click',
  'scancode_push',
  'scancode_waitmsg',
  'pic_sysphoto',
  'pic_photo_or_album',
  'pic_weixin',
  'location_select',
  'media_id',
  'view_limited',
  'article_id',
  'article_view_limited',
  'text',
  'img',
  'photo',
  'voice',
  'video',
  'news',
] as const;

export type KnownItemType = (typeof itemTypes)[number];
/** `unknown` holds any type WeChat adds later: kept and reported, never dropped. */
export type ItemKind = KnownItemType | 'unknown';

export interface MenuItem {
  /** Names from the top-level button down, e.g. ["办事服务", "社保查询"]. */
  readonly path: readonly string[];
  readonly kind: ItemKind;
  /** The type exactly as WeChat or the inventory wrote it. */
  readonly type: string;
  /** The URL this item opens, when it opens one (view, news article, video, mini program fallback). */
  readonly target: string | null;
  /** Everything else the item carries (key, media_id, article_id, appid, pagepath, value). */
  readonly fields: Readonly<Record<string, string>>;
  /** Which menu it belongs to: the default one, or a personalized menu's rule. */
  readonly menu: string;
}

export interface AccountMenu {
  readonly source: 'api' | 'inventory';
  readonly open: boolean;
  readonly items: readonly MenuItem[];
  /** What is wrong with the menu's shape (limits, empty parents), found while reading it. */
  readonly problems: readonly MenuProblem[];
}

export const defaultMenu = '默认菜单';

import { structureProblems, type MenuProblem } from './menu-structure.ts';

type Raw = Record<string, unknown>;

function isRecord(v: unknown): v is Raw {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Children are an array in menu/get and inventories, `{list: […]}` in get_current_selfmenu_info. */
function children(v: unknown): unknown[] | null {
  if (Array.isArray(v)) return v;
  if (isRecord(v) && Array.isArray(v.list)) return v.list;
  return null;
}

function str(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return String(v);
  return undefined;
}

const payloadFields = ['key', 'url', 'value', 'media_id', 'article_id', 'appid', 'pagepath'] as const;

function kindOf(type: string): ItemKind {
  return (itemTypes as readonly string[]).includes(type) ? (type as KnownItemType) : 'unknown';
}

function leaf(raw: Raw, path: string[], menu: string): MenuItem[] {
  const type = str(raw.type) ?? '';
  const kind = kindOf(type);
  const fields: Record<string, string> = {};
  for (const f of payloadFields) {
    const value = str(raw[f]);
    if (value !== undefined && value !== '') fields[f] = value;
  }
  if (kind === 'news') {
    const articles = children(raw.news_info) ?? [];
    if (articles.length > 0) {
      // A news item sends several articles; each is its own target a citizen can open.
      return articles.map((a, i) => {
        const article = isRecord(a) ? a : {};
        const title = str(article.title)?.trim() || `第${i + 1}篇`;
        return { path: [...path, title], kind, type, target: str(article.content_url)?.trim() || null, fields, menu };
      });
    }
  }
  const target = kind === 'view' || kind === 'miniprogram' ? (fields.url ?? null) : kind === 'video' ? (fields.value ?? null) : null;
  return [{ path, kind, type, target, fields, menu }];
}

/**
 * Flatten a `button` array (either shape) into menu items. A parent without
 * children is kept as an item with kind `unknown` so the structure problem shows.
 */
export function flattenButtons(buttons: unknown, menu = defaultMenu): MenuItem[] {
  const items: MenuItem[] = [];
  for (const [i, b] of (children(buttons) ?? []).entries()) {
    if (!isRecord(b)) continue;
    const name = str(b.name)?.trim() || `菜单${i + 1}`;
    const subs = children(b.sub_button);
    if (b.type === undefined) {
      // A parent without children has nothing to tap: structureProblems reports it.
      for (const [j, s] of (subs ?? []).entries()) {
        if (!isRecord(s)) continue;
        const subName = str(s.name)?.trim() || `子菜单${j + 1}`;
        items.push(...leaf(s, [name, subName], menu));
      }
    } else {
      items.push(...leaf(b, [name], menu));
    }
  }
  return items;
}

/** Normalize a get_current_selfmenu_info response. */
export function fromSelfMenuInfo(body: unknown): AccountMenu {
  const raw = isRecord(body) ? body : {};
  const info = isRecord(raw.selfmenu_info) ? raw.selfmenu_info : {};
  return { source: 'api', open: raw.is_menu_open !== 0, items: flattenButtons(info.button), problems: structureProblems(info.button, defaultMenu) };
}

const ruleLabels: Record<string, string> = {
  tag_id: '标签',
  group_id: '标签',
  sex: '性别',
  country: '国家',
  province: '省份',
  city: '城市',
  client_platform_type: '手机系统',
  language: '语言',
};

/** A personalized menu's name, from its match rule, so owners can tell it from the default menu. */
export function conditionalMenuName(matchrule: unknown, menuid: unknown): string {
  const parts: string[] = [];
  if (isRecord(matchrule)) {
    for (const [k, v] of Object.entries(matchrule)) {
      const value = str(v);
      if (value) parts.push(`${ruleLabels[k] ?? k}=${value}`);
    }
  }
  const id = str(menuid);
  return `个性化菜单(${parts.join('，') || (id ? `编号${id}` : '无规则')})`;
}

/** The personalized menus in a menu/get response; the default menu comes from selfmenu info. */
export function conditionalMenus(body: unknown): Pick<AccountMenu, 'items' | 'problems'> {
  const raw = isRecord(body) ? body : {};
  const menus = (Array.isArray(raw.conditionalmenu) ? raw.conditionalmenu : []).filter(isRecord);
  const named = menus.map((m) => ({ button: m.button, name: conditionalMenuName(m.matchrule, m.menuid) }));
  return {
    items: named.flatMap((m) => flattenButtons(m.button, m.name)),
    problems: named.flatMap((m) => structureProblems(m.button, m.name)),
  };
}

/** The item's path as one line, personalized menus prefixed: "个性化菜单(标签=2) > 办事服务 > 社保查询". */
export function itemLabel(item: Pick<MenuItem, 'path' | 'menu'>): string {
  const path = item.path.join(' > ');
  return item.menu === defaultMenu ? path : `${item.menu} > ${path}`;
}

/** An office-written inventory (menu/get's `button` array) for accounts without API access. */
export function fromInventory(buttons: unknown): AccountMenu {
  return { source: 'inventory', open: true, items: flattenButtons(buttons), problems: structureProblems(buttons, defaultMenu) };
}
