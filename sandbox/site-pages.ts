/**
 * Pages of government and third-party web sites, written the way county sites
 * built on the common 站群 CMS templates look: header with the unit's name,
 * 当前位置 breadcrumb, content, footer with 主办单位 / ICP备案号 / 政府网站标识码.
 * A checker is only convincing if it copes with real-sized, real-shaped pages.
 */
import type { BodyEncoding, Link, PageSpec } from './model.ts';
import { hash32 } from './prng.ts';

export function htmlSpec(
  body: string,
  options: { status?: number; charset?: 'utf-8' | 'gbk'; charsetInHeader?: boolean } = {},
): PageSpec {
  const charset = options.charset ?? 'utf-8';
  const encoding: BodyEncoding = charset;
  const inHeader = options.charsetInHeader ?? true;
  return {
    status: options.status ?? 200,
    contentType: inHeader ? `text/html; charset=${charset}` : 'text/html',
    body,
    encoding,
  };
}

export function redirectSpec(status: 301 | 302, location: Link): PageSpec {
  return { status, contentType: 'text/html', body: '', encoding: 'utf-8', location };
}

export function escapeHtml(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');
}

const govCss = `
*{margin:0;padding:0;box-sizing:border-box}body{font:14px/1.8 "Microsoft YaHei","PingFang SC",SimSun,sans-serif;color:#333;background:#f2f4f7}
a{color:#333;text-decoration:none}a:hover{color:#c40000;text-decoration:underline}ul{list-style:none}
.top-bar{background:#e9edf2;height:32px;line-height:32px;font-size:12px;color:#666}.top-bar .w{display:flex;justify-content:space-between}
.w{width:1200px;margin:0 auto}.header{height:150px;background:linear-gradient(180deg,#1c5fb4 0%,#2d78d2 100%);color:#fff}
.header .logo{padding-top:38px;font-size:34px;font-weight:bold;letter-spacing:4px;text-shadow:0 2px 4px rgba(0,0,0,.25)}
.header .logo small{display:block;font-size:14px;letter-spacing:1px;font-weight:normal;opacity:.85}
.search{float:right;margin-top:-40px}.search input{width:220px;height:32px;border:0;padding:0 10px}.search button{height:32px;width:60px;border:0;background:#f5a623;color:#fff}
.nav{background:#0f4c9a;height:48px}.nav li{float:left}.nav a{display:block;padding:0 26px;line-height:48px;color:#fff;font-size:16px}.nav a.on,.nav a:hover{background:#0a3a78;text-decoration:none}
.location{height:42px;line-height:42px;border-bottom:1px solid #dde3ea;color:#666;font-size:13px;background:#fff;padding:0 20px;margin-top:16px}
.main{display:flex;gap:20px;margin:0 auto 20px;background:#fff;padding:24px 20px;min-height:560px}
.content{flex:1}.sidebar{width:280px}.sidebar h3{background:#1c5fb4;color:#fff;padding:0 12px;line-height:36px;font-size:15px}
.sidebar li{border-bottom:1px dashed #ddd;line-height:34px;padding-left:12px;overflow:hidden;white-space:nowrap;text-overflow:ellipsis}
.article h1{font-size:24px;color:#1c3f7a;text-align:center;line-height:1.6;margin:10px 0 14px}
.article .info{text-align:center;color:#888;font-size:13px;border-bottom:1px solid #e5e5e5;padding-bottom:12px;margin-bottom:20px}
.article .text p{text-indent:2em;margin-bottom:14px;font-size:16px;line-height:2}
.article .tools{text-align:right;color:#666;font-size:13px;margin-top:30px}
.list h2,.form h2{font-size:18px;color:#1c3f7a;border-bottom:2px solid #1c5fb4;padding-bottom:8px;margin-bottom:12px}
.list li{display:flex;justify-content:space-between;line-height:40px;border-bottom:1px dashed #e0e0e0;padding:0 6px}
.list li span{color:#999;font-size:13px}.pages{text-align:center;margin-top:24px;color:#666}.pages a{display:inline-block;border:1px solid #ddd;padding:0 10px;margin:0 3px}
.form p{margin-bottom:12px;text-indent:2em}.form table{width:100%;border-collapse:collapse;margin:16px 0}
.form td{border:1px solid #dfe5ec;padding:10px}.form td.label{width:140px;background:#f5f8fb;text-align:right}
.form input,.form textarea{width:100%;border:1px solid #ccd5e0;padding:6px}.form .submit{text-align:center}
.form .submit button{background:#1c5fb4;color:#fff;border:0;padding:8px 40px;font-size:15px}
.notice-empty{text-align:center;padding:80px 0}.notice-empty h2{font-size:22px;color:#c40000;margin-bottom:16px}
.footer{background:#0f4c9a;color:#d6e2f3;font-size:13px;line-height:26px;padding:24px 0;text-align:center}
.footer .badge{display:inline-block;width:55px;height:65px;background:#c40000;color:#fff;font-size:11px;line-height:1.4;padding-top:12px;vertical-align:middle;margin-right:16px}
.footer a{color:#d6e2f3}
`;

