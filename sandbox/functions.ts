/**
 * The menu's functions in the sandbox: which accounts run their own developer
 * server (and how each click key is answered), and which materials and
 * published articles the API knows. Derived from the generated world, so the
 * same seed still gives the same sandbox; the seeded failures join `expected`.
 */
import { conditionalMenuName, defaultMenu } from '../core/menu.ts';
import type { ProblemCode } from '../core/problems.ts';
import type { ReplyBehaviour } from './account-server.ts';
import type { ExpectedProblem, Link, MenuLeaf, MenuSection, World, WorldAccount } from './model.ts';

export interface ServerPlan {
  readonly account: string;
  readonly mode: 'plain' | 'compat' | 'safe';
  /** The account's 原始ID (gh_…), the pushes' ToUserName. */
  readonly originalId: string;
  /** A 第三方平台 hosts the server: its own AppID is the one inside the ciphertext. */
  readonly platformAppId?: string;
  readonly token: string;
  readonly encodingAESKey: string;
  /** Environment variable names the config refers to. */
  readonly tokenEnv: string;
  readonly aesKeyEnv: string;
  readonly replies: Readonly<Record<string, ReplyBehaviour>>;
}

export interface PublishedArticle {
  readonly title: string;
  readonly deleted: boolean;
  readonly link: Link;
}

export interface FunctionWorld {
  readonly servers: readonly ServerPlan[];
  /** appId → media ids that exist. */
  readonly materials: ReadonlyMap<string, ReadonlySet<string>>;
  /** appId → article id → what freepublish/getarticle answers; absent ids answer 53600. */
  readonly articles: ReadonlyMap<string, ReadonlyMap<string, PublishedArticle>>;
  readonly expected: readonly ExpectedProblem[];
}

interface Placed {
  readonly leaf: MenuLeaf;
  readonly menu: string;
  readonly path: readonly string[];
}

function placedLeaves(a: WorldAccount): Placed[] {
  const menus: { name: string; sections: readonly MenuSection[] }[] = [
    { name: defaultMenu, sections: a.menu?.sections ?? [] },
    ...(a.menu?.conditional ?? []).map((c) => ({ name: conditionalMenuName(c.matchrule, c.menuid), sections: c.sections })),
  ];
  return menus.flatMap((m) => m.sections.flatMap((s) => s.items.map((leaf) => ({ leaf, menu: m.name, path: [s.name, leaf.name] }))));
}

const good = (a: WorldAccount, key: string): ReplyBehaviour => ({
  kind: 'text',
  content: `您好，欢迎关注“${a.name}”。${key === 'CONTACT_US' ? `办公电话：0470-32${String(a.row).padStart(5, '0')}，工作时间：周一至周五 8:30-17:30。` : '您的问题已收到，我们会在 1 个工作日内答复。'}`,
});

/** Accounts with a developer server, and the one click key each answers badly (if any). */
const serverCases: readonly { account: string; mode: ServerPlan['mode']; thirdParty?: true; broken?: { behaviour: ReplyBehaviour; code: ProblemCode; why: string } }[] = [
  { account: '扎兰屯网警巡查执法', mode: 'plain' },
  { account: '月亮小镇党建平台', mode: 'plain', broken: { behaviour: { kind: 'success' }, code: 'click-unconfirmed', why: '服务器只回复 success（可能稍后用客服消息回复），需人工确认' } },
  { account: '扎兰屯发展和改革局', mode: 'safe' },
  { account: '扎兰屯市人力资源和社会保障局', mode: 'plain', broken: { behaviour: { kind: 'text', content: '您好', delayMs: 6000 }, code: 'click-timeout', why: '服务器 6 秒后才回复' } },
  { account: '扎兰屯发布蒙古文', mode: 'compat', broken: { behaviour: { kind: 'json' }, code: 'click-bad-reply', why: '服务器回复了 JSON 而不是 XML' } },
  { account: '扎兰屯市学生资助中心', mode: 'plain', broken: { behaviour: { kind: 'status', status: 500 }, code: 'click-server-error', why: '服务器出错（HTTP 500）' } },
  { account: '扎兰屯市公安局', mode: 'safe', thirdParty: true },
];

