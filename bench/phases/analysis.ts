/**
 * Page analysis alone on the farm's pages, against parsing them and nothing
 * else: cheerio.load in htmlparser2 mode (a bare htmlparser2 parse into a tree,
 * with the options analysis reads the page with) and cheerio.load with its
 * defaults (parse5). Each page is timed by all three in turn, so machine noise
 * hits them alike. Analysis starts from the raw bytes (charset detection and
 * decoding included); the parsers get decoded text.
 */
import { load } from 'cheerio';
import iconv from 'iconv-lite';
import { analyzePage } from '../../analysis/analyze-page.ts';
import { allPages } from '../farm/pages.ts';
import { phaseWorld, type PhaseRequest } from './common.ts';

export interface AnalysisResult {
  readonly pages: number;
  readonly analysisMs: number;
  /** cheerio.load(html, htmlparser2 options as analysis uses them). */
  readonly parseMs: number;
  /** cheerio.load(html) with its defaults. */
  readonly defaultParseMs: number;
}

function timed(work: () => unknown): number {
  const started = performance.now();
  work();
  return performance.now() - started;
}

const measuredRounds = 5;

export async function analysisOnly(request: PhaseRequest): Promise<AnalysisResult> {
  const world = phaseWorld(request);
  const pages = allPages(world.model).flatMap((pool, h) =>
    pool.map((page) => {
      const url = `${world.base(h + 1)}/m/0.html`;
      const gbk = page.contentType.includes('gb2312');
      return {
        input: { url, finalUrl: url, status: 200, headers: { 'content-type': page.contentType }, body: page.body, accountDomains: [`u${h + 1}.bench.gov.cn`] },
        html: gbk ? iconv.decode(page.body, 'gb18030') : page.body.toString('utf8'),
      };
    }),
  );
  const total = { analysisMs: 0, parseMs: 0, defaultParseMs: 0 };
  const round = () => {
    for (const { input, html } of pages) {
      total.analysisMs += timed(() => analyzePage(input));
      total.parseMs += timed(() => load(html, { xml: { xmlMode: false, decodeEntities: true } }));
      total.defaultParseMs += timed(() => load(html));
    }
  };
  round(); // warm-up: JIT and lazy tables (OpenCC's) out of the measurement
  Object.assign(total, { analysisMs: 0, parseMs: 0, defaultParseMs: 0 });
  // One round's ratio moved between 2.1 and 2.9 × for the same code on an idle machine (a collection lands in
  // whichever side happens to allocate next): the sum of several rounds evens that out.
  for (let i = 0; i < measuredRounds; i++) round();
  return { pages: pages.length * measuredRounds, ...total };
}