/** Same host, same numbers: a site's registration does not change with the seed. */
function siteNumbers(host: string): { icp: string; siteCode: string; police: string } {
  const h = hash32(host);
  // 150783 is 扎兰屯市's administrative division code; site codes start with it.
  const region = host.endsWith('.zlt.gov.cn') ? '150783' : '150000';
  return {
    icp: `蒙ICP备${String(5000000 + (h % 900000)).padStart(8, '0')}号-${1 + (h % 7)}`,
    siteCode: `${region}${String(h % 10000).padStart(4, '0')}`,
    police: `蒙公网安备 ${region}02${String(h % 1000000).padStart(6, '0')}号`,
  };
}

export interface GovPageInput {
  readonly host: string;
  readonly siteName: string;
  /** <title>; defaults to "heading - siteName". */
  readonly docTitle?: string;
  readonly heading: string;
  /** Breadcrumb after 首页. */
  readonly crumbs: readonly string[];
  /** Inner HTML of the content column. */
  readonly content: string;
  readonly charset: 'utf-8' | 'gbk';
}

const sidebarTopics = [
  '喜迎党的二十大',
  '优化营商环境',
  '政务公开专栏',
  '“我为群众办实事”实践活动',
  '常态化疫情防控',
  '乡村振兴',
  '扫黑除恶专项斗争',
  '政府信息公开年度报告',
];

