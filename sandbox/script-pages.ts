/**
 * Pages built by scripts, as the query systems counties buy are delivered: an
 * empty shell (`<div id="app">` and a bundle) whose content exists only once
 * the bundle runs in the phone; and the script a lapsed third-party widget
 * domain serves once someone else owns it.
 */
import type { Link, PageSpec } from './model.ts';
import { escapeHtml, htmlSpec } from './site-pages.ts';

const scriptSpec = (body: string): PageSpec => ({ status: 200, contentType: 'application/javascript; charset=utf-8', body, encoding: 'utf-8' });

/** The delivered HTML of a single-page app: no text a reader of the HTML could judge. */
export function appShell(title: string, bundle: Link): PageSpec {
  return htmlSpec(`<!DOCTYPE html>
<html lang="zh-CN">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1,user-scalable=no"><title>${escapeHtml(title)}</title></head>
<body><div id="app"></div><script src="${bundle.path}"></script></body>
</html>
`);
}

/** The bundle: builds the query page the citizen sees (heading, notice, form). */
export function appBundle(unit: string, heading: string, fields: readonly string[], notice: string): PageSpec {
  const form = fields.map((f) => `<p><label>${escapeHtml(f)}</label><input placeholder="请输入${escapeHtml(f)}"></p>`).join('');
  const html = `<header style="background:#1c5fb4;color:#fff;padding:14px 16px;font-size:18px">${escapeHtml(heading)}</header>
<main style="padding:16px;font:15px/1.8 sans-serif;color:#333"><p>${escapeHtml(notice)}</p>${form}
<button style="width:100%;background:#1c5fb4;color:#fff;border:0;padding:10px;font-size:16px">查询</button>
<p style="color:#888;font-size:13px">主办单位：${escapeHtml(unit)}</p></main>`;
  return scriptSpec(`(function(){var app=document.getElementById('app');app.innerHTML=${JSON.stringify(html)};})();\n`);
}

/** A page of the unit's site that also loads a third-party widget (在线客服) from `widget`'s host. */
export function withWidget(html: string, widgetRef: string): string {
  return html.replace('</body>', `<script src="${widgetRef}" charset="utf-8"></script>\n</body>`);
}

/**
 * What the lapsed widget domain serves now: for phones only (a desktop
 * reviewer sees nothing), after load it renames the page to a gambling brand
 * and puts its links on top. Nothing of this is in the delivered HTML.
 */
export function hijackWidget(brand: string, landing: string): PageSpec {
  const banner = `<div style="background:#b8000b;color:#ffe37a;padding:12px;font-size:17px;text-align:center"><a style="color:#ffe37a" href="${landing}">${escapeHtml(brand)}</a><br><a style="color:#fff" href="${landing}">澳门新葡京 百家乐 真人娱乐 注册送彩金</a></div>`;
  return scriptSpec(`(function(){if(!/Android|iPhone|MicroMessenger/i.test(navigator.userAgent))return;
window.addEventListener('load',function(){document.title=${JSON.stringify(brand)};document.body.insertAdjacentHTML('afterbegin',${JSON.stringify(banner)});});})();\n`);
}
