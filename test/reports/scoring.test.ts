import test from 'ava';
import { conditionalMenuName } from '../../core/menu.ts';
import { placeLabel } from '../../core/places.ts';
import { scoreAccount } from '../../reports/scoring.ts';

test('a report names a vetoing item by the same place as chat and the terminal, its personalized menu included', (t) => {
  const menu = conditionalMenuName({ tag_id: '2' }, '1');
  const rules = { pointsPerItem: 1, passLine: 100, vetoCritical: true, vetoProblems: [] };
  const score = scoreAccount([{ menu, path: ['互动交流', '局长信箱'], critical: true, codes: ['http-error'], open: true }], rules);
  t.deepEqual(score.vetoes, [`${placeLabel({ menu, path: ['互动交流', '局长信箱'] })}：互动功能不可用`]);
  t.regex(score.vetoes[0]!, /^个性化菜单\(标签=2\) > 互动交流 > 局长信箱：/);
});
