import type { CommandHandler } from './types.ts';

export const help: CommandHandler = async (ctx) => {
  const own = ctx.role.kind === 'owner' ? `（您负责：${ctx.role.accounts.join('、')}）` : '（您是管理员，可以操作全部账号）';
  const lines = [
    `您好，我是菜单巡检机器人${own}。可以对我说：`,
    '• 检查 全部 —— 马上巡检全部账号的菜单',
    '• 检查 账号名 —— 只巡检某个账号（名称写一部分即可，如“检查 12333”）',
    '• 状态 [账号名] —— 查看最近一次巡检的结果和还没修复的问题',
    '• 已整改 账号名 —— 改好后告诉我，我马上复查',
    '• 已更新 账号名 [日期] —— 没有接口权限的公众号和微博发布新内容后告诉我，我登记更新日期（不写日期就是今天）',
    '• 报告 [季度] —— 本季度（或如“报告 2026Q3”）的巡检报告：摘要和可直接打印的 Excel 统计表',
  ];
  await ctx.reply(lines.join('\n'));
};
