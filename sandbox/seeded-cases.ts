/**
 * The seeded failures a correct checker must report, and the trap pages it must
 * leave alone. Each pins one item into one account's menu; the world generator
 * places it among the seeded ordinary items and records where it ended up.
 */
import {
  antiFraudParagraphs,
  antiFraudTitle,
  antiGamblingParagraphs,
  antiGamblingTitle,
  hijackPhrase,
  lotteryParagraphs,
  lotteryTitle,
  noticeParagraphs,
  noticeTitle,
} from './case-texts.ts';
import type { ProblemCode } from '../core/problems.ts';
import type { Link, MenuLeaf, NewsArticle, PageSpec } from './model.ts';
import {
  articleContent,
  commercialPage,
  govPage,
  htmlSpec,
  maintenancePage,
  nginxErrorPage,
  notFoundContent,
  redirectSpec,
  tomcatErrorPage,
} from './site-pages.ts';
import { replacedSiteCases } from './replaced-site-cases.ts';
import { scriptBuiltCases } from './script-built-cases.ts';
import { phoneNumber } from './text-corpus.ts';
import { wechatMessagePage } from './wechat-pages.ts';
import type { AccountContext } from './world-builder.ts';

export interface Pinned {
  readonly leaf: MenuLeaf;
  /** For a news item: the one article the case is about. */
  readonly article?: NewsArticle;
}

export interface SeededCase {
  readonly account: string;
  /** Top-level button the item goes under. */
  readonly section: string;
  readonly item: string;
  /** In the account's personalized menu instead of the default one. */
  readonly conditional?: true;
  /** Absent: a trap page, on which no problem may be reported. */
  readonly code?: ProblemCode;
  /** Built or changed by scripts: only a browser can judge it. */
  readonly seenIn?: 'rendered';
  readonly why: string;
  build(c: AccountContext, crumbs: readonly string[]): Pinned;
}

const notFound404 = htmlSpec(nginxErrorPage(404, 'Not Found'), { status: 404 });

function softNotFound(c: AccountContext, crumbs: readonly string[], charsetInHeader: boolean): PageSpec {
  const html = c.govHtml('提示信息', crumbs, notFoundContent(), `提示信息-${c.row.unit}`);
  return htmlSpec(html, { charset: c.charset, charsetInHeader });
}

const recruitmentAds = [
  '扎兰屯某商贸公司招聘销售代表',
  '扎兰屯某物流公司招聘货车司机',
  '扎兰屯某酒店招聘前台接待',
  '扎兰屯某超市招聘理货员',
  '扎兰屯某餐饮公司招聘厨师',
  '扎兰屯某汽修厂招聘维修技工',
  '扎兰屯某培训学校招聘英语教师',
  '扎兰屯某建材公司招聘会计',
  '扎兰屯某药房招聘执业药师',
  '扎兰屯某物业公司招聘保安',
  '扎兰屯某农业合作社招聘技术员',
  '扎兰屯某电商公司招聘客服专员',
];

/** A host of the unit that only this case uses (a separate old system). */
function ownHost(c: AccountContext, host: string, init: { listener?: 'silent' | 'dead'; delayMs?: number }): (path: string) => Link {
  c.world.site(host, { owner: c.row.unit, ...init });
  return (path) => ({ host, path });
}

