import test from 'ava';
import { menuProblems } from '../../checkers/menu-checks.ts';
import { conditionalMenus, defaultMenu, fromSelfMenuInfo, type AccountMenu } from '../../core/menu.ts';

const view = (name: string, url: string) => ({ type: 'view', name, url });
const selfMenu = (button: unknown[], open = 1): AccountMenu => fromSelfMenuInfo({ is_menu_open: open, selfmenu_info: { button } });
const codes = (menu: AccountMenu) => menuProblems(menu).map((p) => [p.code, p.menu, p.path.join('/')]);

test('a menu switched off in the back office is menu-disabled, whatever items it still holds', (t) => {
  const menu = selfMenu([view('政务公开', 'https://www.zlt.gov.cn/zwgk/')], 0);
  t.deepEqual(codes(menu), [['menu-disabled', defaultMenu, '']]);
  t.is(menuProblems(menu)[0]!.severity, 'fail');
});

test('an open menu without a single item is menu-empty; one with only a broken parent reports the parent instead', (t) => {
  t.deepEqual(codes(selfMenu([])), [['menu-empty', defaultMenu, '']]);
  t.deepEqual(codes(selfMenu([{ name: '办事服务' }])), [['menu-structure', defaultMenu, '办事服务']]);
});

test('menu links on more than 3 sites break WeChat\'s limit; subdomains of one site and WeChat articles do not count', (t) => {
  const three = [
    view('政务公开', 'https://www.zlt.gov.cn/zwgk/'),
    { name: '办事服务', sub_button: [view('社保查询', 'https://rsj.zlt.gov.cn/cx'), view('医保', 'https://ybj.nmg.gov.cn/'), view('不动产', 'https://www.hlbe.gov.cn/bdc')] },
    { name: '互动', sub_button: [view('文章', 'https://mp.weixin.qq.com/s/abc')] },
  ];
  t.deepEqual(codes(selfMenu(three)), []);

  const four = [...three.slice(0, 2), { name: '互动', sub_button: [view('文章', 'https://mp.weixin.qq.com/s/abc'), view('问卷', 'https://www.wjx.cn/vm/x.aspx')] }];
  const [limit, ...rest] = menuProblems(selfMenu(four));
  t.deepEqual(rest, []);
  t.like(limit, { code: 'menu-structure', menu: defaultMenu, path: [], evidence: { sites: ['hlbe.gov.cn', 'nmg.gov.cn', 'wjx.cn', 'zlt.gov.cn'] } });
  t.regex(limit!.message, /4 个网站域名.*最多 3 个/);
});

test('the link-domain limit is counted per menu: a personalized menu has its own 3', (t) => {
  const sites = ['https://a.zlt.gov.cn/', 'https://www.nmg.gov.cn/', 'https://www.hlbe.gov.cn/'];
  const base = selfMenu(sites.map((url, i) => view(`默认${i}`, url)));
  const personalized = conditionalMenus({ conditionalmenu: [{ button: [view('问卷', 'https://www.wjx.cn/'), view('门户', 'https://www.gov.cn/')], matchrule: { tag_id: '2' }, menuid: '1' }] });
  t.deepEqual(codes({ ...base, items: [...base.items, ...personalized.items] }), []);
});
