/**
 * A page's text as a reader sees it, for snapshots: tags, scripts and charts
 * dropped, and everything that moves with the clock (times, ages, the
 * quarter, sweep durations) replaced by a placeholder, so the snapshot
 * changes only when the wording does.
 */
export function visibleText(html: string): string {
  return html
    .replace(/<(script|style|svg)\b[\s\S]*?<\/\1>/g, '')
    .replace(/<(li|p|h1|h2|h3|div|dt|dd|option|header|section|figure|blockquote|summary|tr)\b/g, '\n<$1')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\d{4}-\d{2}-\d{2} \d{2}:\d{2}/g, '<时间>')
    .replace(/\d{4}年第.季度/g, '<本季度>')
    .replace(/(\d+ (天|小时|分钟)|不到 1 分钟)）/g, '<多久>）')
    .replace(/用时 \d+ (秒|分 \d+ 秒)/g, '用时 <多久>')
    // The sandbox's sites listen on ports picked at start.
    .replace(/(https?:\/\/[^\s/:]+):\d+/g, '$1:<端口>')
    .split('\n')
    .map((line) => line.replace(/\s+/g, ' ').trim())
    .filter(Boolean)
    .join('\n');
}
