/**
 * mp.weixin.qq.com pages: a live article with the markers real article pages
 * carry (id="js_content", class rich_media_content, var msg_title, var ct), and
 * the short message page WeChat shows in place of a deleted or banned article.
 */
import type { PageSpec } from './model.ts';
import { escapeHtml, htmlSpec } from './site-pages.ts';

/** WeChat writes titles into JS string literals with \x escapes for quotes. */
function jsString(text: string): string {
  return text.replaceAll('\\', '\\\\').replaceAll("'", '\\x27').replaceAll('"', '\\x22').replaceAll('<', '\\x3c');
}

const articleCss = `
html{-ms-text-size-adjust:100%;-webkit-text-size-adjust:100%;line-height:1.6}body{margin:0;font-family:system-ui,-apple-system,BlinkMacSystemFont,"Helvetica Neue","PingFang SC","Hiragino Sans GB","Microsoft YaHei UI","Microsoft YaHei",Arial,sans-serif;color:rgba(0,0,0,.9);background:#fff}
.rich_media{position:relative}.rich_media_inner{word-wrap:break-word;-webkit-hyphens:auto;-ms-hyphens:auto;hyphens:auto}
.rich_media_area_primary{position:relative;padding:20px 16px 12px;box-sizing:border-box;background-color:#fff}
.rich_media_area_primary_inner{max-width:667px;margin-left:auto;margin-right:auto}
.rich_media_title{font-size:22px;line-height:1.4;margin-bottom:14px;font-weight:500}
.rich_media_meta_list{margin-bottom:22px;line-height:20px;font-size:0;word-wrap:break-word;word-break:break-all}
.rich_media_meta{display:inline-block;vertical-align:middle;margin:0 8px 10px 0;font-size:15px;-webkit-tap-highlight-color:rgba(0,0,0,0)}
.rich_media_meta_text{color:rgba(0,0,0,.3)}.rich_media_meta_link{color:#576b95}.rich_media_meta_nickname{position:relative}
.rich_media_content{overflow:hidden;color:rgba(0,0,0,.9);font-size:17px;word-wrap:break-word;-webkit-hyphens:auto;-ms-hyphens:auto;hyphens:auto;text-align:justify;position:relative;z-index:0}
.rich_media_content *{max-width:100%!important;box-sizing:border-box!important;-webkit-box-sizing:border-box!important;word-wrap:break-word!important}
.rich_media_content p{clear:both;min-height:1em}.rich_media_content section{margin:0 0 24px}
.rich_media_tool{padding-top:15px;overflow:hidden;line-height:32px}.rich_media_tool .meta_primary{float:left;margin-right:16px}
.rich_media_tool .meta_extra{float:right;margin-left:16px}.media_tool_meta{color:rgba(0,0,0,.3);text-decoration:none}
.rich_media_extra{position:relative}.qr_code_pc{position:absolute;left:100%;top:0;margin-left:48px;padding:16px;border:1px solid #d9dadc;background-color:#fff;word-wrap:break-word;word-break:break-all}
.qr_code_pc_img{width:150px;height:150px}.qr_code_pc p{font-size:14px;line-height:20px}
.weui-dialog{position:fixed;z-index:5000;top:50%;left:16px;right:16px;-webkit-transform:translate(0,-50%);transform:translate(0,-50%);background-color:#fff;text-align:center;border-radius:12px;overflow:hidden;display:none}
.wx_profile_card_inner{padding:16px;background:#f7f7f7;border-radius:8px}.wx_profile_nickname{font-weight:500;font-size:15px}.wx_profile_desc{color:rgba(0,0,0,.5);font-size:14px}
.original_area_primary{font-size:14px;color:rgba(0,0,0,.3)}.like_comment_wrp{margin-top:24px;padding-top:16px;border-top:1px solid rgba(0,0,0,.05)}
`;

export interface ArticlePageInput {
  readonly title: string;
  readonly author: string;
  /** The account's display name. */
  readonly nickname: string;
  /** The account's original id, gh_…. */
  readonly ghId: string;
  readonly biz: string;
  readonly mid: number;
  readonly idx: number;
  /** Publish time, unix seconds. */
  readonly ct: number;
  readonly digest: string;
  readonly paragraphs: readonly string[];
}

