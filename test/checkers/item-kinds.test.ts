import test from 'ava';
import { recordCache } from '../../store/api-cache.ts';
import { checkers } from '../../checkers/registry.ts';
import type { CheckContext } from '../../checkers/types.ts';
import { flattenButtons, type MenuItem } from '../../core/menu.ts';
import { problem, problemCatalog, type ProblemCode } from '../../core/problems.ts';
import { verdictOf } from '../../core/results.ts';

function context(checked: string[] = []): CheckContext {
  return {
    account: { name: '扎兰屯12333', platform: 'wechat-subscription', owners: [], domains: ['zlt.gov.cn'] },
    menuSource: 'inventory',
    api: null,
    probeOpenId: 'o_menu-patrol_self-check',
    apiCache: recordCache({}, () => new Date('2026-11-26T01:00:00Z')),
    now: () => new Date('2026-11-26T01:00:00Z'),
    checkLink: async (url) => {
      checked.push(url);
      return verdictOf(url.includes('gone') ? [problem('http-error', 'HTTP 404', { url })] : []);
    },
  };
}

/** Items as WeChat hands them out, through the same flattening and registry a sweep uses. */
const items = (...buttons: Record<string, unknown>[]): MenuItem[] => flattenButtons(buttons);
const check = (item: MenuItem, ctx = context()) => checkers[item.kind].check(item, ctx);
/** Each problem as its code and the specifics after the catalogue title. */
const details = (v: { problems: readonly { code: ProblemCode; message: string }[] }) => v.problems.map((p) => [p.code, p.message.slice(problemCatalog[p.code].title.length + 1, -1)]);

test('a mini program without a valid AppID, page path or fallback page is miniprogram-invalid, each saying what is missing', async (t) => {
  const [wrong, blank] = items({ type: 'miniprogram', name: '预约', appid: 'gh_5a1b2c3d4e5f', pagepath: 'pages/index', url: 'https://www.zlt.gov.cn/yy' }, { type: 'miniprogram', name: '缴费' });
  t.deepEqual(details(await check(wrong!)), [['miniprogram-invalid', 'AppID gh_5a1b2c3d4e5f 格式不对']]);
  t.deepEqual(details(await check(blank!)), [
    ['miniprogram-invalid', '没有填写小程序 AppID'],
    ['miniprogram-invalid', '没有填写小程序页面路径'],
    ['miniprogram-invalid', '没有填写备用网页（旧版微信会打开它）'],
  ]);
});

test('a complete mini program has no miniprogram-invalid, and its fallback page is checked like any link', async (t) => {
  const checked: string[] = [];
  const [fine, deadFallback] = items(
    { type: 'miniprogram', name: '预约', appid: 'wx0123456789abcdef', pagepath: 'pages/index', url: 'https://www.zlt.gov.cn/yy' },
    { type: 'miniprogram', name: '缴费', appid: 'wx0123456789abcdef', pagepath: 'pages/pay', url: 'https://www.zlt.gov.cn/gone' },
  );
  t.deepEqual(details(await check(fine!, context(checked))), []);
  t.deepEqual(details(await check(deadFallback!, context(checked))), [['http-error', 'HTTP 404']]);
  t.deepEqual(checked, ['https://www.zlt.gov.cn/yy', 'https://www.zlt.gov.cn/gone']);
});

test('a type WeChat added later, or none at all, is kept and reported as unknown-type, never dropped or passed', async (t) => {
  const found = items(
    { type: 'channels_live', name: '视频号直播', finder_username: 'v2_x' },
    { name: '办事服务', sub_button: [{ type: '', name: '空类型', key: 'K' }] },
  );
  t.deepEqual(
    found.map((i) => [i.path.join('/'), i.kind, i.type]),
    [
      ['视频号直播', 'unknown', 'channels_live'],
      ['办事服务/空类型', 'unknown', ''],
    ],
  );
  const [live, empty] = await Promise.all(found.map((i) => check(i)));
  t.is(live!.status, 'warn', 'a person has to look at it');
  t.deepEqual(details(live!), [['unknown-type', '类型 channels_live']]);
  t.deepEqual(live!.problems[0]!.evidence, { type: 'channels_live', fields: {} });
  t.deepEqual(details(empty!), [['unknown-type', '类型 （空）']]);
  t.deepEqual(empty!.problems[0]!.evidence, { type: '', fields: { key: 'K' } });
});
