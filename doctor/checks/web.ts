import net from 'node:net';
import { hostAndPort } from '../../config/fields.ts';
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

const isLoopback = (host: string) => host === 'localhost' || host === '::1' || host.startsWith('127.');

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
    const { host, port } = hostAndPort(web.listen);
    const who = isLoopback(host) ? '只有这台电脑能打开' : '局域网里的电脑和手机都能打开';
    const refused = await tryListen(host, port);
    const lines: DoctorLine[] = [
      refused === undefined
        ? { mark: 'ok', topic, subject: web.listen, found: `端口空闲，${who}` }
        : refused === 'EADDRINUSE'
          ? { mark: 'warn', topic, subject: web.listen, found: `端口 ${port} 已被占用`, fix: '如果 menu-patrol serve 已经在运行，这是它在用，不用处理；否则请在配置文件的 web.listen 换一个端口。' }
          : { mark: 'fail', topic, subject: web.listen, found: `不能在这里打开（${listenRefusal(refused)}）`, fix: '请在配置文件的 web.listen 换一个地址或端口，或写 web: false 不开网页。' },
      web.adminPassword
        ? { mark: 'ok', topic, subject: '管理员密码', found: `已设置（${web.adminPassword.source}）` }
        : { mark: 'warn', topic, subject: '管理员密码', found: '没有设置，管理员不能登录网页（负责人仍可用提醒里的链接）', fix: '请在配置文件写 web.adminPassword: env:MENU_PATROL_WEB_PASSWORD，并在环境变量 MENU_PATROL_WEB_PASSWORD 里设好密码。' },
    ];
    if (!web.publicUrl) {
      lines.push({ mark: 'ok', topic, subject: '负责人链接', found: '没有写 web.publicUrl，提醒里不附负责人的链接' });
    } else if (new URL(web.publicUrl).pathname.replace(/\/+$/, '') !== '') {
      // The page's links and redirects start at / (and the owners' links would point past the prefix): it needs a host of its own.
      lines.push({ mark: 'warn', topic, subject: '负责人链接', found: `${web.publicUrl} 带有路径 ${new URL(web.publicUrl).pathname}`, fix: '状态网页的各个链接都从网站根目录开始，放在子路径下打不开。请给它一个单独的域名或端口（例如 https://xcjc.zlt.gov.cn），由反向代理整个转发到这里，再写进 web.publicUrl。' });
    } else if (web.publicUrl.startsWith('http:')) {
      lines.push({ mark: 'warn', topic, subject: '负责人链接', found: `${web.publicUrl} 不加密（http）`, fix: '负责人的链接和登录会明文经过网络，请让单位的反向代理提供 https:// 地址，写在 web.publicUrl。' });
    } else {
      lines.push({ mark: 'ok', topic, subject: '负责人链接', found: `以 ${web.publicUrl} 开头` });
    }
    return lines;
  },
};
