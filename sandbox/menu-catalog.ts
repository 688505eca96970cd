/**
 * The menu buttons county government accounts really have: 政务公开 / 办事服务 /
 * 互动交流 / 走进XX, a 党建园地 for party accounts, and one service button of
 * the unit's own trade. The world picks a few items of each, seeded.
 */
import type { AccountRow } from './accounts-data.ts';
import type { MenuLeaf } from './model.ts';
import { fill } from './text-corpus.ts';
import type { AccountContext, PageShape } from './world-builder.ts';

/** Where an account's menu comes from. */
export type MenuOrigin = 'api' | 'web-editor' | 'inventory';

export interface ItemDef {
  readonly name: string;
  /**
   * 'web-editor': click, media_id, article_id and mini programs are set only
   * through the API. 'inventory': a news item's article list has no place in
   * the config's hand-written menu shape.
   */
  readonly excludedFrom?: MenuOrigin;
  /** Relative chance of being picked: links are the norm, material ids rare. */
  readonly weight?: number;
  build(c: AccountContext, crumbs: readonly string[]): MenuLeaf;
}

export interface SectionDef {
  readonly name: string;
  readonly items: readonly ItemDef[];
}

const view = (name: string, rel: string, shape: PageShape): ItemDef => ({
  name,
  build: (c, crumbs) => c.view(name, rel, shape, crumbs),
});

const news = (name: string): ItemDef => ({ name, excludedFrom: 'inventory', build: (c) => c.headlines(name) });

const click = (name: string, key: string): ItemDef => ({
  name,
  excludedFrom: 'web-editor',
  weight: 0.5,
  build: () => ({ type: 'click', name, key }),
});

const material = (name: string): ItemDef => ({ name, excludedFrom: 'web-editor', weight: 0.2, build: (c) => c.mediaId(name) });

const published = (name: string): ItemDef => ({ name, excludedFrom: 'web-editor', weight: 0.2, build: (c) => c.articleId(name) });

const miniprogram = (name: string, pagepath: string, fallbackRel: string): ItemDef => ({
  name,
  excludedFrom: 'web-editor',
  build: (c, crumbs) => c.miniprogram(name, pagepath, fallbackRel, crumbs),
});

const provincial12333 = (name: string, path: string): ItemDef => ({
  name,
  build: (c, crumbs) => c.viewOn(name, { host: 'ggfw.nm12333.cn', path }, '内蒙古自治区人力资源和社会保障厅', crumbs),
});

const text = (name: string, value: string): ItemDef => ({
  name,
  build: (c) => ({ type: 'text', name, value: fill(value, c.names) }),
});

const img = (name: string): ItemDef => ({
  name,
  build: (c) => ({ type: 'img', name, value: c.rng.id(43) }),
});

/** The 2019 indicators single-veto an account without working interaction: every menu has this button. */
export const interactionSection = '互动交流';

/** The four buttons nearly every government account has, in their usual order. */
export function standardSections(row: AccountRow): SectionDef[] {
  return [
    {
      name: '政务公开',
      items: [
        view('机构职能', '/zwgk/jgzn/index.html', 'article'),
        view('领导信息', '/zwgk/ldxx/index.html', 'article'),
        view('通知公告', '/zwgk/tzgg/index.html', 'list'),
        view('政策文件', '/zwgk/zcwj/index.html', 'list'),
        view('政策解读', '/zwgk/zcjd/index.html', 'list'),
        view('财政预决算', '/zwgk/czyjs/index.html', 'list'),
        view('信息公开指南', '/zwgk/xxgkzn/index.html', 'article'),
        news('工作动态'),
      ],
    },
    {
      name: '办事服务',
      items: [
        view('办事指南', '/bsfw/bszn/index.html', 'list'),
        view('表格下载', '/bsfw/bgxz/index.html', 'list'),
        view('网上办事', '/bsfw/wsbs/index.html', 'article'),
        click('办事进度', 'BSJD_QUERY'),
        material('办事须知'),
        view('服务承诺', '/bsfw/fwcn/index.html', 'article'),
      ],
    },
    {
      name: row.intro,
      items: [
        view('单位简介', '/zjwm/dwjj/index.html', 'article'),
        news('图文动态'),
        view('领导班子', '/zjwm/ldbz/index.html', 'article'),
        view('历史沿革', '/zjwm/lsyg/index.html', 'article'),
        published('往期回顾'),
        view('办公地址', '/zjwm/bgdz/index.html', 'article'),
        view('荣誉榜', '/zjwm/ryb/index.html', 'list'),
      ],
    },
    {
      name: interactionSection,
      items: [
        view('在线咨询', '/hdjl/zxzx/index.html', 'form'),
        view('留言板', '/hdjl/lyb/index.html', 'form'),
        view(row.mailbox, '/hdjl/ldxx/index.html', 'form'),
        view('意见征集', '/hdjl/yjzj/index.html', 'list'),
        view('回复选登', '/hdjl/hfxd/index.html', 'list'),
        click('联系我们', 'CONTACT_US'),
        published('常见问题'),
      ],
    },
  ];
}

