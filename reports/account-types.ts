import type { Platform } from '../config/schema.ts';

/** 账号类型 as the office's sheets and the quarterly notice write it. */
export const platformLabels: Readonly<Record<Platform, string>> = {
  'wechat-subscription': '微信订阅号',
  'wechat-service': '微信服务号',
  weibo: '新浪微博',
};
