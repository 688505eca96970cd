import test from 'ava';
import { findPersonalData, isValidIdNumber } from '../../content/personal-data.ts';

/** The GB 11643 check digit of 17 digits, computed independently of the product's table. */
function withCheckDigit(body: string): string {
  const sum = [...body].reduce((n, d, i) => n + Number(d) * (2 ** (17 - i) % 11), 0);
  const value = (12 - (sum % 11)) % 11;
  return body + (value === 10 ? 'X' : String(value));
}

test('ID numbers: the check digit decides', (t) => {
  t.true(isValidIdNumber('11010519491231002X'), 'the standard example');
  t.true(isValidIdNumber('11010519491231002x'), 'a lower-case x');
  t.true(isValidIdNumber(withCheckDigit('15078319800101123')));
  t.true(isValidIdNumber(withCheckDigit('44030720001231987')));
  t.false(isValidIdNumber('110105194912310021'), 'wrong check digit');
  t.false(isValidIdNumber('11010519491231002'), '17 digits');
  t.false(isValidIdNumber('1101051949123100XX'));
  for (let d = 0; d <= 9; d++) {
    const id = `1507831980010112${d}`;
    const valid = withCheckDigit(id);
    t.true(isValidIdNumber(valid));
    const other = valid.slice(0, 17) + (valid[17] === '0' ? '1' : '0');
    t.false(isValidIdNumber(other), other);
  }
});

test('unmasked IDs and mobile numbers are found; masked ones, landlines and longer numbers are not', (t) => {
  const id = withCheckDigit('15078320080101123');
  const text = `身份证号${id}，联系电话13947012345、139 4701 2345、139-4701-2345；已隐藏：139****5678、150783********1234；座机0470-3216688；订单号2139470123456；错号${id.slice(0, 17)}${id[17] === '0' ? '1' : '0'}`;
  const hits = findPersonalData(text);
  t.deepEqual(
    hits.map((h) => [h.kind, text.slice(h.start, h.end), h.masked]),
    [
      ['id-number', id, `150783********${id.slice(-4)}`],
      ['mobile', '13947012345', '139****2345'],
      ['mobile', '139 4701 2345', '139****2345'],
      ['mobile', '139-4701-2345', '139****2345'],
    ],
  );
  t.deepEqual(findPersonalData('12345678901 10086 12315'), [], 'not a mobile prefix, service numbers');
  t.deepEqual(findPersonalData(''), []);
});
