import test from 'ava';
import { parseConfig } from '../../config/load.ts';
import { ConfigError } from '../../core/errors.ts';

const parse = (admin: string) =>
  parseConfig(['bot:', `  admins: [${admin}]`, 'accounts:', '  - { name: 扎兰屯博物馆, platform: weibo }'].join('\n'), 'menu-patrol.yaml', {});

test('a person carries their id per channel type, for @-mentions', (t) => {
  const [admin] = parse('{ name: 张丽, dingtalk: { mobile: "13800000001" }, wecom: { userId: ZhangLi }, feishu: { userId: ou_1 } }').bot.admins;
  t.deepEqual(admin, { name: '张丽', dingtalk: { mobile: '13800000001' }, wecom: { userId: 'ZhangLi' }, feishu: { userId: 'ou_1' } });
});

test('a person id that cannot @ anyone is a config error that says what to write', (t) => {
  const error = t.throws(() => parse('{ name: 张丽, dingtalk: {}, feishu: { mobile: "13800000001" }, wecom: { mobile: "12345" } }'), { instanceOf: ConfigError });
  t.snapshot(error?.message);
});
