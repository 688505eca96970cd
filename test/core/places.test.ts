import test from 'ava';
import { conditionalMenuName, defaultMenu } from '../../core/menu.ts';
import { articlePath, articlesPlace, placeLabel, updatesPlace } from '../../core/places.ts';

test('placeLabel() names every kind of place the way chat, the terminal and reports all show it', (t) => {
  const personalized = conditionalMenuName({ tag_id: '2' }, '208379533');
  t.deepEqual(
    [
      placeLabel({ menu: defaultMenu, path: ['办事服务', '社保查询'] }),
      placeLabel({ menu: personalized, path: ['办事服务'] }),
      placeLabel({ menu: defaultMenu, path: [] }),
      placeLabel({ menu: personalized, path: [] }),
      placeLabel({ menu: updatesPlace, path: [] }),
      placeLabel({ menu: articlesPlace, path: articlePath('成吉思汗镇开展秸杆禁烧宣传活动') }),
    ],
    [
      '办事服务 > 社保查询',
      `${personalized} > 办事服务`,
      '整个菜单',
      `整个菜单（${personalized}）`,
      '内容更新',
      '已发布文章《成吉思汗镇开展秸杆禁烧宣传活动》',
    ],
  );
});
