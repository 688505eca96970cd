import test from 'ava';
import { problemCodes } from '../../core/problems.ts';
import type { MenuLeaf, MenuSection, PageSpec } from '../../sandbox/model.ts';
import { pageKey } from '../../sandbox/links.ts';
import { generateWorld } from '../../sandbox/world.ts';

const world = generateWorld();

const wechatAccounts = world.accounts.filter((a) => a.platform !== 'weibo');

function allSections(): { account: string; sections: readonly MenuSection[] }[] {
  return wechatAccounts.flatMap((a) => [
    { account: a.name, sections: a.menu?.sections ?? [] },
    ...(a.menu?.conditional ?? []).map((c) => ({ account: a.name, sections: c.sections })),
  ]);
}

function allLeaves(): MenuLeaf[] {
  return allSections().flatMap((m) => m.sections.flatMap((s) => s.items));
}

test('the same seed gives a deep-equal world, another seed a different one', (t) => {
  t.deepEqual(generateWorld(2022), world);
  const other = generateWorld(7);
  t.notDeepEqual(other, world);
  t.notDeepEqual(
    other.accounts.map((a) => a.api?.appId),
    world.accounts.map((a) => a.api?.appId),
  );
});

test('31 accounts with unique names, 4 on Weibo without menus', (t) => {
  t.is(world.accounts.length, 31);
  t.is(new Set(world.accounts.map((a) => a.name)).size, 31);
  const weibo = world.accounts.filter((a) => a.platform === 'weibo');
  t.deepEqual(
    weibo.map((a) => a.name),
    ['扎兰屯网警巡查执法（微博）', '扎兰交警（微博）', '扎兰屯政务', '平安扎兰屯'],
  );
  t.true(weibo.every((a) => a.menu === undefined && a.api === undefined));
  const byRow = new Map(world.accounts.map((a) => [a.row, a]));
  t.is(byRow.get(20)?.name, '扎兰屯发布');
  t.is(byRow.get(21)?.name, '扎兰屯发布蒙古文');
  t.deepEqual(
    wechatAccounts.filter((a) => a.platform === 'wechat-service').map((a) => a.name),
    ['扎兰屯发展和改革局'],
  );
  for (const a of world.accounts) {
    t.true(a.owners.length >= 1 && a.owners.length <= 2, a.name);
    t.true(a.owners.every((o) => o.remark.startsWith(`${o.name}-`)), a.name);
    t.true(a.domains.includes('zlt.gov.cn'), a.name);
  }
});

test('access modes: 3 inventories, one IP-blocked, one web-editor menu, one personalized menu', (t) => {
  t.deepEqual(
    wechatAccounts.filter((a) => !a.api).map((a) => a.name),
    ['扎兰屯河西街道', '扎兰屯市洼堤乡人民政府', '扎兰屯市中和镇人民政府'],
  );
  t.deepEqual(
    wechatAccounts.filter((a) => a.api && !a.api.ipWhitelisted).map((a) => a.name),
    ['扎兰屯市自然资源局'],
  );
  t.deepEqual(
    wechatAccounts.filter((a) => a.api?.menuOrigin === 'web-editor').map((a) => a.name),
    ['智慧向阳'],
  );
  const personalized = wechatAccounts.filter((a) => (a.menu?.conditional.length ?? 0) > 0);
  t.deepEqual(personalized.map((a) => a.name), ['扎兰屯发展和改革局']);
  const menu = personalized[0]?.menu;
  t.notDeepEqual(menu?.conditional[0]?.sections, menu?.sections);
  t.is(typeof menu?.menuid, 'number');
  for (const a of wechatAccounts) {
    if (!a.api) continue;
    t.regex(a.api.appId, /^wx[0-9a-f]{16}$/);
    t.regex(a.api.secret, /^[0-9a-f]{32}$/);
    t.regex(a.api.envName, /^ZLT_ACC\d\d_SECRET$/);
  }
});

