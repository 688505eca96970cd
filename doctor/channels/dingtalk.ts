import type { RobotPlatform } from './webhook-robot.ts';

/** The codes a DingTalk custom robot answers a test message with (reference: wechaty-and-channels.md §5.2). */
export const dingtalkRobot: RobotPlatform = {
  name: '钉钉',
  advice: {
    310000:
      '没有通过机器人的“安全设置”：加签的密钥（SEC 开头）不对、消息里没有设置的关键词，或这台电脑的 IP 不在机器人的 IP 白名单里。请在钉钉群的机器人设置里核对安全设置，并确认本机时间准确。',
    300001: '机器人的 access_token 无效：请在钉钉群的机器人设置里复制 webhook 地址，把 access_token= 后面的一段放进环境变量。',
    400101: '机器人的 access_token 不存在：请在钉钉群的机器人设置里复制 webhook 地址，把 access_token= 后面的一段放进环境变量。',
    400102: '机器人已被停用：请在钉钉群设置的“机器人”里重新启用它。',
    130101: '发送太频繁（每个机器人每分钟最多 20 条），机器人被限流 10 分钟：请 10 分钟后再试。',
  },
};
