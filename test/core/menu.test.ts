import { readFile } from 'node:fs/promises';
import test from 'ava';
import { structureProblems } from '../../core/menu-structure.ts';
import { conditionalMenus, defaultMenu, flattenButtons, fromInventory, fromSelfMenuInfo, itemLabel } from '../../core/menu.ts';
import { fixture } from '../helpers/paths.ts';

const json = async (name: string) => JSON.parse(await readFile(fixture('menus', `${name}.json`).path, 'utf8')) as unknown;

test('fromSelfMenuInfo() unwraps list wrappers and expands news articles', async (t) => {
  const menu = fromSelfMenuInfo(await json('selfmenu-web-editor'));
  t.true(menu.open);
  t.is(menu.source, 'api');
  t.deepEqual(
    menu.items.map((i) => [i.path.join('/'), i.kind, i.target]),
    [
      ['今日要闻', 'click', null],
      ['办事服务/社保查询', 'view', 'https://rsj.zlt.gov.cn/sbcx'],
      ['办事服务/政策解读/2026年城乡居民医保缴费指南', 'news', 'http://mp.weixin.qq.com/s?__biz=MzA3&mid=1&idx=1&sn=a#rd'],
      ['办事服务/政策解读/第2篇', 'news', 'http://mp.weixin.qq.com/s?__biz=MzA3&mid=1&idx=2&sn=b#rd'],
      ['办事服务/办事视频', 'video', 'http://wxsnsdy.video.qq.com/123.mp4'],
      ['办事服务/语音导办', 'voice', null],
      ['办事服务/掌上办', 'miniprogram', 'https://rsj.zlt.gov.cn/m'],
      ['联系我们', 'text', null],
      ['视频号直播', 'unknown', null],
    ],
  );
  t.is(menu.items[0]!.fields.key, 'NEWS_TODAY');
  t.is(menu.items[6]!.fields.appid, 'wx286b93c14bbf93aa');
});

test('fromSelfMenuInfo() keeps a future type with its raw name', async (t) => {
  const unknown = fromSelfMenuInfo(await json('selfmenu-web-editor')).items.at(-1)!;
  t.is(unknown.type, 'finder_live');
  t.is(unknown.fields.value, 'x');
});

test('fromSelfMenuInfo() reads a switched-off menu', (t) => {
  const menu = fromSelfMenuInfo({ is_menu_open: 0, selfmenu_info: { button: [] } });
  t.false(menu.open);
  t.deepEqual(menu.items, []);
});

test('flattenButtons() reads menu/get arrays, the shape inventories use', async (t) => {
  const body = (await json('menu-get-conditional')) as { menu: { button: unknown } };
  const items = flattenButtons(body.menu.button);
  t.deepEqual(
    items.map((i) => [i.path.join('/'), i.kind, i.menu]),
    [
      ['政务公开', 'view', defaultMenu],
      ['互动交流/在线咨询', 'click', defaultMenu],
      ['互动交流/办事指南', 'article_id', defaultMenu],
    ],
  );
  t.deepEqual(fromInventory(body.menu.button).items, items);
});

test('conditionalMenus() names personalized menus by their rule', async (t) => {
  const { items } = conditionalMenus(await json('menu-get-conditional'));
  t.deepEqual(
    items.map((i) => itemLabel(i)),
    ['个性化菜单(标签=2) > 蒙古文版', '个性化菜单(标签=2) > 服务 > 宣传片'],
  );
  t.is(items[1]!.fields.media_id, 'MEDIA_1');
});

test('flattenButtons() survives junk without throwing', (t) => {
  for (const junk of [null, 42, 'x', [null, 1, { sub_button: { list: [7] } }], { list: [{ name: 3 }] }]) {
    t.notThrows(() => flattenButtons(junk));
  }
  t.deepEqual(flattenButtons([{ name: '空菜单' }]), []);
});

test('structureProblems() points at the exact offending place', (t) => {
  const subs = (n: number) => Array.from({ length: n }, (_, i) => ({ type: 'view', name: `子菜单${i}`, url: 'https://www.zlt.gov.cn/' }));
  const problems = structureProblems(
    [
      { name: '扎兰屯市政务公开专栏', sub_button: subs(2) },
      { name: '办事服务', sub_button: [...subs(5), { type: 'view', name: '很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长', url: 'https://www.zlt.gov.cn/' }] },
      { name: '互动交流' },
      { type: 'click', name: '更多', key: 'MORE' },
    ],
    defaultMenu,
  );
  t.deepEqual(
    problems.map((p) => [p.code, p.path.join('/')]),
    [
      ['menu-structure', ''],
      ['menu-structure', '扎兰屯市政务公开专栏'],
      ['menu-structure', '办事服务'],
      ['menu-structure', '办事服务/很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长'],
      ['menu-structure', '互动交流'],
    ],
  );
  t.snapshot(problems.map((p) => p.message));
});
