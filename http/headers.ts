import type { IncomingHttpHeaders } from 'node:http';

/**
 * WeChat 8.0 on Android (XWeb, Chromium-based WebView). Servers that sniff for
 * "MicroMessenger" — OAuth pages, "please open in WeChat" gates — must see what
 * a citizen's phone sends, or we would report pages that work in WeChat as broken.
 */
export const WECHAT_ANDROID_USER_AGENT =
  'Mozilla/5.0 (Linux; Android 13; V2154A Build/TP1A.220624.014; wv) AppleWebKit/537.36 ' +
  '(KHTML, like Gecko) Version/4.0 Chrome/116.0.0.0 Mobile Safari/537.36 XWEB/1160117 ' +
  'MMWEBSDK/20240404 MMWEBID/2307 MicroMessenger/8.0.49.2600(0x28003133) WeChat/arm64 ' +
  'Weixin NetType/WIFI Language/zh_CN ABI/arm64';

/** The request headers of a top-level navigation in WeChat's Android WebView. */
export function browserHeaders(userAgent: string): Record<string, string> {
  return {
    'user-agent': userAgent,
    accept:
      'text/html,application/xhtml+xml,application/xml;q=0.9,image/wxpic,image/tpg,image/webp,' +
      'image/apng,*/*;q=0.8,application/signed-exchange;v=b3;q=0.7',
    'accept-language': 'zh-CN,zh;q=0.9,en-US;q=0.8,en;q=0.7',
    // The Android WebView names the host app here; some sites key on it as well as on the UA.
    'x-requested-with': 'com.tencent.mm',
    'upgrade-insecure-requests': '1',
  };
}

/** Node already lower-cases names; repeated headers (set-cookie) arrive as arrays. */
export function flattenHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) flat[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return flat;
}
