import { tokenSource, type DingtalkAppConfig } from '../../notifiers/dingtalk-app.ts';
import type { DoctorLine } from '../types.ts';

/**
 * The two-way DingTalk app robot: its Client ID and Secret get an access
 * token (what both the Stream connection and proactive sends start from).
 * Nothing is sent; the secret is never shown.
 */
export async function checkDingtalkApp(channel: DingtalkAppConfig): Promise<DoctorLine> {
  const line = { topic: '钉钉应用机器人', subject: channel.name };
  const token = await tokenSource(channel).get();
  if (token.ok) return { ...line, mark: 'ok', found: `Client ID ${channel.clientId} 能取得访问令牌，可以收发消息` };
  return {
    ...line,
    mark: 'fail',
    found: `取不到访问令牌：${token.detail}`,
    fix: token.retryable ? '连不上钉钉开放平台：请检查本机能否访问外网（或代理设置），稍后再试。' : '请在钉钉开发者后台“凭证与基础信息”里复制 Client ID 和 Client Secret，核对配置和环境变量。',
  };
}
