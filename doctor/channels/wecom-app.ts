import { badAppSecretHint, wecomAppApi } from '../../notifiers/wecom-app-api.ts';
import type { WecomAppConfig } from '../../notifiers/wecom-app.ts';
import { aesKey } from '../../wechat/push-crypto.ts';
import type { DoctorLine } from '../types.ts';

const testText = '菜单巡检：测试消息\n这是 menu-patrol doctor 发出的测试消息。收到它，说明企业微信应用设置正确，不需要回复。';

/**
 * The WeCom self-built app: its CorpID and Secret get an access token; with
 * --send one test message goes to `toUser`, which is also the only way to
 * learn whether this computer's IP is among the app's 企业可信IP. The callback,
 * when configured, is checked for a usable EncodingAESKey. Secrets are never shown.
 */
export async function checkWecomApp(channel: WecomAppConfig, send: boolean): Promise<readonly DoctorLine[]> {
  const line = { topic: '企业微信应用', subject: channel.name };
  const api = wecomAppApi(channel);
  const token = await api.token();
  const lines: DoctorLine[] = [];
  if (!token.ok) {
    const errcode = token.code && 'errcode' in token.code ? token.code.errcode : undefined;
    lines.push(
      errcode === undefined
        ? { ...line, mark: 'fail', found: `取不到访问令牌（${token.detail}）`, fix: `连不上 ${new URL(channel.apiBase).host}：请检查本机能否访问外网（或代理设置）；政务微信请向运维方确认接口地址，写在 apiBase 里。` }
        : { ...line, mark: 'fail', found: `取不到访问令牌（错误码 ${errcode}）`, fix: token.reason === 'ip-not-allowed' ? token.detail : `${badAppSecretHint}；应用的 Secret 放进环境变量。` },
    );
  } else if (!send || !channel.toUser) {
    const why = send ? '没有设置 toUser' : '加 --send 会发一条给 toUser，顺便确认企业可信IP';
    lines.push({ ...line, mark: 'ok', found: `企业ID ${channel.corpId} 的应用 ${channel.agentId} 能取得访问令牌（没有发测试消息：${why}）` });
  } else {
    const sent = await api.sendText(channel.toUser, testText);
    lines.push(
      sent.ok
        ? { ...line, mark: 'ok', found: `测试消息已发给 ${channel.toUser}，请在企业微信里看看是否收到` }
        : { ...line, mark: 'fail', found: `测试消息没有发给 ${channel.toUser}`, fix: `${sent.detail}。改好后运行 menu-patrol doctor --send 再试。` },
    );
  }
  if (channel.callback) {
    const where = `${channel.callback.listen.host}:${channel.callback.listen.port}${channel.callback.path}`;
    try {
      aesKey(channel.callback.encodingAESKey.reveal());
      lines.push({ ...line, mark: 'ok', found: `接收消息：服务运行时在 ${where} 接收，单位的 HTTPS 入口要把应用的回调 URL 转发到这里` });
    } catch {
      lines.push({ ...line, mark: 'fail', found: '接收消息的 EncodingAESKey 不是 43 位', fix: '请在企业微信管理后台“应用管理 → 这个应用 → 接收消息 → 设置API接收”里复制 EncodingAESKey，放进环境变量。' });
    }
  }
  return lines;
}
