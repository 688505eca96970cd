import type { RobotPlatform } from './webhook-robot.ts';

/** The codes a WeCom group robot answers a test message with (reference: wechaty-and-channels.md §5.1). */
export const wecomRobot: RobotPlatform = {
  name: '企业微信',
  advice: {
    93000: '机器人的 key 无效（机器人可能已被移出群或删除）：请在企业微信群里重新添加群机器人，把新 webhook 地址里 key= 后面的一段放进环境变量。',
    45009: '发送太频繁（每个机器人每分钟最多 20 条）：请过一分钟再试。',
  },
};
