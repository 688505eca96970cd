/**
 * What each API account has published: a few publications per account, dated
 * relative to the moment of the request so a sweep sees the same ages
 * whenever it runs. One account is overdue, one is about to be, the rest are
 * fresh; a few recent articles carry the seeded mistakes of the 2022 Q2 notice
 * (4 accounts with 错敏字) and one an unmasked mobile number. Traps: the same
 * mistakes where they must not be reported. Two accounts post by 群发 only,
 * which freepublish/batchget does not list: a verified one (the data cube
 * sees its posts: fresh) and an unverified one (nothing can see them: the date
 * cannot be confirmed).
 */
import { articlePath, articlesPlace, updatesPlace } from '../core/places.ts';
import type { ProblemCode } from '../core/problems.ts';
import { escapeHtml } from './site-pages.ts';
import type { ExpectedProblem, World, WorldAccount } from './model.ts';
import { Rng } from './prng.ts';
import { pickHeadlines, pickParagraphs } from './text-corpus.ts';

export interface SandboxArticle {
  readonly title: string;
  /** Paragraphs of the body; none for a picture post. */
  readonly paragraphs: readonly string[];
  readonly deleted: boolean;
}

export interface Publication {
  readonly articleId: string;
  /** 群发 (with notification): in the data cube, not in freepublish/batchget. */
  readonly massSend: boolean;
  /** How long before the request it was published. */
  readonly ageHours: number;
  readonly articles: readonly SandboxArticle[];
}

export interface PublishWorld {
  /** appId → publications, newest first. */
  readonly byAppId: ReadonlyMap<string, readonly Publication[]>;
  /** Accounts without 微信认证: the data cube answers 48001. */
  readonly unverified: ReadonlySet<string>;
  readonly expected: readonly ExpectedProblem[];
}

/** Accounts that post by 群发 only, and whether they are verified. */
const massSenders: Readonly<Record<string, 'verified' | 'unverified'>> = {
  扎兰屯市人力资源和社会保障局: 'verified',
  扎兰屯市民政局党建: 'unverified',
};

/** Days since the newest publication: with the national 14 days, one overdue and one due within 3 days. */
const newestDays: Readonly<Record<string, number>> = {
  扎兰屯环境保护: 20,
  扎兰屯市医疗保障局: 12,
};

interface ContentCase {
  readonly account: string;
  readonly title: string;
  readonly paragraphs: readonly string[];
  /** Days before the request; the articles with findings are all inside the 14-day window. */
  readonly days: number;
  readonly deleted?: true;
  /** Absent: a trap, nothing may be reported. */
  readonly codes?: readonly ProblemCode[];
  readonly why: string;
}

const contentCases: readonly ContentCase[] = [
  {
    account: '扎兰屯市司法局',
    title: '市司法局召开扫黑除恶常态化工作推进会',
    paragraphs: ['会议传达学习了上级关于扫黑险恶常态化工作的部署要求。', '会议要求，各科室要把常态化开展扫黑除恶斗争作为重要政治任务抓紧抓实。'],
    days: 2,
    codes: ['sensitive-word'],
    why: '扫黑险恶（时政用语写错）',
  },
  {
    account: '扎兰屯发布',
    title: '我市召开庆祝中华人民共和国成立周年座谈会',
    paragraphs: ['座谈会上，与会代表回顾了中华人民共合国成立以来的光辉历程。', '市政务公开工作领导小姐办公室主任主持会议。'],
    days: 1,
    codes: ['sensitive-word'],
    why: '中华人民共合国（国家名称）和领导小姐（错别字），同一篇文章算一篇',
  },
  {
    account: '扎兰屯发布',
    title: '我市持续深入推进打黑除恶专项斗争',
    paragraphs: ['今年以来，我市坚持以打黑除恶为抓手，维护社会大局稳定。'],
    days: 4,
    codes: ['sensitive-word'],
    why: '打黑除恶（过时表述），同一账号的第二篇',
  },
  {
    account: '成吉思汗镇人民政府',
    title: '成吉思汗镇开展秸杆禁烧宣传活动',
    paragraphs: ['为切实做好秸秆禁烧工作，镇政府组织干部深入各村开展宣传。'],
    days: 3,
    codes: ['sensitive-word'],
    why: '标题里的秸杆（错别字）',
  },
  {
    account: '扎兰屯教育在线',
    title: '教育局召開安全生產警示教育會議',
    paragraphs: ['會議強調，安全生產警鐘常鳴，各學校要時刻繃緊安全這根弦。'],
    days: 5,
    codes: ['sensitive-word'],
    why: '繁体字的“警鐘常鳴”（先转成简体再比对）',
  },
  {
    account: '扎兰屯市文体旅游广电局',
    title: '文旅局赴香港开展文化旅游推介活动',
    paragraphs: ['推介会上，来自两岸三地的旅游企业代表参加了交流。'],
    days: 2,
    codes: ['wording-review'],
    why: '两岸三地（需人工确认的用词）',
  },
  {
    account: '扎兰屯市学生资助中心',
    title: '2022年秋季学期家庭经济困难学生资助名单公示',
    paragraphs: [
      '经学生本人申请、学校评议，现将拟资助学生名单予以公示。',
      '公示期间如有异议，请与资助中心联系，联系人：李老师，联系电话：13947012345。',
      '监督电话：0470-3216688，或联系139****5678；学生身份证号已作隐藏处理，如 150783********1234。',
    ],
    days: 1,
    codes: ['personal-data'],
    why: '未遮盖的手机号（座机、已遮盖的号码不算）',
  },
  {
    account: '扎兰屯市公安局',
    title: '回顾我市扫黑除恶工作历程',
    paragraphs: ['2018年以前，原打黑除恶专项斗争领导小组办公室设在市公安局。'],
    days: 3,
    why: '忽略词表里的“原打黑除恶”：回顾历史时按当时的名称书写',
  },
  {
    account: '扎兰交警',
    title: '一图读懂夏季交通安全出行提示',
    paragraphs: [],
    days: 2,
    why: '没有文字的图片文章',
  },
  {
    account: '扎兰屯环境保护',
    title: '环保分局开展秸杆禁烧巡查',
    paragraphs: ['巡查组深入田间地头开展巡查。'],
    days: 25,
    why: '错别字在 14 天以前的旧文章里，不在检查范围内',
  },
  {
    account: '扎兰屯网警巡查执法',
    title: '网警提示：警惕网络诈骗',
    paragraphs: ['请广大市民警钟常鸣，提高防范意识。'],
    days: 2,
    deleted: true,
    why: '已删除的文章不再检查',
  },
];

