import type { OutgoingMessage } from '../../notifiers/types.ts';

/** Lines of a realistic digest: Chinese (3 bytes a character), a URL, and a running number to check order. */
export function digestLines(count: number): string[] {
  return Array.from({ length: count }, (_, i) => `${i + 1}. 扎兰屯12333 › 办事服务 › 社保查询：页面不存在（404），请核对链接 https://zlt.gov.cn/sb/${i + 1}`);
}

export function digest(count: number, mentions?: OutgoingMessage['mentions']): OutgoingMessage {
  const lines = digestLines(count);
  return {
    title: `【菜单巡检】扎兰屯12333 有 ${count} 个菜单打不开`,
    text: lines.join('\n'),
    markdown: lines.map((l) => `- ${l}`).join('\n'),
    ...(mentions ? { mentions } : {}),
  };
}

export const shortMessage: OutgoingMessage = {
  title: '【菜单巡检】扎兰屯12333 有 2 个菜单打不开',
  text: '办事服务 › 社保查询：页面不存在（404）\n便民服务 › 公积金：网站无法访问',
  markdown: '- **办事服务 › 社保查询**：页面不存在（404）\n- **便民服务 › 公积金**：网站无法访问',
};
