import type { RowProblem } from './columns.ts';
import type { ImportPlan } from './update-config.ts';

/** What the import will do, account by account, in the words of the sheet. */
export function describePlan(plan: ImportPlan, configFile: string): string {
  const added = plan.changes.filter((c) => c.kind === 'add');
  const updated = plan.changes.filter((c) => c.kind === 'update');
  const lines = [`从表格导入到 ${configFile}：新增 ${added.length} 个账号，修改 ${updated.length} 个，${plan.unchanged} 个没有变化。`];
  for (const c of added) lines.push(`  + ${c.name}：${c.fields.map((f) => `${f.field} ${f.after}`).join('；')}`);
  for (const c of updated) lines.push(`  ~ ${c.name}：${c.fields.map((f) => `${f.field} “${f.before}” → “${f.after}”`).join('；')}`);
  if (plan.notInSheet.length > 0) lines.push(`配置里有、表格里没有的账号（没有删除；如果已经停用，请手动从配置里删除）：${plan.notInSheet.join('、')}`);
  if (plan.secretsToSet.length > 0) {
    lines.push('新填了 AppID 的账号，请把它的 AppSecret 放进环境变量（配置文件里只写变量名）：');
    for (const s of plan.secretsToSet) lines.push(`  ${s.env}（${s.account}）`);
  }
  return `${lines.join('\n')}\n`;
}

export function describeProblems(problems: readonly RowProblem[], sheetFile: string): string {
  return `表格 ${sheetFile} 有 ${problems.length} 处需要改正，配置文件没有改动：\n${problems.map((p) => `  - 第 ${p.row} 行${p.seq ? `（序号 ${p.seq}）` : ''}：${p.message}`).join('\n')}\n全部改好后再导入。\n`;
}
