import { feishuTokenSource, type FeishuAppConfig } from '../../notifiers/feishu-app.ts';
import type { DoctorLine } from '../types.ts';
import { appTokenLine } from './app-token.ts';

/** The two-way Feishu app bot: its App ID and Secret must get a tenant token. */
export async function checkFeishuApp(channel: FeishuAppConfig): Promise<DoctorLine> {
  return appTokenLine({ topic: '飞书应用机器人', subject: channel.name }, await feishuTokenSource(channel).get(), {
    ok: `App ID ${channel.appId} 能取得访问令牌，可以收发消息`,
    platform: '飞书开放平台',
    wrongSecret: '请在飞书开放平台“凭证与基础信息”里复制 App ID 和 App Secret，核对配置和环境变量；应用的新版本要经管理员审核发布后才能用。',
  });
}
