import test from 'ava';
import {
  StyleRules,
  applyDeclarations,
  hidingReason,
  normaliseColour,
  parseDeclarations,
  visibleRoot,
  type Visual,
} from '../../analysis/css.ts';

const styled = (style: string, parent: Visual = visibleRoot) => applyDeclarations(parent, parseDeclarations(style));
const reason = (style: string, parent?: Visual) => hidingReason(styled(style, parent));

test('the hiding techniques of link spam', (t) => {
  t.is(reason('display: none !important'), 'display:none');
  t.is(reason('visibility:hidden'), 'visibility:hidden');
  t.is(reason('opacity:0'), 'opacity:0');
  t.is(reason('filter:alpha(opacity=0)'), 'opacity:0');
  t.is(reason('font-size:1px'), 'font-size');
  t.is(reason('font-size:0'), 'font-size');
  t.is(reason('position:absolute;top:-999px'), 'off-screen');
  t.is(reason('position:fixed;left:-9999px;top:0'), 'off-screen');
  t.is(reason('transform:translateX(-9999px)'), 'off-screen');
  t.is(reason('text-indent:-9999px'), 'text-indent');
  t.is(reason('position:absolute;clip:rect(0 0 0 0)'), 'clip');
  t.is(reason('height:0;overflow:hidden'), 'zero-size');
  t.is(reason('line-height:1px;overflow:hidden'), 'line-height');
  t.is(reason('z-index:-9999;position:relative'), 'z-index');
  t.is(reason('color:#FFF;background-color:white'), 'colour');
});

test('ordinary styles hide nothing', (t) => {
  for (const style of ['position:absolute;top:-20px', 'height:0', 'line-height:0', 'z-index:-1', 'opacity:.9', 'color:#fff;background:#1a4f91', 'font-size:12px']) {
    t.is(reason(style), null, style);
  }
});

test('descendants can undo inherited hiding but not display:none', (t) => {
  t.is(reason('font-size:14px', styled('font-size:0')), null);
  t.is(reason('visibility:visible', styled('visibility:hidden')), null);
  t.is(reason('display:block', styled('display:none')), 'display:none');
  t.is(reason('background:#1a4f91', styled('color:#fff;background:#fff')), null);
});

test('an image keeps a link visible against text-only hiding', (t) => {
  t.is(hidingReason(styled('font-size:0'), true), null);
  t.is(hidingReason(styled('display:none'), true), 'display:none');
});

test('simple <style> rules apply; descendant selectors, pseudo-classes and @media do not', (t) => {
  const rules = new StyleRules([
    `/* 友情链接 */ .yq{display:none} div#x{position:absolute;top:-9999px}
     .nav ul{display:none} a:hover{color:red} .m .n{display:none}
     @media (max-width:768px){ .pc{display:none} }
     p.a.b, .c { font-size:0 }`,
  ]);
  t.is(rules.declarationsFor('div', null, ['yq']).get('display'), 'none');
  t.is(rules.declarationsFor('div', 'x', []).get('top'), '-9999px');
  t.is(rules.declarationsFor('span', 'x', []).get('top'), undefined);
  t.is(rules.declarationsFor('ul', null, ['nav']).get('display'), undefined);
  t.is(rules.declarationsFor('div', null, ['pc']).get('display'), undefined);
  t.is(rules.declarationsFor('p', null, ['a', 'b']).get('font-size'), '0');
  t.is(rules.declarationsFor('p', null, ['a']).get('font-size'), undefined);
  t.is(rules.declarationsFor('i', null, ['c']).get('font-size'), '0');
});

test('colours normalise for comparison', (t) => {
  t.is(normaliseColour('#FFF'), '#ffffff');
  t.is(normaliseColour('rgb(255, 255, 255)'), '#ffffff');
  t.is(normaliseColour('White'), '#ffffff');
  t.is(normaliseColour('rgba(0,0,0,0)'), null);
  t.is(normaliseColour('transparent'), null);
});

test('sheets read before are remembered by their whole text, and their rules stay as read', (t) => {
  const hidden = '.menu{color:red} .nav{font-size:12px} .b{display:none}';
  const shown = '.menu{color:red} .nav{font-size:12px} .b{display:block}';
  for (let i = 0; i < 2; i++) {
    t.is(new StyleRules([hidden]).declarationsFor('div', null, ['b']).get('display'), 'none');
    t.is(new StyleRules([shown]).declarationsFor('div', null, ['b']).get('display'), 'block');
    const both = new StyleRules([hidden]);
    both.addSheet(shown);
    t.is(both.declarationsFor('div', null, ['b']).get('display'), 'block');
  }
});
