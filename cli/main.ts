import { Command, CommanderError, Option } from 'commander';
import { loadConfig } from '../config/load.ts';
import { ConfigError, UsageError } from '../core/errors.ts';
import { StoreError, defaultStorePath } from '../store/store.ts';
import { exitCodes, processIo, type CliIo } from './io.ts';

const defaultConfig = 'menu-patrol.yaml';

// Each command's module is imported when that command runs: `check` then loads
// neither Wechaty nor exceljs nor the sandbox (together ~120 MB of RSS).
function program(io: CliIo, exit: { code: number }): Command {
  const root = new Command('menu-patrol')
    .description('菜单巡检：检查政务微信公众号的每一个菜单项能否正常打开')
    .helpOption('-h, --help', '显示帮助')
    .helpCommand(false)
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr, outputError: () => {} });

  root
    .command('check')
    .description('巡检配置文件里的全部（或指定）账号，打印结果并记录到数据文件')
    .option('-c, --config <file>', '配置文件', defaultConfig)
    .option('-a, --account <name...>', '只巡检这些账号（可写名称的一部分）', [])
    .option('--json', '以 JSON 格式输出结果（供其他程序读取）', false)
    .option('--db <file>', '数据文件', defaultStorePath)
    .addOption(new Option('--render <mode>', '用浏览器打开网页：auto 只打开靠脚本显示内容的网页，all 打开全部（只能用于一个账号），none 不打开').choices(['auto', 'all', 'none']).default('auto'))
    .action(async (o: { config: string; account: string[]; json: boolean; db: string; render: 'auto' | 'all' | 'none' }) => {
      const config = await loadConfig(o.config, io.env);
      exit.code = await (await import('./commands/check.ts')).runCheck(config, { accounts: o.account, json: o.json, db: o.db, render: o.render, trigger: 'cli' }, io);
    });

  root
    .command('serve')
    .description('长期运行：按计划巡检，接收各消息渠道的“检查”“状态”“已整改”等命令，通过各渠道提醒负责人')
    .option('-c, --config <file>', '配置文件', defaultConfig)
    .option('--db <file>', '数据文件', defaultStorePath)
    .option('--wechat', '同时登录个人微信（Wechaty，非官方协议，有封号风险）', false)
    .action(async (o: { config: string; db: string; wechat: boolean }) => {
      const config = await loadConfig(o.config, io.env);
      exit.code = await (await import('./commands/serve.ts')).runServe(config, o, io);
    });

  root
    .command('bot')
    .description('同 serve --wechat：登录个人微信（扫码），接收命令，按计划巡检并提醒负责人')
    .option('-c, --config <file>', '配置文件', defaultConfig)
    .option('--db <file>', '数据文件', defaultStorePath)
    .action(async (o: { config: string; db: string }) => {
      const config = await loadConfig(o.config, io.env);
      exit.code = await (await import('./commands/serve.ts')).runServe(config, { db: o.db, wechat: true }, io);
    });

  root
    .command('schedule')
    .description('列出定时巡检任务和接下来 5 次的运行时间，以及每次检查的倒计时')
    .option('-c, --config <file>', '配置文件', defaultConfig)
    .action(async (o: { config: string }) => {
      exit.code = (await import('./commands/schedule.ts')).runSchedule(await loadConfig(o.config, io.env), io);
    });

  root
    .command('report')
    .description('生成一个季度（或一段时间）的巡检报告：按通报附件格式的 Excel 统计表、Markdown 摘要和网页')
    .option('-q, --quarter <quarter>', '季度，例如 2026Q4')
    .option('--from <date>', '开始日期，例如 2026-10-01')
    .option('--to <date>', '结束日期（含当天），例如 2026-12-31')
    .addOption(new Option('-f, --format <format>', '报告格式').choices(['xlsx', 'md', 'html', 'all']).default('all'))
    .option('-o, --out <path>', '报告保存到哪个文件夹；也可以写一个文件名，如 报告.xlsx（只生成这一种格式）', 'data/reports')
    .option('-c, --config <file>', `配置文件（不写时用 ${defaultConfig}，没有它就按数据文件里的账号出报告）`)
    .option('--db <file>', '数据文件', defaultStorePath)
    .action(async (o: { quarter?: string; from?: string; to?: string; format: 'xlsx' | 'md' | 'html' | 'all'; out: string; config?: string; db: string }) => {
      exit.code = await (await import('./commands/report.ts')).runReport({ ...o, defaultConfig }, io);
    });

  root
    .command('import')
    .description('从政务公开办的账号表格（.xlsx 或 .csv）新增或更新配置里的账号：先显示改动，加 --yes 才写入')
    .argument('<file>', '账号表格，列名如 序号、账号名称、账号类型、主办单位、负责人、微信备注、AppID')
    .option('-c, --config <file>', '配置文件', defaultConfig)
    .option('-y, --yes', '确认写入配置文件', false)
    .option('--rename <row=name...>', '改正表格里某一行的账号名称，例如 --rename 25=平安扎兰屯', [])
    .action(async (file: string, o: { config: string; yes: boolean; rename: string[] }) => {
      exit.code = await (await import('./commands/import.ts')).runImport({ file, ...o }, io);
    });

  root
    .command('doctor')
    .description('自检：配置、各账号的微信接口、群机器人、代理、本机时间和数据文件夹是否正常，不正常的写明怎么办')
    .option('-c, --config <file>', '配置文件', defaultConfig)
    .option('--db <file>', '数据文件（只检查它所在的文件夹能否写入，不读写文件本身）', defaultStorePath)
    .option('--json', '以 JSON 格式输出结果（供其他程序读取）', false)
    .option('--send', '往每个群机器人真的发一条测试消息', false)
    .action(async (o: { config: string; db: string; json: boolean; send: boolean }) => {
      exit.code = await (await import('./commands/doctor.ts')).runDoctorCommand(o, io);
    });

  root
    .command('demo')
    .description('在本机启动模拟的微信接口和政务网站，完整演示一次巡检（不访问互联网）')
    .option('--db <file>', '演示用的数据文件', 'data/demo.json')
    .option('--json', '以 JSON 格式输出结果', false)
    .option('--web', '演示结束后继续运行状态网页，在浏览器里查看结果（按 Ctrl+C 结束）', false)
    .action(async (o: { db: string; json: boolean; web: boolean }) => {
      exit.code = await (await import('./commands/demo.ts')).runDemo({ db: o.db, json: o.json, web: o.web }, io);
    });

  return root;
}

/** Run the CLI and return the exit code: 0 nothing failed, 1 something failed, 2 bad config or usage. */
export async function main(argv: readonly string[], io: CliIo = processIo): Promise<number> {
  const exit = { code: exitCodes.ok as number };
  try {
    await program(io, exit).parseAsync([...argv], { from: 'user' });
    return exit.code;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.exitCode === 0) return exitCodes.ok; // --help, --version
      io.stderr(`命令用法不对：${error.message.replace(/^error: /, '')}\n运行 menu-patrol --help 查看用法。\n`);
      return exitCodes.badSetup;
    }
    if (error instanceof ConfigError || error instanceof UsageError || error instanceof StoreError) {
      io.stderr(`${error.message}\n`);
      return exitCodes.badSetup;
    }
    throw error;
  }
}
