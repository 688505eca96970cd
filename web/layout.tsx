import { raw } from 'hono/html';
import type { Child } from 'hono/jsx';
import type { Viewer } from './auth.ts';

/**
 * Every page's frame: one stylesheet and one small script, both served from
 * /static (the CSP allows no inline script), a header that says who is
 * looking, and the navigation. Phones first: the CSS is written for 375 px
 * and widens from there.
 */

export interface PageFrame {
  readonly title: string;
  readonly viewer?: Viewer | null;
  /** The session's form token, for the logout button. */
  readonly csrf?: string;
  /** The navigation entry to mark as current. */
  readonly current?: 'overview' | 'runs';
  /** The main element refreshes itself after each sweep (live.js). */
  readonly live?: boolean;
  readonly children?: Child;
}

function who(viewer: Viewer): string {
  return viewer.role === 'admin' ? '管理员' : `负责人 ${viewer.owner}（只显示您负责的账号）`;
}

export function Layout(props: PageFrame) {
  const { viewer } = props;
  return (
    <>
      {raw('<!doctype html>')}
      <html lang="zh-CN">
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <meta name="referrer" content="no-referrer" />
          {/* No icon: spares a request (and a 404 in the console) on every page. */}
          <link rel="icon" href="data:," />
          <title>{`${props.title} - 菜单巡检`}</title>
          <link rel="stylesheet" href="/static/app.css" />
          {props.live ? <script src="/static/live.js" defer /> : null}
        </head>
        <body>
          <header class="top">
            <a class="brand" href="/">菜单巡检</a>
            {viewer ? (
              <nav>
                <a href="/" aria-current={props.current === 'overview' ? 'page' : undefined}>总览</a>
                <a href="/runs" aria-current={props.current === 'runs' ? 'page' : undefined}>巡检记录</a>
                <a href="/report.xlsx">下载本季度报告</a>
              </nav>
            ) : null}
            {viewer ? (
              <form class="who" method="post" action="/logout">
                <span>{who(viewer)}</span>
                <input type="hidden" name="csrf" value={props.csrf ?? ''} />
                <button type="submit" class="link">退出</button>
              </form>
            ) : null}
          </header>
          {props.live ? (
            <main data-live="1">{props.children}</main>
          ) : (
            <main>{props.children}</main>
          )}
        </body>
      </html>
    </>
  );
}
