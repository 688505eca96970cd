import anyTest, { type TestFn } from 'ava';
import ExcelJS from 'exceljs';
import type { AccountConfig } from '../../config/load.ts';
import { summarize, type RunResult } from '../../core/results.ts';
import { adminPassword, hookScope, PageClient, someOwner, webFor, type WebFixture } from '../helpers/web.ts';
import { visibleText } from '../helpers/visible-text.ts';

const hostileName = '<script>alert("名")</script>政务';
const hostileTitle = '<img src=x onerror=alert(1)>';
const hostile: AccountConfig = {
  name: hostileName,
  platform: 'wechat-subscription',
  unit: '<b>单位</b>',
  owners: [{ name: '<i>负责人</i>' }],
  domains: [],
};

/** A sweep of the hostile account as the checkers would record a hijacked page whose title is markup. */
function hostileRun(at: string): RunResult {
  const accounts = [
    {
      name: hostileName,
      unit: '<b>单位</b>',
      platform: 'wechat-subscription',
      status: 'fail' as const,
      error: null,
      menuSource: 'inventory' as const,
      menuOpen: true,
      problems: [],
      items: [
        {
          path: ['<u>服务</u>', '办事'],
          critical: false,
          menu: '默认菜单',
          type: 'view',
          kind: 'view' as const,
          target: 'https://x.example/"><script>alert(3)</script>',
          status: 'fail' as const,
          problems: [{ code: 'hijacked' as const, severity: 'fail' as const, message: `网页被篡改（标题：${hostileTitle}）`, evidence: { matched: ['<b>博彩</b>'], snippet: '<script>alert(2)</script>', screenshot: '/etc/passwd' } }],
        },
      ],
    },
  ];
  return { run: { id: 'hostile-run', startedAt: at, finishedAt: at, trigger: 'cli' }, summary: summarize(accounts), accounts, notChecked: [] };
}

const test = anyTest as TestFn<WebFixture & { admin: PageClient }>;
const hook = hookScope();
test.before(async (t) => {
  const fixture = await webFor(hook.scope, { extraAccounts: [hostile] });
  await fixture.store.recordRun(hostileRun(new Date().toISOString()));
  const admin = new PageClient(fixture.server.url);
  await admin.loginAsAdmin(adminPassword);
  t.context = { ...fixture, admin };
});
test.after.always(() => hook.close());

const accountPath = (name: string) => `/accounts/${encodeURIComponent(name)}`;

test('HTML in account names, units, owners, page titles and matched text is escaped on every page', async (t) => {
  const { admin } = t.context;
  for (const path of ['/', accountPath(hostileName), '/runs']) {
    const page = await admin.get(path);
    t.is(page.status, 200, path);
    for (const markup of ['<script>alert', '<img src=x', '<b>单位</b>', '<i>负责人</i>', '<b>博彩</b>', '<u>服务</u>', '"><script>']) t.false(page.text.includes(markup), `${path}: ${markup}`);
  }
  const account = await admin.get(accountPath(hostileName));
  t.true(account.text.includes('&lt;img src=x onerror=alert(1)&gt;'));
  t.true(visibleText(account.text).includes(`网页被篡改（标题：${hostileTitle}）`));
});

test('bad input gets a plain Chinese page with the right status and nothing internal', async (t) => {
  const { admin } = t.context;
  const cases: [string, number, string][] = [
    [accountPath('没有这个账号'), 404, '没有找到'],
    ['/no/such/page', 404, '没有找到'],
    // 9 KB: past the page's limit, within Node's 16 KB for the whole head (beyond which Node answers 431 itself).
    [`/?unit=${'很'.repeat(1000)}`, 414, '网址太长'],
    ['/?state=坏了', 400, '网址有误'],
    ['/?sort=evil', 400, '网址有误'],
    ['/?sort=toString', 400, '网址有误'],
    ['/?state=正常&state=有问题', 400, '网址有误'],
    ['/evidence/nothing', 404, '没有找到'],
    [`/evidence/${encodeURIComponent(JSON.stringify([hostileName, '默认菜单', '<u>服务</u>', '办事', 'hijacked']))}`, 404, '没有找到'],
  ];
  for (const [path, status, title] of cases) {
    const shown = path.slice(0, 80);
    const answer = await admin.get(path);
    t.is(answer.status, status, shown);
    t.true(answer.text.includes(title), shown);
    t.false(/at \S+\.(ts|js):\d+|Error:|stack/i.test(answer.text), shown);
    t.false(answer.text.includes('root:'), shown);
  }
});