const hours = (rng: Rng, days: number) => days * 24 + rng.int(0, 20);

function ordinary(rng: Rng, a: WorldAccount, count: number, firstDays: number): Publication[] {
  const names = { unit: a.unit, short: a.unit.replace(/^扎兰屯市/, '') };
  let days = firstDays;
  return pickHeadlines(rng, names, count).map((title) => {
    const p: Publication = {
      articleId: rng.id(44),
      massSend: a.name in massSenders,
      ageHours: hours(rng, days),
      articles: [{ title, paragraphs: pickParagraphs(rng, names, rng.int(2, 4)), deleted: false }],
    };
    days += rng.int(2, 6);
    return p;
  });
}

export function generatePublications(world: World): PublishWorld {
  const byAppId = new Map<string, Publication[]>();
  const unverified = new Set<string>();
  const expected: ExpectedProblem[] = [];
  const root = new Rng(world.seed).fork('publications');
  for (const c of contentCases) {
    if (!world.accounts.some((a) => a.name === c.account && a.api)) throw new Error(`sandbox: ${c.account} has no API access for its articles`);
  }
  for (const a of world.accounts) {
    if (!a.api) continue;
    const rng = root.fork(a.name);
    const newest = newestDays[a.name] ?? rng.int(0, 4);
    const cases = contentCases.filter((c) => c.account === a.name);
    const seeded = cases.map((c): Publication => ({
      articleId: rng.id(44),
      massSend: false,
      // An overdue account published nothing newer than its newest date, seeded cases included.
      ageHours: hours(rng, Math.max(c.days, newest)),
      articles: [{ title: c.title, paragraphs: c.paragraphs, deleted: c.deleted ?? false }],
    }));
    byAppId.set(a.api.appId, [...ordinary(rng, a, 5, newest), ...seeded].sort((x, y) => x.ageHours - y.ageHours));
    for (const c of cases) for (const code of c.codes ?? []) expected.push({ account: a.name, menu: articlesPlace, path: articlePath(c.title), code, why: c.why });
    const state: ProblemCode | null = newest > 14 ? 'overdue' : newest > 14 - 3 ? 'due-soon' : null;
    if (state) expected.push({ account: a.name, menu: updatesPlace, path: [], code: state, why: `最近一次发布在 ${newest} 天前` });
    if (massSenders[a.name] === 'unverified') {
      unverified.add(a.api.appId);
      expected.push({ account: a.name, menu: updatesPlace, path: [], code: 'update-unconfirmed', why: '只群发、未认证：微信接口看不到它的更新' });
    }
  }
  return { byAppId, unverified, expected };
}

/** An article body as WeChat's editor writes it. */
export function articleHtml(paragraphs: readonly string[]): string {
  if (paragraphs.length === 0) return '<section><p><img data-src="https://mmbiz.qpic.cn/mmbiz_png/sandbox/0" /></p></section>';
  return `<section style="font-size:15px;line-height:1.75">${paragraphs.map((p) => `<p style="text-indent:2em"><span>${escapeHtml(p)}</span></p>`).join('')}</section>`;
}
