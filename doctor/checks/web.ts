import net from 'node:net';
import { hostAndPort } from '../../config/fields.ts';
import type { WebConfig } from '../../config/load.ts';
import { isLoopback } from '../../web/client-address.ts';
import { listenRefusal } from '../../web/listen-refusal.ts';
import type { DoctorCheck, DoctorLine } from '../types.ts';

const topic = '状态网页';

/** Whether `serve` could open the page there: the address is listened on for a moment and let go. */
function tryListen(host: string, port: number): Promise<string | undefined> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
    server.listen(port, host, () => server.close(() => resolve(undefined)));
  });
}

/** Whether serve could open the page at web.listen, and who could reach it there. */
async function listenLine(listen: string): Promise<DoctorLine> {
  const { host, port } = hostAndPort(listen);
  const line = { topic, subject: listen };
  const refused = await tryListen(host, port);
  if (refused === undefined) return { ...line, mark: 'ok', found: `端口空闲，${isLoopback(host) ? '只有这台电脑能打开' : '局域网里的电脑和手机都能打开'}` };
  if (refused === 'EADDRINUSE') {
    return { ...line, mark: 'warn', found: `端口 ${port} 已被占用`, fix: '如果 menu-patrol serve 已经在运行，这是它在用，不用处理；否则请在配置文件的 web.listen 换一个端口。' };
  }
  return { ...line, mark: 'fail', found: `不能在这里打开（${listenRefusal(refused)}）`, fix: '请在配置文件的 web.listen 换一个地址或端口，或写 web: false 不开网页。' };
}

/** Where the owners' links in reminders point, if anywhere. */
function linksLine(publicUrl: string | undefined): DoctorLine {
  const line = { topic, subject: '负责人链接' };
  if (!publicUrl) return { ...line, mark: 'ok', found: '没有写 web.publicUrl，提醒里不附负责人的链接' };
  const path = new URL(publicUrl).pathname;
  if (path.replace(/\/+$/, '') !== '') {
    // The page's links and redirects start at / (and the owners' links would point past the prefix): it needs a host of its own.
    return { ...line, mark: 'warn', found: `${publicUrl} 带有路径 ${path}`, fix: '状态网页的各个链接都从网站根目录开始，放在子路径下打不开。请给它一个单独的域名或端口（例如 https://xcjc.zlt.gov.cn），由反向代理整个转发到这里，再写进 web.publicUrl。' };
  }
  if (publicUrl.startsWith('http:')) {
    return { ...line, mark: 'warn', found: `${publicUrl} 不加密（http）`, fix: '负责人的链接和登录会明文经过网络，请让单位的反向代理提供 https:// 地址，写在 web.publicUrl。' };
  }
  return { ...line, mark: 'ok', found: `以 ${publicUrl} 开头` };
}

function passwordLine(web: WebConfig): DoctorLine {
  const line = { topic, subject: '管理员密码' };
  if (web.adminPassword) return { ...line, mark: 'ok', found: `已设置（${web.adminPassword.source}）` };
  return { ...line, mark: 'warn', found: '没有设置，管理员不能登录网页（负责人仍可用提醒里的链接）', fix: '请在配置文件写 web.adminPassword: env:MENU_PATROL_WEB_PASSWORD，并在环境变量 MENU_PATROL_WEB_PASSWORD 里设好密码。' };
}

/**
 * The status page `serve` opens: whether its address is free, who can reach
 * it, whether admins can log in and where owners' links point. A port in use
 * is only a warning: it is usually menu-patrol serve itself, already running.
 */
export const webCheck: DoctorCheck = {
  needsConfig: true,
  run: async ({ config }) => {
    const web = config.web;
    if (web === false) return [{ mark: 'ok', topic, subject: '', found: '没有开启（web: false）' }];
    return [await listenLine(web.listen), passwordLine(web), linksLine(web.publicUrl)];
  },
};
