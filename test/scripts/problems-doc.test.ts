import { readFile } from 'node:fs/promises';
import test from 'ava';
import { problemsDoc } from '../../scripts/problems-doc.ts';
import { repoRoot } from '../helpers/paths.ts';

test('docs/problems.md matches the problem catalogue (run `npm run docs` after changing it)', async (t) => {
  t.is(await readFile(`${repoRoot}/docs/problems.md`, 'utf8'), problemsDoc());
});
