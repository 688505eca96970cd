import { getConnInfo } from '@hono/node-server/conninfo';
import { Hono, type Context, type MiddlewareHandler } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { Config, WebConfig } from '../config/load.ts';
import { Auth, type Session, type Viewer } from './auth.ts';
import { clientAddress } from './client-address.ts';
import { LoginLimit } from './login-limit.ts';
import { errorPage } from './pages/error.tsx';
import { LoginPage } from './pages/login.tsx';

/**
 * Sessions in a signed cookie (HttpOnly, SameSite=Lax, Secure behind https),
 * and the routes that start and end them: the admin login, an owner's link,
 * logout. Every other route asks `signedIn` and answers `refuse` without one.
 */

/** A viewer with the session they came in with (its form token goes into every page's forms). */
export interface SignedIn {
  readonly viewer: Viewer;
  readonly session: Session;
}

export type Env = { Variables: { session: Session | null; sessionProblem: 'tampered' | 'expired' | null } };

const cookieName = 'menu_patrol_session';

export class Sessions {
  readonly #auth: Auth;
  /** The public https address's host, when there is one. */
  readonly #httpsHost: string | undefined;

  constructor(auth: Auth, web: WebConfig) {
    this.#auth = auth;
    this.#httpsHost = web.publicUrl?.startsWith('https:') ? new URL(web.publicUrl).host : undefined;
  }

  /**
   * A Secure cookie for a visit through the public https address (the proxy
   * says https, or forwards its Host). A browser drops a Secure cookie sent
   * over plain http, so an admin who opens http://192.168.x.x:8730 on the
   * office network must get a plain one, or every login would land back on
   * the login page.
   */
  #secure(c: Context): boolean {
    if (this.#httpsHost === undefined) return false;
    return c.req.header('x-forwarded-proto')?.split(',')[0]?.trim() === 'https' || c.req.header('host') === this.#httpsHost;
  }

  /** Reads the cookie into the context; a tampered or expired one is dropped and remembered, to say so on the login page. */
  readonly middleware: MiddlewareHandler<Env> = async (c, next) => {
    c.set('session', null);
    c.set('sessionProblem', null);
    const cookie = getCookie(c, cookieName);
    if (cookie !== undefined) {
      const session = this.#auth.readSession(cookie);
      if (typeof session === 'string') {
        c.set('sessionProblem', session);
        deleteCookie(c, cookieName, { path: '/' });
      } else {
        c.set('session', session);
      }
    }
    await next();
  };

  signedIn(c: Context<Env>): SignedIn | undefined {
    const session = c.get('session');
    return session?.viewer ? { viewer: session.viewer, session } : undefined;
  }

  /** A route for signed-in viewers only: anyone else gets the login page (401), whatever the route. */
  only(handler: (c: Context<Env>, who: SignedIn) => Response | Promise<Response>): (c: Context<Env>) => Response | Promise<Response> {
    return (c) => {
      const who = this.signedIn(c);
      return who ? handler(c, who) : this.refuse(c);
    };
  }

  /** The 401 login page, saying why there is no session when there was one. */
  refuse(c: Context<Env>) {
    const problem = c.get('sessionProblem');
    const notice = problem === 'expired' ? '登录已过期，请重新登录（负责人请重新点开提醒消息里的链接）。' : problem === 'tampered' ? '登录信息无效，请重新登录。' : undefined;
    return this.loginPage(c, 401, notice);
  }

  loginPage(c: Context<Env>, status: 200 | 401, notice?: string) {
    return c.html(LoginPage({ csrf: this.#visitor(c).csrf, enabled: this.#auth.adminLoginEnabled, notice }), status);
  }

  start(c: Context, viewer: Viewer | null): Session {
    const session = this.#auth.newSession(viewer);
    setCookie(c, cookieName, this.#auth.sessionCookie(session), { httpOnly: true, sameSite: 'Lax', secure: this.#secure(c), path: '/', expires: new Date(session.expires) });
    return session;
  }

  end(c: Context): void {
    deleteCookie(c, cookieName, { path: '/' });
  }

  /** The form, when it carries this session's token (POSTs pass the Origin check as well, in server.ts). */
  async form(c: Context<Env>): Promise<Record<string, unknown> | undefined> {
    const session = c.get('session');
    const form = await c.req.parseBody();
    return session && Auth.csrfMatches(session, form.csrf) ? form : undefined;
  }

  /** The visitor's session (a login form's token), made when there is none. */
  #visitor(c: Context<Env>): Session {
    return c.get('session') ?? this.start(c, null);
  }
}

export const staleForm = (c: Context) => errorPage(c, 403, '页面已经过期，请返回后刷新再试。');

/** GET/POST /login, POST /logout, GET /link/:token. */
export function sessionRoutes(deps: { config: Config; web: WebConfig; auth: Auth; sessions: Sessions; log: (line: string) => void; now: () => Date }): Hono<Env> {
  const { config, web, auth, sessions, log } = deps;
  const limit = new LoginLimit(deps.now);
  const app = new Hono<Env>();
  app.get('/login', (c) => (sessions.signedIn(c) ? c.redirect('/', 303) : sessions.loginPage(c, 200)));
  app.post('/login', async (c) => {
    const forwarding = { forwardedFor: c.req.header('x-forwarded-for'), realIp: c.req.header('x-real-ip') };
    const address = clientAddress(getConnInfo(c).remote.address, forwarding, web.publicUrl !== undefined);
    const wait = limit.waitMinutes(address);
    if (wait > 0) return errorPage(c, 429, `请 ${wait} 分钟后再试。`);
    const form = await sessions.form(c);
    if (!form) return staleForm(c);
    if (!auth.passwordMatches(typeof form.password === 'string' ? form.password : '')) {
      limit.failed(address);
      log(`网页：${address} 的管理员密码不对`);
      return sessions.loginPage(c, 401, auth.adminLoginEnabled ? '密码不对，请重新输入。' : undefined);
    }
    limit.succeeded(address);
    sessions.start(c, { role: 'admin' });
    return c.redirect('/', 303);
  });
  app.post('/logout', async (c) => {
    if (!(await sessions.form(c))) return staleForm(c);
    sessions.end(c);
    return c.redirect('/login', 303);
  });
  app.get('/link/:token', (c) => {
    const link = auth.readLink(c.req.param('token'));
    if (link === 'expired') return errorPage(c, 403, `这个链接已经过期（链接发出后 ${web.linkDays} 天内有效）。`);
    if (link === 'forged' || !config.accounts.some((a) => a.owners.some((o) => o.name === link.owner))) return errorPage(c, 403);
    sessions.start(c, { role: 'owner', owner: link.owner });
    // A clean address: the token does not stay in the history, a bookmark or a screenshot.
    return c.redirect('/', 303);
  });
  return app;
}
