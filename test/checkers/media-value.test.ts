/**
 * Web-editor image and voice items against a fake WeChat API written from
 * the docs (wechat-platform.md §3.2 and T2.4): media/get is a GET with
 * media_id; an image or voice comes back as the file itself, an unknown or
 * expired id as errcode 40007. (A web-editor video item is a link.)
 */
import test, { type ExecutionContext } from 'ava';
import { checkers } from '../../checkers/registry.ts';
import type { CheckContext } from '../../checkers/types.ts';
import { Secret } from '../../config/secret.ts';
import { flattenButtons } from '../../core/menu.ts';
import { recordCache } from '../../store/api-cache.ts';
import { WeChatClient } from '../../wechat/client.ts';
import { startServer } from '../http/helpers.ts';

async function fakeApi(t: ExecutionContext) {
  const asked: string[] = [];
  const server = await startServer(t, (req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const json = (value: unknown) => res.writeHead(200, { 'content-type': 'application/json; encoding=utf-8' }).end(JSON.stringify(value));
    if (url.pathname === '/cgi-bin/stable_token') return json({ access_token: 'T0KEN', expires_in: 7200 });
    if (url.pathname !== '/cgi-bin/media/get' || req.method !== 'GET' || url.searchParams.get('access_token') !== 'T0KEN') return json({ errcode: 40001, errmsg: 'invalid credential' });
    const id = url.searchParams.get('media_id') ?? '';
    asked.push(id);
    if (id === 'IMG') return res.writeHead(200, { 'content-type': 'image/jpeg', 'content-disposition': 'attachment; filename="IMG.jpg"' }).end(Buffer.from([0xff, 0xd8, 0xff, 0xd9]));
    if (id === 'VOICE') return res.writeHead(200, { 'content-type': 'audio/amr' }).end(Buffer.from('#!AMR\n'));
    if (id === 'BUSY') return json({ errcode: 45009, errmsg: 'reach max api daily quota limit' });
    return json({ errcode: 40007, errmsg: 'invalid media_id' });
  });
  return { api: new WeChatClient({ apiBase: server.url('') }).forAccount('wx0123456789abcdef', new Secret('s', 'env:S')), asked };
}

const item = (type: string, value: string) => flattenButtons([{ type, name: '办事指南', value }])[0]!;

function context(api: CheckContext['api'], menuSource: CheckContext['menuSource']): CheckContext {
  return {
    account: { name: '智慧向阳', platform: 'wechat-subscription', owners: [], domains: [] },
    menuSource,
    api,
    probeOpenId: 'o_menu-patrol_self-check',
    apiCache: recordCache({}, () => new Date()),
    now: () => new Date(),
    checkLink: async () => ({ status: 'ok', problems: [] }),
  };
}

test('a fresh media id from the menu is fetched with media/get: the file answering is ok, 40007 is a missing material', async (t) => {
  const { api, asked } = await fakeApi(t);
  const ctx = context(api, 'api');
  const verdicts = await Promise.all([item('img', 'IMG'), item('voice', 'VOICE'), item('img', 'EXPIRED')].map((i) => checkers[i.kind].check(i, ctx)));
  t.deepEqual(verdicts.map((v) => [v.status, v.problems.map((p) => p.code)]), [
    ['ok', []],
    ['ok', []],
    ['fail', ['material-missing']],
  ]);
  t.deepEqual(asked.sort(), ['EXPIRED', 'IMG', 'VOICE']);
});

test('no answer from the API, an inventory menu (its ids long expired) or no API at all: unverified, saying why, and nothing asked', async (t) => {
  const { api, asked } = await fakeApi(t);
  const busy = await checkers.img.check(item('img', 'BUSY'), context(api, 'api'));
  t.is(busy.status, 'unverified');
  t.regex(busy.note ?? '', /45009/);
  asked.length = 0;
  const inventory = await checkers.img.check(item('img', 'IMG'), context(api, 'inventory'));
  const noApi = await checkers.img.check(item('img', 'IMG'), context(null, 'api'));
  t.deepEqual([inventory.status, noApi.status], ['unverified', 'unverified']);
  t.deepEqual(asked, []);
});
