import test from 'ava';
import { AnalysisPool } from '../../analysis/analysis-pool.ts';
import { createLinkCheck } from '../../checkers/link-check.ts';
import { startServer, testFetcher } from '../http/helpers.ts';

test('each URL is fetched once per sweep, concurrently or later, whichever accounts link it', async (t) => {
  const server = await startServer(t, (_req, res) => setTimeout(() => res.end('<html><body><p>扎兰屯市人民政府</p></body></html>'), 50));
  const analysis = new AnalysisPool();
  t.teardown(() => analysis.close());
  const checkLink = createLinkCheck(testFetcher(t), analysis);
  const url = server.url('/same');
  const concurrent = await Promise.all([checkLink(url, { domains: [] }), checkLink(url, { domains: ['zlt.gov.cn'] })]);
  const later = await checkLink(url, { domains: ['hlbe.gov.cn'] });
  t.true([...concurrent, later].every((v) => v.status === 'ok'), JSON.stringify([...concurrent, later]));
  t.deepEqual(server.hits, ['/same']);
});