export const seededCases: readonly SeededCase[] = [
  {
    account: '扎兰屯市医疗保障局',
    section: '政务公开',
    item: '政策解读',
    code: 'http-error',
    why: 'the site was rebuilt and the old column address answers 404',
    build: (c) => ({ leaf: c.viewOf('政策解读', c.link('/zcjd/2021/index.html'), notFound404) }),
  },
  {
    account: '扎兰屯市市场监督管理局',
    section: '监管服务',
    item: '企业信用查询',
    code: 'http-error',
    why: 'the query system throws and answers 500 on every request',
    build: (c) => {
      const url = c.link('/xycx/query.jsp?type=qy');
      return { leaf: c.viewOf('企业信用查询', url, htmlSpec(tomcatErrorPage(url.path), { status: 500 })) };
    },
  },
  {
    account: '扎兰屯市司法局',
    section: '办事服务',
    item: '法律援助申请',
    code: 'connect-failure',
    why: 'the old legal-aid system was switched off; nothing listens on its port',
    build: (c, crumbs) => {
      const url = ownHost(c, 'flyz.zlt.gov.cn', { listener: 'dead' })('/sq/index.html');
      return { leaf: c.viewOf('法律援助申请', url, htmlSpec(c.shapeHtml('form', '法律援助申请', crumbs))) };
    },
  },
  {
    account: '扎兰屯市文体旅游广电局',
    section: '文旅服务',
    item: '景区门票预约',
    code: 'timeout',
    why: 'the booking server accepts connections and never answers',
    build: (c, crumbs) => {
      const url = ownHost(c, 'yuyue.zlt.gov.cn', { listener: 'silent' })('/ticket/index.html');
      return { leaf: c.viewOf('景区门票预约', url, htmlSpec(c.shapeHtml('form', '景区门票预约', crumbs))) };
    },
  },
  {
    account: '扎兰屯教育在线',
    section: '政务公开',
    item: '招生政策',
    code: 'soft-404',
    why: 'HTTP 200 with the CMS page 「抱歉，您访问的页面不存在或已被删除」',
    build: (c, crumbs) => ({ leaf: c.viewOf('招生政策', c.link('/zsks/2021/zszc.html'), softNotFound(c, crumbs, true)) }),
  },
  {
    account: '扎兰城管',
    section: '互动交流',
    item: '在线投诉',
    code: 'maintenance',
    why: 'the complaint system shows 「系统维护中」 with HTTP 200',
    build: (c) => ({
      leaf: c.viewOf('在线投诉', c.link('/hdjl/ts/index.html'), htmlSpec(maintenancePage(c.row.unit, '网上投诉系统', phoneNumber(c.rng)))),
    }),
  },
  {
    account: '扎兰屯博物馆',
    section: '参观服务',
    item: '馆藏精品',
    code: 'wechat-article-deleted',
    why: 'the second article of the news item was deleted by the account',
    build: (c) => {
      const leaf = c.news('馆藏精品', [
        { title: '馆藏精品｜辽代鸡冠壶' },
        { title: '馆藏精品｜清代蒙古族银鞍具', page: wechatMessagePage('该内容已被发布者删除') },
        { title: '馆藏精品｜金代双鱼纹铜镜' },
      ]);
      return { leaf, article: leaf.articles[1] };
    },
  },
  {
    account: '月亮小镇党建平台',
    section: '党建园地',
    item: '党建动态',
    code: 'wechat-article-violation',
    why: 'WeChat took the article down: 「此内容因违规无法查看」',
    build: (c) => {
      const leaf = c.news('党建动态', [
        { title: '柴河镇召开2022年党建工作推进会' },
        { title: '“月亮小镇”党员志愿服务队走进林区', page: wechatMessagePage('此内容因违规无法查看') },
      ]);
      return { leaf, article: leaf.articles[1] };
    },
  },
  {
    account: '扎兰屯发布',
    section: '走进扎兰屯',
    item: '工作通报',
    code: 'hijacked',
    why: 'the expired old domain now serves the notice with 「关于」 replaced by a gambling brand, as on the real mirror',
    build: (c) => {
      const host = 'zltfabu-old.com';
      c.world.site(host, { owner: c.row.unit });
      const hijack = (text: string) => text.replaceAll('关于', hijackPhrase);
      const content = articleContent({
        title: hijack(noticeTitle),
        date: '2022-07-14',
        source: '扎兰屯市政务公开工作领导小组办公室',
        views: 2186,
        paragraphs: noticeParagraphs.map(hijack),
      });
      const html = govPage({
        host,
        siteName: '扎兰屯市人民政府',
        docTitle: hijackPhrase,
        heading: hijack(noticeTitle),
        crumbs: ['专题聚焦', '网站及政务新媒体检测通报', '扎兰屯市级季度通报'],
        content,
        charset: 'utf-8',
      });
      return { leaf: c.viewOf('工作通报', { host, path: '/News/show/968066.html' }, htmlSpec(html)) };
    },
  },
  {
    account: '扎兰屯市学生资助中心',
    section: '资助服务',
    item: '资助申请',
    code: 'redirect-loop',
    why: 'the application page sends to the login page, which sends back',
    build: (c) => {
      const entry = c.link('/sq/index.html');
      const login = c.link('/sq/login.html');
      c.world.put(login, redirectSpec(302, entry));
      return { leaf: c.viewOf('资助申请', entry, redirectSpec(302, login)) };
    },
  },
  {
    account: '扎兰屯市人力资源和社会保障局',
    section: '就业服务',
    item: '招聘信息',
    code: 'redirect-offsite',
    why: 'the jobs column 302s to a commercial recruitment site outside zlt.gov.cn',
    build: (c) => {
      const target: Link = { host: 'www.hlbe-job.com', path: '/zlt/index.html' };
      c.world.site(target.host, { owner: '呼伦贝尔人才网' });
      c.world.put(
        target,
        htmlSpec(commercialPage('呼伦贝尔人才网', '扎兰屯招聘', recruitmentAds)),
      );
      return { leaf: c.viewOf('招聘信息', c.link('/jyzp/index.html'), redirectSpec(302, target)) };
    },
  },
  {
    account: '扎兰屯市中和镇人民政府',
    section: '政务公开',
    item: '财政预决算',
    code: 'empty-page',
    why: 'HTTP 200 with an empty body (an inventory account: the office wrote this menu down)',
    build: (c) => ({ leaf: c.viewOf('财政预决算', c.link('/zwgk/czyjs/2022/index.html'), htmlSpec('')) }),
  },
  {
    account: '扎兰统计',
    section: '统计数据',
    item: '统计公报',
    code: 'soft-404',
    why: 'a GBK soft 404; the charset is only in the meta tag, not in the header',
    build: (c, crumbs) => ({ leaf: c.viewOf('统计公报', c.link('/tjgb/2021.html'), softNotFound(c, crumbs, false)) }),
  },
  {
    account: '智慧向阳',
    section: '便民服务',
    item: '便民电话',
    code: 'text-empty',
    why: 'a web-editor text reply whose text was left empty',
    build: () => ({ leaf: { type: 'text', name: '便民电话', value: '' } }),
  },
  {
    account: '扎兰屯发展和改革局',
    section: '党建园地',
    item: '理论学习',
    conditional: true,
    code: 'http-error',
    why: 'only in the personalized menu for party members (tag 101): a column that was removed, 404',
    build: (c) => ({ leaf: c.viewOf('理论学习', c.link('/djyd/llxx/2021/index.html'), notFound404) }),
  },
  ...replacedSiteCases,
  ...scriptBuiltCases,
  // --- traps: alarming words, healthy pages ---
  {
    account: '扎兰屯市民政局党建',
    section: '政务公开',
    item: '福彩公益金',
    why: 'a 福利彩票 public-welfare fund notice: 彩票 is not gambling',
    build: (c, crumbs) => ({
      leaf: c.viewOf('福彩公益金', c.link('/zwgk/fcgyj/t20220615_1.html'), htmlSpec(c.articleHtml(lotteryTitle, crumbs, lotteryParagraphs))),
    }),
  },
  {
    account: '扎兰屯市公安局',
    section: '政务公开',
    item: '禁赌通告',
    why: 'a police notice against gambling: 赌博, 赌场, 投注 in title and body, and healthy',
    build: (c, crumbs) => ({
      leaf: c.viewOf('禁赌通告', c.link('/jwgk/tg/t20220601_1.html'), htmlSpec(c.articleHtml(antiGamblingTitle, crumbs, antiGamblingParagraphs))),
    }),
  },
  {
    account: '扎兰屯网警巡查执法',
    section: '网安服务',
    item: '防骗提醒',
    why: 'a live article (js_content, msg_title) that quotes 「该内容已被发布者删除」 in its text',
    build: (c) => {
      const leaf = c.news('防骗提醒', [{ title: antiFraudTitle, paragraphs: antiFraudParagraphs }]);
      return { leaf, article: leaf.articles[0] };
    },
  },
  {
    account: '扎兰统计',
    section: '统计数据',
    item: '统计月报',
    why: 'a GBK page declared in the Content-Type header: fine once decoded right',
    build: (c, crumbs) => ({
      leaf: c.viewOf('统计月报', c.link('/tjyb/index.html'), htmlSpec(c.shapeHtml('list', '统计月报', crumbs), { charset: 'gbk' })),
    }),
  },
  {
    account: '扎兰交警',
    section: '交管服务',
    item: '事故快处',
    why: 'a slow server that answers after 1.5 s, well inside the timeout',
    build: (c, crumbs) => {
      const url = ownHost(c, 'sgkc.zlt.gov.cn', { delayMs: 1500 })('/kc/index.html');
      return { leaf: c.viewOf('事故快处', url, htmlSpec(c.shapeHtml('form', '事故快处', crumbs))) };
    },
  },
  {
    account: '扎兰屯发布蒙古文',
    section: '政务公开',
    item: '信息公开目录',
    why: 'a 301 to the same column with a trailing index.html: a redirect inside zlt.gov.cn is fine',
    build: (c, crumbs) => {
      const column = c.link('/xxgk/index.html');
      c.world.put(column, htmlSpec(c.shapeHtml('list', '信息公开目录', crumbs)));
      return { leaf: c.viewOf('信息公开目录', c.link('/xxgk'), redirectSpec(301, column)) };
    },
  },
];
