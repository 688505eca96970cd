import type { ExecutionContext } from 'ava';
import { startServer } from '../http/helpers.ts';

export interface FakeWeChatApi {
  readonly apiBase: string;
  readonly port: number;
}

/** An account the fake knows: a working one gets a token and a menu, a blocked one the IP-whitelist refusal. */
export interface FakeAccount {
  readonly appId: string;
  readonly secret: string;
  readonly blocked?: boolean;
}

/**
 * The WeChat API as the platform reference documents it (wechat-platform.md
 * §1.2–1.4): POST cgi-bin/stable_token, 40164 with "invalid ip … not in
 * whitelist" for a caller outside the IP whitelist, get_current_selfmenu_info,
 * and 46003 from menu/get for an account without API menus. Every answer
 * carries a Date header `skewMs` away from this machine's clock.
 */
export async function startFakeWeChatApi(t: ExecutionContext, accounts: readonly FakeAccount[], skewMs = 0): Promise<FakeWeChatApi> {
  const server = await startServer(t, (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://fake');
      const reply = (status: number, body: unknown) => {
        res.setHeader('date', new Date(Date.now() + skewMs).toUTCString());
        res.writeHead(status, { 'content-type': 'application/json; encoding=utf-8' }).end(JSON.stringify(body));
      };
      if (url.pathname === '/cgi-bin/stable_token' && req.method === 'POST') {
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { appid: string; secret: string };
        const account = accounts.find((a) => a.appId === body.appid);
        if (!account) return reply(200, { errcode: 40013, errmsg: 'invalid appid rid: 6571a2b3-0000' });
        if (account.blocked) {
          return reply(200, { errcode: 40164, errmsg: 'invalid ip 47.94.148.108 ipv6 ::ffff:47.94.148.108, not in whitelist rid: 6571a2b3-1c2d3e4f-5a6b7c8d' });
        }
        if (account.secret !== body.secret) return reply(200, { errcode: 40125, errmsg: 'invalid appsecret rid: 6571a2b3-0001' });
        return reply(200, { access_token: `token-${account.appId}`, expires_in: 7200 });
      }
      const token = url.searchParams.get('access_token');
      if (!accounts.some((a) => !a.blocked && token === `token-${a.appId}`)) {
        return reply(200, { errcode: 40001, errmsg: 'invalid credential, access_token is invalid or not latest rid: 6571a2b3-0002' });
      }
      if (url.pathname === '/cgi-bin/get_current_selfmenu_info') {
        return reply(200, {
          is_menu_open: 1,
          selfmenu_info: {
            button: [
              { type: 'view', name: '政策解读', url: 'https://www.zlt.gov.cn/zcjd' },
              { name: '办事服务', sub_button: { list: [{ type: 'view', name: '社保查询', url: 'https://rsj.zlt.gov.cn/cx' }, { type: 'view', name: '办事指南', url: 'https://rsj.zlt.gov.cn/bszn' }] } },
            ],
          },
        });
      }
      if (url.pathname === '/cgi-bin/menu/get') return reply(200, { errcode: 46003, errmsg: 'menu no exist rid: 6571a2b3-0003' });
      return reply(404, { errcode: 404, errmsg: 'not found' });
    });
  });
  return { apiBase: server.url(''), port: server.port };
}