export function articlePage(a: ArticlePageInput): PageSpec {
  const date = new Date(a.ct * 1000 + 8 * 3600 * 1000).toISOString().slice(0, 10);
  const body = a.paragraphs
    .map((p) => `<section style="margin-bottom:24px;line-height:1.75em;"><p style="text-indent:2em;"><span style="font-size:16px;letter-spacing:1px;">${escapeHtml(p)}</span></p></section>`)
    .join('\n');
  const html = `<!DOCTYPE html>
<html class="">
<head>
<meta http-equiv="Content-Type" content="text/html; charset=utf-8">
<meta http-equiv="X-UA-Compatible" content="IE=edge">
<meta name="viewport" content="width=device-width,initial-scale=1.0,maximum-scale=1.0,user-scalable=0,viewport-fit=cover">
<meta name="description" content="${escapeHtml(a.digest)}">
<meta property="og:title" content="${escapeHtml(a.title)}">
<meta property="og:type" content="article">
<meta property="og:description" content="${escapeHtml(a.digest)}">
<meta property="twitter:card" content="summary">
<title>${escapeHtml(a.title)}</title>
<style>${articleCss}</style>
<script nonce="" type="text/javascript">
var biz = "${a.biz}" || "";
var sn = "" || "";
var mid = "${a.mid}" || "";
var idx = "${a.idx}" || "";
var __biz = biz;
var user_name = "${a.ghId}";
var nickname = htmlDecode("${jsString(a.nickname)}");
var msg_title = '${jsString(a.title)}'.html(false);
var msg_desc = htmlDecode("${jsString(a.digest)}");
var msg_source_url = '';
var ct = "${a.ct}";
var publish_time = "${date}" || "";
var appmsg_type = "9";
var copyright_stat = "0";
var is_wash = '0';
var hd_head_img = "";
function htmlDecode(str){return str.replace(/&#39;/g,"'").replace(/<br\\s*(\\/)?\\s*>/g,'\\n').replace(/&nbsp;/g,' ').replace(/&lt;/g,'<').replace(/&gt;/g,'>').replace(/&quot;/g,'"').replace(/&amp;/g,'&');}
String.prototype.html = function(encode){return encode ? this : htmlDecode(String(this));};
</script>
</head>
<body id="activity-detail" class="zh_CN wx_wap_page mm_appmsg comment_feature discuss_tab appmsg_skin_default appmsg_style_default">
<div id="js_article" class="rich_media">
<div class="rich_media_inner">
<div id="page-content" class="rich_media_area_primary">
<div class="rich_media_area_primary_inner">
<div id="img-content" class="rich_media_wrp">
<h1 class="rich_media_title" id="activity-name">${escapeHtml(a.title)}</h1>
<div id="meta_content" class="rich_media_meta_list">
<span class="rich_media_meta rich_media_meta_text">${escapeHtml(a.author)}</span>
<span class="rich_media_meta rich_media_meta_nickname" id="profileBt"><a href="javascript:void(0);" class="wx_tap_link js_wx_tap_highlight weui-wa-hotarea" id="js_name">${escapeHtml(a.nickname)}</a></span>
<em id="publish_time" class="rich_media_meta rich_media_meta_text">${date}</em>
</div>
<div class="rich_media_content js_underline_content autoTypeSetting24psection" id="js_content" style="visibility: hidden;">
${body}
<section style="text-align:center;color:#888;font-size:14px;"><p>来源：${escapeHtml(a.nickname)}</p><p>编辑：${escapeHtml(a.author)}</p></section>
</div>
<div class="wx_profile_card_inner"><div class="wx_profile_nickname">${escapeHtml(a.nickname)}</div><div class="wx_profile_desc">发布权威信息，提供便民服务</div></div>
</div>
<div class="rich_media_tool" id="js_toobar3"><div class="media_tool_meta meta_primary">阅读 <span id="readNum3"></span></div><div class="media_tool_meta meta_extra">在看</div></div>
<div class="like_comment_wrp" id="js_cmt_area"></div>
</div>
</div>
<div class="rich_media_extra"><div class="qr_code_pc" id="js_pc_qr_code"><img class="qr_code_pc_img" alt="" src="/mp/qrcode?scene=10000004&amp;size=102&amp;__biz=${encodeURIComponent(a.biz)}&amp;mid=${a.mid}&amp;idx=${a.idx}"><p>微信扫一扫<br>关注该公众号</p></div></div>
</div>
</div>
<script nonce="" type="text/javascript">document.getElementById('js_content').style.visibility = 'visible';</script>
</body>
</html>
`;
  return htmlSpec(html);
}

/** The page WeChat serves instead of an article it no longer shows: title 微信公众平台, one line of text. */
export function wechatMessagePage(message: string): PageSpec {
  const html = `<!DOCTYPE html>
<html>
<head>
<meta http-equiv="Content-Type" content="text/html; charset=utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1.0,maximum-scale=1.0,user-scalable=0">
<title>微信公众平台</title>
<style>body{margin:0;background:#ededed;font-family:system-ui,-apple-system,"PingFang SC",sans-serif}.weui-msg{padding-top:36px;text-align:center}.weui-msg__icon-area{margin-bottom:30px}.weui-icon_msg{font-size:64px;color:#10aeff}.weui-msg__title{font-size:22px;font-weight:500;color:rgba(0,0,0,.9);margin:0 36px 8px}.weui-msg__desc{font-size:17px;color:rgba(0,0,0,.5)}</style>
</head>
<body>
<div class="weui-msg">
<div class="weui-msg__icon-area"><i class="weui-icon-info weui-icon_msg"></i></div>
<div class="weui-msg__text-area"><h2 class="weui-msg__title">${escapeHtml(message)}</h2></div>
</div>
</body>
</html>
`;
  return htmlSpec(html);
}

// A 1×1 PNG: article covers only need to exist, nobody looks at them.
const coverPng = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';

export function coverImage(): PageSpec {
  return { status: 200, contentType: 'image/png', body: coverPng, encoding: 'base64' };
}
