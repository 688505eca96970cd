/**
 * An article's body (the HTML freepublish returns) as the paragraphs a reader
 * sees, so a match can be located as 「第 3 段」.
 */
import { load } from 'cheerio';

const blocks = 'p,div,section,article,header,footer,h1,h2,h3,h4,h5,h6,li,blockquote,pre,table,tr,td,th,figcaption';

export function articleParagraphs(html: string): string[] {
  if (html.trim() === '') return [];
  const $ = load(html);
  $('script,style,noscript').remove();
  $('br').replaceWith('\n');
  // WeChat's editor nests <section><p><span>…: a line break around every block, empty lines dropped below.
  $(blocks).each((_, el) => {
    $(el).prepend('\n').append('\n');
  });
  return $.root()
    .text()
    .split('\n')
    .map((p) => p.trim())
    .filter((p) => p !== '');
}
