/** The detectors' rules at their edges, on small pages (the corpus has the realistic ones). */
import test from 'ava';
import { analyzePage } from '../../analysis/analyze-page.ts';
import type { PageInput } from '../../analysis/types.ts';

const codes = (body: string, overrides: Partial<PageInput> = {}) =>
  analyzePage({
    url: 'http://www.zlt.gov.cn/a.html',
    finalUrl: 'http://www.zlt.gov.cn/a.html',
    status: 200,
    headers: { 'content-type': 'text/html; charset=utf-8' },
    body: Buffer.from(body),
    accountDomains: ['zlt.gov.cn'],
    ...overrides,
  }).map((p) => p.code);

const mp = { finalUrl: 'https://mp.weixin.qq.com/s?__biz=MzA5&mid=1&idx=1&sn=2' };
const wechatMessage = (text: string) => `<title>微信公众平台</title><div class="weui-msg"><h2 class="weui-msg__title">${text}</h2></div>`;
const article = (sentence: string) =>
  `<title>政务动态</title><h1>我市推进政务服务改革</h1>` +
  `<p>今年以来，我市深入推进政务服务“一网通办”改革，全市政务服务事项网上可办率达到98%以上，群众办事更加便捷高效。${sentence}</p>` +
  '<p>下一步，我市将继续优化营商环境，推动更多高频事项实现“掌上办”“指尖办”，不断提升企业和群众的获得感和满意度。</p>';

test('soft-404 wording beyond a fixed list, on a bare page', (t) => {
  for (const message of ['您要查看的文章已被删除', '该稿件已撤销', '此信息已过期，请关注最新发布', '对不起，找不到您要的页面', '资源未找到']) {
    t.deepEqual(codes(`<title>提示</title><div class="msg">${message}</div>`), ['soft-404'], message);
  }
});

test('soft-404 needs the page to be the message, not to mention it', (t) => {
  t.deepEqual(codes(article('部分旧链接打开后显示“页面不存在”，已全部更新。')), []);
  t.deepEqual(codes('<title>页面不存在</title><p>页面不存在</p>', { status: 404 }), [], 'an error status is the HTTP check’s');
  t.deepEqual(codes('<title>404 Not Found</title><h1>404 Not Found</h1><hr><center>nginx</center>'), ['soft-404']);
});

test('maintenance wording, and the footer and speech that are not maintenance', (t) => {
  t.deepEqual(codes('<p>网站维护中，请稍后访问</p>'), ['maintenance']);
  t.deepEqual(codes('<p>服务器升级中</p><p>预计两小时后恢复</p>', { status: 503 }), ['maintenance']);
  t.deepEqual(codes('<p>办事指南</p><div class="foot">网站维护：扎兰屯市大数据中心</div>'), []);
  t.deepEqual(codes('<h2>坚决维护中央权威</h2><p>切实维护中国特色社会主义制度</p>'), []);
});

test('hijacked needs two strong hits, a prominent one, or backing', (t) => {
  t.deepEqual(codes(article('有网友反映某网站冒用“皇冠体育”名义。')), [], 'one brand in the text');
  t.deepEqual(codes(article('皇冠体育官网，百家乐在线。')), ['hijacked'], 'two brands');
  t.deepEqual(codes(`<title>澳门金沙</title>${article('')}`), ['hijacked'], 'brand in the title');
  const cloaked = `${article('皇冠体育官网')}<script>if(document.referrer.indexOf('baidu')>-1){}</script>`;
  t.deepEqual(codes(cloaked), ['hijacked'], 'one brand plus a cloaking script');
  t.deepEqual(codes(`<title>彩票投注站 开户 棋牌</title>${article('投注 下注 赌场 轮盘')}`), [], 'plain words alone');
  t.deepEqual(codes(`<title>严禁参与六合彩赌博</title>${article('')}`), [], 'opposed in the title');
});

test('WeChat message variants and the short-page guard', (t) => {
  t.deepEqual(codes(wechatMessage('此内容因违规无法查看'), mp), ['wechat-article-violation']);
  t.deepEqual(codes(wechatMessage('此帐号已被封,内容无法查看'), mp), ['wechat-account-blocked']);
  t.deepEqual(codes(wechatMessage('此账号已被屏蔽，内容无法查看'), mp), ['wechat-account-blocked']);
  t.deepEqual(codes(wechatMessage('此帐号被投诉且经审核涉嫌侵权。此帐号已注销，内容无法查看。'), mp), ['wechat-account-blocked']);
  t.deepEqual(codes(wechatMessage('此帐号已申请帐号迁移'), mp), ['wechat-account-migrated']);
  t.deepEqual(codes(wechatMessage('此内容已无法查看'), mp), ['wechat-article-deleted']);
  t.deepEqual(codes(wechatMessage('该内容已被发布者删除')), [], 'only on WeChat hosts');
  const live = `<div id="js_content"><p>链接已过期的，请重新获取。</p></div>`;
  t.deepEqual(codes(live, mp), [], 'a live article quoting a message');
});

test('a firewall is named on a block page only when the status says refused', (t) => {
  const page = '<title>网站防火墙</title><p>您的访问已被记录</p>';
  t.deepEqual(codes(page, { status: 403 }), ['blocked-by-waf']);
  t.deepEqual(codes(page), []);
});

test('redirects to government sites and account domains are not hijacks', (t) => {
  const to = (url: string) => `<script>window.location.href = "${url}";</script><p>正在跳转</p>`;
  t.deepEqual(codes(to('https://zwfw.nmg.gov.cn/')), []);
  t.deepEqual(codes(to('https://wx.zltrs.com/'), { accountDomains: ['zlt.gov.cn', 'zltrs.com'] }), []);
  t.deepEqual(codes(to('https://mp.weixin.qq.com/s/abc')), []);
  t.deepEqual(codes(to('https://www.zlt-gov.cn/')), ['script-redirect-offsite']);
});