export function govPage(p: GovPageInput): string {
  const numbers = siteNumbers(p.host);
  // Old 站群 sites declare gb2312 in a meta tag; new ones use <meta charset>.
  const charsetMeta =
    p.charset === 'gbk'
      ? '<meta http-equiv="Content-Type" content="text/html; charset=gb2312">'
      : '<meta charset="utf-8">';
  const crumbs = ['<a href="/">首页</a>', ...p.crumbs.map((c) => `<a href="#">${escapeHtml(c)}</a>`)].join(' &gt; ');
  return `<!DOCTYPE html>
<html lang="zh-CN">
<head>
${charsetMeta}
<meta http-equiv="X-UA-Compatible" content="IE=edge">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="SiteName" content="${escapeHtml(p.siteName)}">
<meta name="SiteDomain" content="${p.host}">
<meta name="SiteIDCode" content="${numbers.siteCode}">
<meta name="ColumnName" content="${escapeHtml(p.crumbs.at(-1) ?? '首页')}">
<title>${escapeHtml(p.docTitle ?? `${p.heading}-${p.siteName}`)}</title>
<style>${govCss}</style>
</head>
<body>
<div class="top-bar"><div class="w"><span>欢迎访问${escapeHtml(p.siteName)}网站</span><span><a href="#">无障碍浏览</a> | <a href="#">长者模式</a> | <a href="#">手机版</a> | <a href="#">设为首页</a></span></div></div>
<div class="header"><div class="w"><div class="logo">${escapeHtml(p.siteName)}<small>${p.host}</small></div>
<form class="search" action="/search/" method="get"><input type="text" name="q" placeholder="请输入关键字"><button type="submit">搜索</button></form></div></div>
<div class="nav"><div class="w"><ul><li><a href="/" class="on">首页</a></li><li><a href="/zwgk/">政务公开</a></li><li><a href="/bsfw/">政务服务</a></li><li><a href="/hdjl/">互动交流</a></li><li><a href="/zjwm/">走进我们</a></li><li><a href="/ztzl/">专题专栏</a></li></ul></div></div>
<div class="w location">当前位置：${crumbs}</div>
<div class="w main">
<div class="content">
${p.content}
</div>
<div class="sidebar"><h3>专题专栏</h3><ul>${sidebarTopics.map((t) => `<li><a href="/ztzl/">${t}</a></li>`).join('')}</ul>
<h3>便民服务</h3><ul><li><a href="/bsfw/bszn/">办事指南</a></li><li><a href="/bsfw/bgxz/">表格下载</a></li><li><a href="/hdjl/zxzx/">在线咨询</a></li><li><a href="/zwgk/xxgkzn/">信息公开指南</a></li></ul></div>
</div>
<div class="footer"><div class="w">
<span class="badge">党政机关</span>
<p>主办单位：${escapeHtml(p.siteName)}　　承办单位：扎兰屯市大数据中心　　联系地址：内蒙古自治区扎兰屯市</p>
<p>ICP备案号：<a href="#">${numbers.icp}</a>　　${numbers.police}　　政府网站标识码：${numbers.siteCode}</p>
<p>建议使用1366×768分辨率、IE10以上浏览器浏览本网站</p>
</div></div>
</body>
</html>
`;
}

export function articleContent(a: {
  title: string;
  date: string;
  source: string;
  views: number;
  paragraphs: readonly string[];
}): string {
  return `<div class="article">
<h1>${escapeHtml(a.title)}</h1>
<div class="info">发布时间：${a.date}　来源：${escapeHtml(a.source)}　浏览次数：${a.views}　【字体：<a href="#">大</a> <a href="#">中</a> <a href="#">小</a>】</div>
<div class="text">
${a.paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join('\n')}
</div>
<div class="tools">【<a href="#">打印本页</a>】【<a href="#">关闭窗口</a>】</div>
</div>`;
}

export function listContent(heading: string, entries: readonly { title: string; date: string; href: string }[]): string {
  return `<div class="list">
<h2>${escapeHtml(heading)}</h2>
<ul>
${entries.map((e) => `<li><a href="${e.href}" target="_blank">${escapeHtml(e.title)}</a><span>${e.date}</span></li>`).join('\n')}
</ul>
<div class="pages">共${entries.length * 4}条记录 <a href="#">首页</a><a href="#">上一页</a><a href="#">1</a><a href="#">2</a><a href="#">3</a><a href="#">4</a><a href="#">下一页</a><a href="#">尾页</a></div>
</div>`;
}

/** 在线咨询 / 留言板 / 信箱 pages: the interaction function the 2019 indicators single-veto on. */
export function formContent(heading: string, intro: readonly string[]): string {
  const field = (label: string, input: string) => `<tr><td class="label">${label}</td><td>${input}</td></tr>`;
  return `<div class="form">
<h2>${escapeHtml(heading)}</h2>
${intro.map((p) => `<p>${escapeHtml(p)}</p>`).join('\n')}
<form action="submit.do" method="post">
<table>
${field('姓　　名：', '<input type="text" name="name" maxlength="20">')}
${field('联系电话：', '<input type="tel" name="phone" maxlength="20">')}
${field('电子邮箱：', '<input type="email" name="email">')}
${field('主　　题：', '<input type="text" name="subject" maxlength="60">')}
${field('内　　容：', '<textarea name="content" rows="8"></textarea>')}
${field('是否公开：', '<label><input type="radio" name="open" value="1" checked> 公开</label> <label><input type="radio" name="open" value="0"> 不公开</label>')}
</table>
<div class="submit"><button type="submit">提交</button></div>
</form>
<p>温馨提示：请如实填写个人信息及反映的问题，我们将在五个工作日内予以答复。涉及个人隐私的内容请选择“不公开”。</p>
</div>`;
}

