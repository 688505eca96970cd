import type { RobotPlatform } from './webhook-robot.ts';

/** The codes a Feishu custom bot answers a test message with (reference: wechaty-and-channels.md §5.3). */
export const feishuRobot: RobotPlatform = {
  name: '飞书',
  advice: {
    19001: '机器人的 webhook 地址无效：请在飞书群的机器人设置里复制 webhook 地址，把 hook/ 后面的一段放进环境变量。',
    19021: '签名校验没有通过：签名密钥不对，或这台电脑的时间不准。请在飞书群机器人的“安全设置”里核对签名校验的密钥，并确认本机时间准确。',
    19022: '这台电脑的 IP 不在机器人的 IP 白名单里：请在飞书群机器人的“安全设置”里加入本机的公网 IP。',
    19024: '消息里没有机器人要求的关键词：请在飞书群机器人的“安全设置”里把关键词设为“菜单巡检”，或改用签名校验。',
    11232: '发送太频繁：请过一会儿再试（避开整点和半点）。',
    9499: '发送太频繁：请过一会儿再试。',
  },
};