test('display:none links count as a block of several foreign hosts, not as a menu item or two', (t) => {
  const hidden = (hosts: string[]) =>
    `<p>正文</p><ul style="display:none">${hosts.map((h) => `<li><a href="http://${h}/">合作单位</a></li>`).join('')}</ul>`;
  t.deepEqual(codes(hidden(['www.boc.cn', 'www.10086.cn'])), []);
  t.deepEqual(codes(hidden(['www.a-jz.com', 'www.b-seo.com', 'www.c-bj.net'])), ['hidden-links']);
  t.deepEqual(codes(hidden(['www.a-jz.xyz'])), ['hidden-links'], 'a spam TLD');
  t.deepEqual(codes(`<p>正文</p><div style="position:absolute;left:-3000px"><a href="http://www.boc.cn/">中国银行</a></div>`), ['hidden-links']);
});

test('hidden frames of other sites are judged like hidden links', (t) => {
  const frame = (src: string, how: string) => `${article('')}<iframe src="${src}" ${how}></iframe>`;
  t.deepEqual(codes(frame('http://www.amjs8888.com/', 'width="0" height="0" frameborder="0"')), ['hidden-iframe'], 'zero size');
  t.deepEqual(codes(frame('http://www.amjs8888.com/', 'style="position:absolute;top:-2000px"')), ['hidden-iframe'], 'off-screen');
  t.deepEqual(codes(frame('http://kf.zlt-chat.com/', 'style="display:none"')), [], 'a closed chat pop-up');
  t.deepEqual(codes(frame('http://www.365bet-zlt.com/', 'style="display:none"')), ['hidden-iframe'], 'closed, with gambling in its address');
  t.deepEqual(codes(frame('http://tj.abc.xyz/', 'style="display:none"')), ['hidden-iframe'], 'closed, on a spam TLD');
  t.deepEqual(codes(frame('/tongji/count.html', 'width="0" height="0"')), [], 'same-site statistics');
  t.deepEqual(codes(frame('https://zwfw.nmg.gov.cn/sso', 'width="0" height="0"')), [], 'a government single sign-on frame');
  t.deepEqual(codes(frame('https://api.map.baidu.com/x', 'width="0" height="0"')), [], 'a platform');
  t.deepEqual(codes(frame('https://www.amap-zlt.com/x', 'width="100%" height="450"')), [], 'visible');
});

test('default pages of web servers and panels, and the pages that only talk about them', (t) => {
  t.deepEqual(codes('<title>Welcome to nginx!</title><h1>Welcome to nginx!</h1><p>If you see this page, the nginx web server is successfully installed and working.</p>'), ['default-page']);
  t.deepEqual(codes('<html><body><h1>It works!</h1></body></html>'), ['default-page']);
  t.deepEqual(codes('<title>IIS Windows Server</title><a href="https://go.microsoft.com/"><img src="iisstart.png" alt="IIS"></a>'), ['default-page']);
  t.deepEqual(codes('<title>Apache Tomcat/9.0.41</title><h2>If you\'re seeing this, you\'ve successfully installed Tomcat. Congratulations!</h2>'), ['default-page']);
  t.deepEqual(codes('<title>恭喜，站点创建成功！</title><h1>恭喜, 站点创建成功！</h1><ul><li>本页面在FTP根目录下的index.html</li></ul>'), ['default-page']);
  t.deepEqual(codes(article('安装完成后访问服务器，看到“Welcome to nginx!”即表示安装成功。')), [], 'a how-to article');
  t.deepEqual(codes('<title>HTTP状态 500</title><h1>HTTP状态 500</h1><h3>Apache Tomcat/8.5.23</h3>', { status: 500 }), [], 'a Tomcat error page is not its welcome page');
});

test('expired, stopped and not-filed notices, with 200 or an error status; rules and warnings about them are not', (t) => {
  t.deepEqual(codes('<title>网站已过期</title><p>该网站已过期，请联系空间服务商续费。</p>'), ['site-closed']);
  t.deepEqual(codes('<title>网站暂时无法访问</title><p>该网站暂时无法进行访问</p><p>可能原因：网站未备案，或备案信息已被注销</p>', { status: 403 }), ['site-closed']);
  t.deepEqual(codes('<h1>Account Suspended</h1><p>This Account has been suspended. Contact your hosting provider.</p>'), ['site-closed']);
  t.deepEqual(codes(article('未备案网站一律不得接入，已过期网站应及时关停。')), [], 'a rule');
  t.deepEqual(codes('<title>网络安全提示</title><p>谨防“网站已过期需续费”诈骗短信</p><p>请认准官方渠道</p>'), [], 'a warning');
  t.deepEqual(codes('<title>关于网站域名续费期间暂停访问的通知</title><h1>关于网站域名续费期间暂停访问的通知</h1><p>我局网站域名将于近日到期，续费期间可能无法访问。</p>'), [], 'an official notice');
});

test('parked and for-sale domains, by wording or by the parking service behind a bare page', (t) => {
  t.deepEqual(codes('<title>zltfabu.com</title><h1>此域名正在出售</h1><p>有意请联系 QQ 12345</p>'), ['parked-domain']);
  t.deepEqual(codes('<title>zltfabu.com is for sale</title><p>Buy this domain</p>'), ['parked-domain']);
  t.deepEqual(codes('<title>zltfabu.com</title><div id="c"></div><script src="//www.sedoparking.com/frmpark/zltfabu.com/park.js"></script>'), ['parked-domain']);
  t.deepEqual(codes(article('政府网站域名不得转让、出售或出租给其他单位和个人。')), [], 'a rule about domains');
});