test('the overview and an account page read as a clerk sees them (snapshot of the visible text)', async (t) => {
  const { admin, config } = t.context;
  // One unit's accounts: the whole list is the same card 32 times.
  const overview = await admin.get(`/?unit=${encodeURIComponent('扎兰屯市公安局交通管理大队')}&sort=name`);
  t.snapshot(visibleText(overview.text), 'overview of one unit, sorted by name');
  const broken = config.accounts.find((a) => a.name === '扎兰屯12333') ?? config.accounts[0]!;
  t.snapshot(visibleText((await admin.get(accountPath(broken.name))).text), `account page of ${broken.name}`);
  t.snapshot(visibleText((await admin.get('/runs')).text), 'run history');
  t.snapshot(visibleText((await new PageClient(t.context.server.url).get('/')).text), 'login page');
});

test("the quarter's report downloads as the same xlsx as `menu-patrol report`; an owner's holds only their accounts", async (t) => {
  const { admin, config, server } = t.context;
  const download = async (client: PageClient) => {
    const response = await fetch(new URL('/report.xlsx', server.url), { headers: { cookie: client.cookie } });
    t.is(response.status, 200);
    t.is(response.headers.get('content-type'), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    t.regex(response.headers.get('content-disposition') ?? '', /filename\*=UTF-8''%E8%8F%9C%E5%8D%95%E5%B7%A1%E6%A3%80%E6%8A%A5%E5%91%8A-\d{4}Q\d\.xlsx/);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(await response.arrayBuffer()) as unknown as ArrayBuffer);
    const names: string[] = [];
    book.worksheets[0]!.eachRow((row) => {
      const seq = row.getCell(1).value;
      if (typeof seq === 'number') names.push(String(row.getCell(2).value));
    });
    return names;
  };
  t.deepEqual(await download(admin), config.accounts.map((a) => a.name));
  const { owner } = someOwner(config);
  const ownerClient = new PageClient(server.url);
  await ownerClient.get(new URL(server.ownerLink(owner)).pathname);
  t.deepEqual(await download(ownerClient), config.accounts.filter((a) => a.owners.some((o) => o.name === owner)).map((a) => a.name));
});

test.serial('a finished sweep is announced on /events and /version moves to its run', async (t) => {
  const { admin, server, sweeps, config } = t.context;
  const before = (JSON.parse((await admin.get('/version')).text) as { run: string }).run;
  const controller = new AbortController();
  t.teardown(() => controller.abort());
  const response = await fetch(new URL('/events', server.url), { headers: { cookie: admin.cookie }, signal: controller.signal });
  t.is(response.headers.get('content-type'), 'text/event-stream');
  const reader = response.body!.getReader();
  const swept = sweeps.sweep([someOwner(config).account], 'cli');
  let text = '';
  const deadline = Date.now() + 30_000;
  while (!text.includes('event: swept') && Date.now() < deadline) {
    const { value, done } = await reader.read();
    if (done) break;
    text += new TextDecoder().decode(value);
  }
  const { result } = await swept;
  t.true(text.includes(`event: swept\ndata: ${result.run.id}`));
  const after = (JSON.parse((await admin.get('/version')).text) as { run: string }).run;
  t.not(after, before);
  t.is(after, result.run.id);
});
