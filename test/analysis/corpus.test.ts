/**
 * One test per folder in test/fixtures/pages: the page's real bytes and what
 * the analysis must say about them (see the README there).
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import test from 'ava';
import { z } from 'zod';
import { analyzePage } from '../../analysis/analyze-page.ts';
import { problemCodes, type ProblemCode } from '../../core/problems.ts';
import { fixture } from '../helpers/paths.ts';

const code = z.enum(problemCodes as [ProblemCode, ...ProblemCode[]]);

const caseSchema = z.strictObject({
  url: z.string(),
  finalUrl: z.string(),
  status: z.number().int(),
  headers: z.record(z.string(), z.string()),
  accountDomains: z.array(z.string()),
  expect: z.array(code),
  /** Terms each expected problem's evidence.matched must contain. */
  matched: z.partialRecord(code, z.array(z.string())).default({}),
  note: z.string().min(1),
});

const root = fixture('pages').path;
const scenarios = readdirSync(root, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();

for (const scenario of scenarios) {
  test(scenario, (t) => {
    const dir = join(root, scenario);
    const kase = caseSchema.parse(JSON.parse(readFileSync(join(dir, 'case.json'), 'utf8')));
    const problems = analyzePage({
      url: kase.url,
      finalUrl: kase.finalUrl,
      status: kase.status,
      headers: kase.headers,
      body: readFileSync(join(dir, 'page.html')),
      accountDomains: kase.accountDomains,
    });

    t.deepEqual(problems.map((p) => p.code).sort(), [...kase.expect].sort(), kase.note);
    for (const p of problems) {
      t.is(p.evidence.finalUrl, new URL(kase.finalUrl).href, `${p.code} evidence names the final URL`);
      const matched = p.evidence.matched;
      t.true(Array.isArray(matched), `${p.code} evidence lists what matched`);
      for (const term of kase.matched[p.code] ?? []) {
        t.true((matched as unknown[]).includes(term), `${p.code} matched ${JSON.stringify(matched)} lacks ${term}`);
      }
    }
    for (const expected of kase.expect.filter((c) => c !== 'empty-page')) {
      t.truthy(kase.matched[expected]?.length, `case.json names the terms expected for ${expected}`);
    }
  });
}
