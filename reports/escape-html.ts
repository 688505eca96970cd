/** Text into HTML or SVG, element content and quoted attributes alike: account names and URLs come from outside. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
