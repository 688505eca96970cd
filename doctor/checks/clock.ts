import got from 'got';
import type { DoctorCheck, DoctorLine } from '../types.ts';

/** Beyond this the office should resync its clock: schedules run late or early and timestamps in the store drift. */
const warnAfterMs = 60_000;
/** DingTalk and Feishu refuse signatures whose timestamp is more than an hour off: robots stop delivering. */
const failAfterMs = 60 * 60_000;

const resync = '请把这台电脑设为自动同步时间（Windows：设置 → 时间和语言 → 立即同步；Linux：timedatectl set-ntp true）。';

/** The local clock against the Date header of the WeChat API, read halfway through the request. */
export const clockCheck: DoctorCheck = {
  needsConfig: true,
  run: async ({ config }) => {
    const line = { topic: '本机时间', subject: '' };
    const sent = Date.now();
    let date: string | undefined;
    try {
      const response = await got(config.wechat.apiBase, { method: 'HEAD', throwHttpErrors: false, followRedirect: false, retry: { limit: 0 }, timeout: { request: config.network.timeoutMs } });
      date = response.headers.date;
    } catch (error) {
      const code = (error as { code?: string }).code ?? 'ERROR';
      return [{ ...line, mark: 'warn', found: `连不上微信接口服务器（${code}），无法核对时间`, fix: '请检查这台电脑能否访问微信接口服务器（配置里的 wechat.apiBase），连上后再运行 menu-patrol doctor 核对时间。' }];
    }
    const local = (sent + Date.now()) / 2;
    // The header has whole seconds, truncated: the server's clock is half a second later on average.
    const server = date === undefined ? Number.NaN : Date.parse(date) + 500;
    if (Number.isNaN(server)) return [{ ...line, mark: 'warn', found: '微信接口服务器的回答里没有时间，无法核对' }];
    return [judgeSkew(local - server)];
  },
};

function judgeSkew(skewMs: number): DoctorLine {
  const line = { topic: '本机时间', subject: '' };
  const size = Math.abs(skewMs);
  if (size <= warnAfterMs) return { ...line, mark: 'ok', found: '准确（与微信服务器相差不到 1 分钟）' };
  const minutes = Math.round(size / 60_000);
  const amount = minutes < 120 ? `${minutes} 分钟` : `${Math.round(minutes / 60)} 小时`;
  const found = `比微信服务器${skewMs > 0 ? '快' : '慢'}约 ${amount}`;
  if (size <= failAfterMs) return { ...line, mark: 'warn', found, fix: `${resync}时间不准，定时巡检和提醒会在错误的时间进行。` };
  return { ...line, mark: 'fail', found, fix: `${resync}相差超过 1 小时，钉钉、飞书群机器人会因为签名过期拒收消息。` };
}