/** Published articles: which account's article_id item is gone, and how. */
const articleCases: Readonly<Record<string, { deleted: boolean; code: ProblemCode; why: string } | undefined>> = {
  扎兰屯12333: { deleted: true, code: 'article-deleted', why: '已发布的文章被删除（is_deleted）' },
  扎兰城管: { deleted: false, code: 'article-missing', why: '文章编号无效（53600）' },
};
const missingMaterialAccount = '你好大河湾';

const envName = (a: WorldAccount, what: string) => `ZLT_ACC${String(a.row).padStart(2, '0')}_${what}`;

/** A 43-character EncodingAESKey made from the account's appId, stable for a given world. */
function aesKeyOf(a: WorldAccount): string {
  return Buffer.from(`${a.api?.appId ?? a.name}-menu-patrol-sandbox-key`).toString('base64url').replace(/[-_]/g, 'x').padEnd(43, 'A').slice(0, 43);
}

/** Live WeChat articles in the world that no seeded case breaks, for published articles to point at. */
function liveArticles(world: World): Link[] {
  const broken = new Set(world.expected.flatMap((e) => (e.link ? [`${e.link.host}${e.link.path}`] : [])));
  return world.accounts
    .flatMap((a) => placedLeaves(a).flatMap((p) => (p.leaf.type === 'news' ? p.leaf.articles.map((x) => x.content) : [])))
    .filter((l) => !broken.has(`${l.host}${l.path}`));
}

export function generateFunctions(world: World): FunctionWorld {
  const byName = new Map(world.accounts.map((a) => [a.name, a]));
  const expected: ExpectedProblem[] = [];
  const servers = serverCases.map(({ account, mode, thirdParty, broken }): ServerPlan => {
    const a = byName.get(account);
    if (!a?.api) throw new Error(`sandbox: ${account} has no API access for a server`);
    const clicks = placedLeaves(a).filter((p) => p.leaf.type === 'click');
    if (clicks.length === 0) throw new Error(`sandbox: ${account} has no click item`);
    const replies: Record<string, ReplyBehaviour> = {};
    for (const c of clicks) if (c.leaf.type === 'click') replies[c.leaf.key] = good(a, c.leaf.key);
    if (broken) {
      const first = clicks[0]!;
      if (first.leaf.type === 'click') replies[first.leaf.key] = broken.behaviour;
      // Every item with that key is broken (发改局's personalized menu repeats its keys).
      for (const c of clicks) {
        if (c.leaf.type === 'click' && first.leaf.type === 'click' && c.leaf.key === first.leaf.key) {
          expected.push({ account, menu: c.menu, path: c.path, code: broken.code, why: broken.why });
        }
      }
    }
    const platform = thirdParty ? { platformAppId: `wx${[...a.api.appId.slice(2)].reverse().join('')}` } : {};
    return { account, mode, ...platform, originalId: `gh_${a.api.appId.slice(2, 14)}`, token: `${a.api.appId}-token`, encodingAESKey: aesKeyOf(a), tokenEnv: envName(a, 'TOKEN'), aesKeyEnv: envName(a, 'AESKEY'), replies };
  });

  const live = liveArticles(world);
  const materials = new Map<string, Set<string>>();
  const articles = new Map<string, Map<string, PublishedArticle>>();
  for (const a of world.accounts) {
    if (!a.api) continue;
    for (const p of placedLeaves(a)) {
      if (p.leaf.type === 'media_id') {
        if (a.name === missingMaterialAccount) {
          expected.push({ account: a.name, menu: p.menu, path: p.path, code: 'material-missing', why: '素材已被删除（40007）' });
          continue;
        }
        if (!materials.has(a.api.appId)) materials.set(a.api.appId, new Set());
        materials.get(a.api.appId)!.add(p.leaf.media_id);
      }
      if (p.leaf.type === 'article_id') {
        const kase = articleCases[a.name];
        if (kase) expected.push({ account: a.name, menu: p.menu, path: p.path, code: kase.code, why: kase.why });
        if (kase && !kase.deleted) continue;
        if (!articles.has(a.api.appId)) articles.set(a.api.appId, new Map());
        const link = live[(a.row * 7) % live.length]!;
        articles.get(a.api.appId)!.set(p.leaf.article_id, { title: `${a.name}${p.leaf.name}`, deleted: kase?.deleted ?? false, link });
      }
    }
  }
  return { servers, materials, articles, expected };
}
