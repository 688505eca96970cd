/**
 * What answers where a unit's site used to be: a domain marketplace's
 * for-sale page, a web server's welcome page, a host's expiry notice. Written
 * after the real ones (聚名网-style listing, nginx 1.2x, a virtual-host
 * provider), which serve them with HTTP 200.
 */
import { escapeHtml } from './site-pages.ts';

export function forSalePage(domain: string, price: string): string {
  return `<!DOCTYPE html>
<html>
<head>
<meta charset="utf-8">
<title>${domain} 此域名正在出售</title>
<meta name="keywords" content="${domain},域名出售,域名交易,一口价域名">
<style>body{background:#f5f7fa;font:14px "Microsoft YaHei";color:#333}.box{width:720px;margin:80px auto;background:#fff;padding:40px;text-align:center;border-radius:6px}.dm{font-size:42px;color:#1e88e5;font-weight:bold}.price{color:#e53935;font-size:20px}</style>
</head>
<body>
<div class="box">
<div class="dm">${domain}</div>
<h2>此域名正在出售</h2>
<p class="price">一口价：${escapeHtml(price)}</p>
<p>该域名已在聚名网挂牌，支持担保交易，买卖双方安全放心。</p>
<p><a href="https://www.juming.com/ykj/?ym=${domain}" target="_blank">立即购买</a>　<a href="https://www.juming.com/">更多域名</a></p>
</div>
</body>
</html>
`;
}

export function nginxWelcomePage(): string {
  return `<!DOCTYPE html>
<html>
<head>
<title>Welcome to nginx!</title>
<style>
html { color-scheme: light dark; }
body { width: 35em; margin: 0 auto;
font-family: Tahoma, Verdana, Arial, sans-serif; }
</style>
</head>
<body>
<h1>Welcome to nginx!</h1>
<p>If you see this page, the nginx web server is successfully installed and
working. Further configuration is required.</p>

<p>For online documentation and support please refer to
<a href="http://nginx.org/">nginx.org</a>.<br/>
Commercial support is available at
<a href="http://nginx.com/">nginx.com</a>.</p>

<p><em>Thank you for using nginx.</em></p>
</body>
</html>
`;
}

export function hostingExpiredPage(expiredOn: string, hotline: string): string {
  return `<!DOCTYPE html>
<html>
<head>
<meta charset="utf-8">
<title>网站已过期</title>
<style>body{background:#eef2f5;font-size:14px;font-family:"Microsoft YaHei"}.box{width:560px;margin:120px auto;background:#fff;border:1px solid #d8dde3;padding:30px 40px}.box h1{font-size:22px;color:#d9534f;border-bottom:1px solid #eee;padding-bottom:12px}.box p{line-height:28px;color:#555}</style>
</head>
<body>
<div class="box">
<h1>网站已过期</h1>
<p>您访问的网站空间已于 ${expiredOn} 到期，已暂停解析。</p>
<p>如果您是网站管理员，请登录会员中心续费后恢复访问，续费成功后约 10 分钟生效。</p>
<p>服务热线：${hotline}</p>
</div>
</body>
</html>
`;
}

/** The frame an attacker appends before </body>: zero size, no border, nothing for a visitor to see. */
export function withHiddenFrame(html: string, src: string): string {
  return html.replace('</body>', `<iframe src="${src}" width="0" height="0" frameborder="0" scrolling="no"></iframe>\n</body>`);
}