/** A site's own "not found" page, answered with HTTP 200: the soft 404 county CMSs produce. */
export function notFoundContent(): string {
  return `<div class="notice-empty">
<h2>抱歉，您访问的页面不存在或已被删除！</h2>
<p>可能的原因：网址输入有误，或该信息已调整栏目。</p>
<p><a href="/">返回首页</a>　<a href="javascript:history.back()">返回上一页</a></p>
</div>`;
}

/** What nginx sends for an error status: the real server of most county sites. */
export function nginxErrorPage(status: number, reason: string): string {
  return `<html>\r\n<head><title>${status} ${reason}</title></head>\r\n<body>\r\n<center><h1>${status} ${reason}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`;
}

/** A Tomcat error page with a stack trace, the usual look of a broken JSP query system. */
export function tomcatErrorPage(path: string): string {
  return `<!doctype html><html lang="zh"><head><title>HTTP状态 500 - 内部服务器错误</title><style type="text/css">body {font-family:Tahoma,Arial,sans-serif;} h1, h2, h3, b {color:white;background-color:#525D76;} h1 {font-size:22px;} h2 {font-size:16px;} h3 {font-size:14px;} p {font-size:12px;} a {color:black;} .line {height:1px;background-color:#525D76;border:none;}</style></head><body><h1>HTTP状态 500 - 内部服务器错误</h1><hr class="line" /><p><b>类型</b> 异常报告</p><p><b>消息</b> Request processing failed; nested exception is java.lang.NullPointerException</p><p><b>描述</b> 服务器遇到一个意外的情况，阻止它完成请求。</p><p><b>例外情况</b></p><pre>org.springframework.web.util.NestedServletException: Request processing failed; nested exception is java.lang.NullPointerException
\torg.springframework.web.servlet.FrameworkServlet.processRequest(FrameworkServlet.java:1014)
\torg.springframework.web.servlet.FrameworkServlet.doGet(FrameworkServlet.java:898)
\tjavax.servlet.http.HttpServlet.service(HttpServlet.java:626)
</pre><p><b>根本原因。</b></p><pre>java.lang.NullPointerException
\tgov.zlt.credit.web.QueryController.query(QueryController.java:87)
\tsun.reflect.NativeMethodAccessorImpl.invoke0(Native Method)
</pre><p><b>注意</b> 主要问题的全部 stack 信息可以在 server logs 里查看</p><hr class="line" /><h3>Apache Tomcat/8.5.23</h3><!-- ${escapeHtml(path)} --></body></html>`;
}

export function maintenancePage(unit: string, system: string, phone: string): string {
  return `<!DOCTYPE html>
<html lang="zh-CN">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>系统维护中</title>
<style>body{margin:0;background:#f4f6f9;font:15px/1.8 "Microsoft YaHei",sans-serif;color:#444}.box{max-width:560px;margin:12vh auto;background:#fff;border-top:4px solid #1c5fb4;padding:40px;text-align:center;box-shadow:0 2px 12px rgba(0,0,0,.08)}h1{color:#1c5fb4;font-size:26px}.tip{color:#888;font-size:13px}</style>
</head>
<body><div class="box">
<h1>系统维护中</h1>
<p>尊敬的用户：为提供更加优质的服务，${escapeHtml(unit)}${escapeHtml(system)}正在进行系统升级，期间暂停服务，给您带来的不便敬请谅解。</p>
<p>升级时间：2022年6月20日起，恢复时间另行通知。</p>
<p class="tip">如有急事，请拨打咨询电话：${phone}</p>
</div></body>
</html>
`;
}

