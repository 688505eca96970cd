import { feishuTokenSource, type FeishuAppConfig } from '../../notifiers/feishu-app.ts';
import type { DoctorLine } from '../types.ts';

/**
 * The two-way Feishu app bot: its App ID and Secret get a tenant token (what
 * both the long connection and proactive sends start from). Nothing is sent;
 * the secret is never shown.
 */
export async function checkFeishuApp(channel: FeishuAppConfig): Promise<DoctorLine> {
  const line = { topic: '飞书应用机器人', subject: channel.name };
  const token = await feishuTokenSource(channel).get();
  if (token.ok) return { ...line, mark: 'ok', found: `App ID ${channel.appId} 能取得访问令牌，可以收发消息` };
  return {
    ...line,
    mark: 'fail',
    found: `取不到访问令牌：${token.detail}`,
    fix: token.retryable
      ? '连不上飞书开放平台：请检查本机能否访问外网（或代理设置），稍后再试。'
      : '请在飞书开放平台“凭证与基础信息”里复制 App ID 和 App Secret，核对配置和环境变量；应用的新版本要经管理员审核发布后才能用。',
  };
}
