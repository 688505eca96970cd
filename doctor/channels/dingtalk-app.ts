import { tokenSource, type DingtalkAppConfig } from '../../notifiers/dingtalk-app.ts';
import type { DoctorLine } from '../types.ts';
import { appTokenLine } from './app-token.ts';

/** The two-way DingTalk app robot: its Client ID and Secret must get an access token. */
export async function checkDingtalkApp(channel: DingtalkAppConfig): Promise<DoctorLine> {
  return appTokenLine({ topic: '钉钉应用机器人', subject: channel.name }, await tokenSource(channel).get(), {
    ok: `Client ID ${channel.clientId} 能取得访问令牌，可以收发消息`,
    platform: '钉钉开放平台',
    wrongSecret: '请在钉钉开发者后台“凭证与基础信息”里复制 Client ID 和 Client Secret，核对配置和环境变量。',
  });
}