/** A commercial site outside the government's domain (where an off-site redirect lands). */
export function commercialPage(siteName: string, heading: string, entries: readonly string[]): string {
  const jobs = entries
    .map(
      (e, i) => `<div class="job"><a href="/job/${1000 + i}.html">${escapeHtml(e)}</a><b>${3 + (i % 5)}K-${5 + (i % 6)}K</b>
<p>扎兰屯市 | 经验${i % 3 === 0 ? '不限' : `${1 + (i % 3)}-3年`} | 学历${i % 2 === 0 ? '不限' : '大专'} | 五险一金 · 包吃住 · 周末双休</p>
<p class="co">发布时间：2022-07-${String(1 + (i % 12)).padStart(2, '0')}　企业已认证　立即投递简历</p></div>`,
    )
    .join('\n');
  return `<!DOCTYPE html>
<html lang="zh-CN">
<head><meta charset="utf-8"><title>${escapeHtml(heading)}_${escapeHtml(siteName)}</title>
<meta name="keywords" content="扎兰屯招聘,扎兰屯人才网,呼伦贝尔招聘,扎兰屯找工作">
<meta name="description" content="${escapeHtml(siteName)}提供扎兰屯最新招聘信息，求职找工作就上${escapeHtml(siteName)}。">
<style>body{margin:0;font:14px/1.7 "Microsoft YaHei",sans-serif;background:#fafafa;color:#333}.hd{background:#ff6a00;color:#fff;padding:18px 40px;font-size:24px}
.nav{background:#fff;border-bottom:1px solid #eee;padding:0 40px}.nav a{display:inline-block;padding:12px 18px;color:#333}.nav a.on{color:#ff6a00;border-bottom:2px solid #ff6a00}
.wrap{display:flex;gap:16px;margin:16px 40px}.filter{width:220px;background:#fff;border:1px solid #eee;padding:12px}.filter h4{margin:8px 0;color:#ff6a00}.filter a{display:inline-block;margin:2px 6px;color:#666}
.list{flex:1}.job{background:#fff;margin-bottom:12px;padding:14px 20px;border:1px solid #eee}.job a{font-size:16px;color:#1a1a1a}.job b{color:#ff6a00;float:right}.job .co{color:#999;font-size:12px}
.ft{text-align:center;color:#999;padding:24px;border-top:1px solid #eee;margin-top:24px}</style></head>
<body><div class="hd">${escapeHtml(siteName)} · ${escapeHtml(heading)}</div>
<div class="nav"><a href="/" class="on">首页</a><a href="/job/">找工作</a><a href="/company/">找企业</a><a href="/resume/">简历中心</a><a href="/news/">职场资讯</a><a href="/vip/">企业会员</a></div>
<div class="wrap"><div class="filter"><h4>工作地点</h4><a href="#">扎兰屯市区</a><a href="#">成吉思汗镇</a><a href="#">大河湾镇</a><a href="#">柴河镇</a>
<h4>薪资范围</h4><a href="#">3K以下</a><a href="#">3K-5K</a><a href="#">5K-8K</a><a href="#">8K以上</a>
<h4>职位类别</h4><a href="#">销售</a><a href="#">司机</a><a href="#">餐饮</a><a href="#">文员</a><a href="#">技工</a><a href="#">教师</a></div>
<div class="list">
${jobs}
</div></div>
<div class="ft">企业招聘热线 400-800-1234　注册会员即可免费投递简历<br>Copyright © 2012-2022 ${escapeHtml(siteName)} 版权所有　本站信息由企业自行发布，求职者请注意核实</div>
</body></html>
`;
}