export const partySection: SectionDef = {
  name: '党建园地',
  items: [
    view('理论学习', '/djyd/llxx/index.html', 'article'),
    news('党史学习'),
    view('支部风采', '/djyd/zbfc/index.html', 'list'),
    view('党员之家', '/djyd/dyzj/index.html', 'article'),
  ],
};

/** Each unit's own service button, by notice row. */
export const specialSections: Readonly<Record<number, SectionDef>> = {
  2: {
    name: '网安服务',
    items: [
      view('网络举报', '/wajb/index.html', 'form'),
      view('等保备案', '/dbba/index.html', 'article'),
      click('网警提示', 'WJ_TIPS'),
    ],
  },
  3: {
    name: '民政服务',
    items: [
      view('低保申请', '/mzfw/dbsq/index.html', 'article'),
      view('婚姻登记', '/mzfw/hydj/index.html', 'article'),
      view('养老服务', '/mzfw/ylfw/index.html', 'list'),
    ],
  },
  5: partySection,
  7: {
    name: '参观服务',
    items: [
      view('参观预约', '/cgfw/yy/index.html', 'form'),
      view('开放时间', '/cgfw/kfsj/index.html', 'article'),
      view('展览信息', '/cgfw/zlxx/index.html', 'list'),
    ],
  },
  8: {
    name: '便民服务',
    items: [
      view('社区服务', '/bmfw/sqfw/index.html', 'list'),
      news('志愿服务'),
      text('办公时间', '办公时间：周一至周五 8:30-12:00，14:00-17:30。地址：{unit}一楼便民服务大厅。'),
      img('办事流程'),
    ],
  },
  9: {
    name: '社保服务',
    items: [
      provincial12333('社保查询', '/zlt/sbcx/index.html'),
      provincial12333('养老金测算', '/zlt/yljcs/index.html'),
      view('电子社保卡', '/dzsbk/index.html', 'article'),
      view('就业创业', '/jycy/index.html', 'list'),
    ],
  },
  11: {
    name: '医保服务',
    items: [
      miniprogram('医保电子凭证', 'pages/index/index', '/ybpz/index.html'),
      view('异地就医备案', '/ydjy/index.html', 'article'),
      view('定点机构查询', '/ddjg/index.html', 'list'),
    ],
  },
  12: {
    name: '统计数据',
    items: [view('统计年鉴', '/tjnj/index.html', 'list'), news('数据发布')],
  },
  15: {
    name: '发改服务',
    items: [
      view('价格监测', '/jgjc/index.html', 'list'),
      view('项目审批', '/xmsp/index.html', 'article'),
      view('信用建设', '/xyjs/index.html', 'list'),
    ],
  },
  16: {
    name: '交管服务',
    items: [
      miniprogram('交管12123', 'pages/home/index', '/12123/index.html'),
      view('违法处理', '/wfcl/index.html', 'article'),
      view('驾驶人业务', '/jsrj/index.html', 'article'),
    ],
  },
  18: {
    name: '就业服务',
    items: [view('创业担保贷款', '/cydb/index.html', 'article'), view('技能培训', '/jnpx/index.html', 'list')],
  },
  25: {
    name: '文旅服务',
    items: [news('旅游线路'), view('图书馆', '/tsg/index.html', 'article'), view('文化活动', '/whhd/index.html', 'list')],
  },
  26: {
    name: '监管服务',
    items: [view('12315投诉', '/12315/index.html', 'form'), view('食品抽检', '/spcj/index.html', 'list')],
  },
  28: {
    name: '教育服务',
    items: [
      view('招生入学', '/zsrx/index.html', 'article'),
      view('学籍查询', '/xjcx/index.html', 'article'),
      view('教师招聘', '/jszp/index.html', 'list'),
    ],
  },
  29: {
    name: '资助服务',
    items: [view('资助政策', '/zzzc/index.html', 'list'), click('资助热线', 'ZZ_HOTLINE')],
  },
  30: {
    name: '警务服务',
    items: [
      view('户籍办理', '/hjbl/index.html', 'article'),
      view('出入境', '/crj/index.html', 'article'),
      click('身份证进度', 'SFZ_PROGRESS'),
    ],
  },
};