test('menus keep WeChat limits and mix the item types government menus have', (t) => {
  const bytes = (s: string) => Buffer.byteLength(s);
  for (const { account, sections } of allSections()) {
    t.true(sections.length >= 2 && sections.length <= 3, account);
    for (const s of sections) {
      t.true(bytes(s.name) <= 16, `${account} ${s.name}`);
      t.true(s.items.length >= 2 && s.items.length <= 5, `${account} ${s.name}`);
      t.is(new Set(s.items.map((i) => i.name)).size, s.items.length, `${account} ${s.name}`);
      t.true(s.items.every((i) => bytes(i.name) <= 60));
    }
  }
  const types = new Set(allLeaves().map((l) => l.type));
  for (const type of ['view', 'news', 'click', 'media_id', 'article_id', 'miniprogram', 'text'] as const) {
    t.true(types.has(type), type);
  }
  const leaves = allLeaves();
  const views = leaves.filter((l) => l.type === 'view').length;
  t.true(views > leaves.length / 2, 'mostly links');
  t.true(leaves.filter((l) => l.type === 'miniprogram').length <= 2);
  // Only the API sets these types: a web-editor menu never has them.
  const editor = wechatAccounts.find((a) => a.api?.menuOrigin === 'web-editor');
  const editorTypes = editor?.menu?.sections.flatMap((s) => s.items.map((i) => i.type)) ?? [];
  t.false(editorTypes.some((type) => ['click', 'media_id', 'article_id', 'miniprogram'].includes(type)));
});

test('seeded failures: 10–24 of them, over different accounts, with catalogue codes and a page each', (t) => {
  t.true(world.expected.length >= 10 && world.expected.length <= 24);
  t.is(new Set(world.expected.map((e) => e.account)).size, world.expected.length);
  for (const e of world.expected) {
    t.true(problemCodes.includes(e.code), e.code);
    if (e.code === 'text-empty') t.is(e.link, undefined);
    else t.truthy(e.link && world.sites[e.link.host]?.pages[pageKey(e.link.path)], `${e.account} ${e.path.join('>')}`);
  }
  t.deepEqual(
    [...new Set(world.expected.map((e) => e.code))].sort(),
    [
      'connect-failure',
      'default-page',
      'empty-page',
      'hidden-iframe',
      'hijacked',
      'http-error',
      'maintenance',
      'parked-domain',
      'redirect-loop',
      'redirect-offsite',
      'site-closed',
      'soft-404',
      'text-empty',
      'timeout',
      'wechat-article-deleted',
      'wechat-article-violation',
      'white-screen',
    ],
  );
  t.true(world.expected.some((e) => e.menu.startsWith('个性化菜单')), 'one failure sits in the personalized menu');
  t.true(world.traps.length >= 5);
});

const alarming = ['不存在', '系统维护', '网站维护', '已被发布者删除', '违规', '投注', '赌', '彩票', '欧洲杯'];

test('healthy pages look real: 5–60 KB, and no words a checker looks for', (t) => {
  const special = new Set([...world.expected, ...world.traps].flatMap((e) => (e.link ? [e.link.host + pageKey(e.link.path)] : [])));
  const healthy: [string, PageSpec][] = Object.values(world.sites).flatMap((site) =>
    Object.entries(site.pages)
      .filter(([key, page]) => !special.has(site.host + key) && page.status === 200 && page.contentType.startsWith('text/html'))
      .map(([key, page]): [string, PageSpec] => [site.host + key, page]),
  );
  t.true(healthy.length > 200);
  for (const [where, page] of healthy) {
    const size = Buffer.byteLength(page.body);
    t.true(size >= 5 * 1024 && size <= 60 * 1024, `${where}: ${size} bytes`);
    t.false(alarming.some((word) => page.body.includes(word)), where);
  }
  const articles = healthy.filter(([where]) => where.startsWith('mp.weixin.qq.com'));
  t.true(articles.length > 10);
  for (const [, page] of articles) {
    t.true(page.body.includes('id="js_content"') && page.body.includes('rich_media_content'));
    t.regex(page.body, /var msg_title = '[^']+'/);
    t.regex(page.body, /var ct = "\d{10}"/);
  }
});

test('trap pages carry their alarming words and stay HTTP 200', (t) => {
  const words = new Map([
    ['福彩公益金', '福利彩票'],
    ['禁赌通告', '赌博'],
    ['防骗提醒', '该内容已被发布者删除'],
  ]);
  for (const trap of world.traps) {
    const page = world.sites[trap.link.host]?.pages[pageKey(trap.link.path)];
    t.true(page?.status === 200 || page?.status === 301, trap.path.join('>'));
    const word = words.get(trap.path[1] ?? '');
    if (word) t.true(page?.body.includes(word), word);
  }
});
