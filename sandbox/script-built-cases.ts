/**
 * Seeded cases of pages built by scripts (issue 17): the delivered HTML is
 * the same whether the page works or not, so only a sweep with the browser
 * tells them apart. One works, one's bundle is gone, one is hijacked by a
 * third-party widget's lapsed domain.
 */
import { hijackPhrase } from './case-texts.ts';
import { appBundle, appShell, hijackWidget, withWidget } from './script-pages.ts';
import type { SeededCase } from './seeded-cases.ts';
import { htmlSpec } from './site-pages.ts';

/** The 在线客服 widget's domain, let lapse and bought by a gambling operator. */
export const widgetHost = 'kf.zlt-kefu.com';
const widgetRef = '__WIDGET_URL__';

export const scriptBuiltCases: readonly SeededCase[] = [
  {
    account: '扎兰交警',
    section: '交管服务',
    item: '违法查询',
    seenIn: 'rendered',
    why: 'a script-built query page (an empty shell and a bundle) that works: the browser shows the form',
    build: (c) => {
      const bundle = c.link('/wfcx/static/js/app.7c41e2.js');
      c.world.put(bundle, appBundle(c.row.unit, '交通违法查询', ['号牌号码', '车辆识别代号后六位'], '请输入机动车号牌号码和车辆识别代号后六位，查询本市电子警察抓拍的交通违法记录。'));
      return { leaf: c.viewOf('违法查询', c.link('/wfcx/index.html'), appShell('交通违法查询', bundle)) };
    },
  },
  {
    account: '扎兰屯市民政局党建',
    section: '民政服务',
    item: '救助查询',
    code: 'white-screen',
    seenIn: 'rendered',
    why: 'after the system was upgraded the shell still names last year’s bundle, which answers 404: a white screen in the phone',
    build: (c) => ({ leaf: c.viewOf('救助查询', c.link('/jzcx/index.html'), appShell('社会救助查询', c.link('/jzcx/static/js/app.3f9a0b.js'))) }),
  },
  {
    account: '扎兰屯环境保护',
    section: '办事服务',
    item: '环评公示',
    code: 'hijacked',
    seenIn: 'rendered',
    why: 'the page loads an 在线客服 widget whose domain lapsed; its script now renames the page and puts gambling links on top, in phones only',
    build: (c, crumbs) => {
      const script = { host: widgetHost, path: '/kefu/widget.js' };
      c.world.site(widgetHost, { owner: '在线客服' });
      c.world.put(script, hijackWidget(hijackPhrase, 'http://www.amjs-88vip.com/?from=kefu'));
      const page = htmlSpec(withWidget(c.shapeHtml('list', '环评公示', crumbs), widgetRef));
      return { leaf: c.viewOf('环评公示', c.link('/bsfw/hpgs/index.html'), { ...page, refs: { [widgetRef]: script } }) };
    },
  },
];
