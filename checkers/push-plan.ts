import type { AccountConfig, ServerConfig } from '../config/load.ts';
import type { PushTarget } from '../wechat/event-push.ts';

/** What the office asks a 第三方平台 for, by the setting it goes into. */
const vendorKeys = {
  url: '消息与事件接收 URL',
  token: '消息校验 Token',
  encodingAESKey: '消息加解密 Key（EncodingAESKey）',
  appId: '第三方平台自己的 AppID',
} as const;

export type PushPlan = { readonly target: PushTarget; readonly toUser: string } | { readonly missing: readonly string[] };

/**
 * How to push this account's menu events: the server's keys, the AppID inside
 * the ciphertext (a 第三方平台's own when it hosts the server) and the
 * account's 原始ID as ToUserName. A platform's URL may carry `$APPID$`, which
 * WeChat replaces with the account's AppID. Missing keys are listed instead.
 */
export function pushPlan(account: AccountConfig, server: ServerConfig): PushPlan {
  const missing: string[] = [];
  const cryptoAppId = server.thirdParty ? server.appId : (server.appId ?? account.appId);
  if (!server.url) missing.push(vendorKeys.url);
  if (!server.token) missing.push(vendorKeys.token);
  if (server.mode !== 'plain' && !server.encodingAESKey) missing.push(vendorKeys.encodingAESKey);
  if (server.mode !== 'plain' && !cryptoAppId) missing.push(vendorKeys.appId);
  if (server.url?.includes('$APPID$') && !account.appId) missing.push('本账号的 AppID（appId，用来替换网址里的 $APPID$）');
  if (!account.originalId) missing.push('本账号的原始ID（originalId，gh_ 开头）');
  if (missing.length > 0 || !server.url || !server.token || !account.originalId) return { missing };
  return {
    toUser: account.originalId,
    target: {
      url: server.url.replaceAll('$APPID$', account.appId ?? ''),
      token: server.token.reveal(),
      mode: server.mode,
      ...(server.encodingAESKey ? { encodingAESKey: server.encodingAESKey.reveal() } : {}),
      ...(cryptoAppId ? { appId: cryptoAppId } : {}),
    },
  };
}
