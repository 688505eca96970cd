import type { Viewer } from '../auth.ts';
import { Layout } from '../layout.tsx';
import { accountStates, sortKeys, type AccountState, type Overview, type OverviewRow } from '../view-model.ts';

export const stateClass: Record<AccountState, string> = { 有问题: 'bad', 读取失败: 'bad', 未巡检: 'muted', 正常: 'good' };

export function accountHref(name: string): string {
  return `/accounts/${encodeURIComponent(name)}`;
}

function Row({ row, model }: { row: OverviewRow; model: Overview }) {
  return (
    <li class={`account ${stateClass[row.state]}`}>
      <div class="line">
        <a class="name" href={accountHref(row.name)}>{row.name}</a>
        <span class={`state ${stateClass[row.state]}`}>{row.state}</span>
      </div>
      {row.unit ? <div class="unit">{row.unit}</div> : null}
      <dl>
        {row.open > 0 ? (
          <div>
            <dt>未整改问题</dt>
            <dd>
              {row.open} 个{row.since ? `，从 ${row.since.at} 起（${row.since.age}）` : ''}
            </dd>
          </div>
        ) : null}
        <div>
          <dt>负责人</dt>
          <dd>{row.owners || '未登记'}</dd>
        </div>
        {row.countdown && row.countdown !== model.countdown ? (
          <div>
            <dt>检查倒计时</dt>
            <dd>{row.countdown}</dd>
          </div>
        ) : null}
        <div>
          <dt>{row.notChecked && !row.sweeping ? '说明' : '上次巡检'}</dt>
          <dd>{row.sweeping ? '正在巡检…' : (row.lastSweep ?? row.notChecked ?? '还没有巡检过')}</dd>
        </div>
        {row.nextSweep !== model.nextSweep ? (
          <div>
            <dt>下次巡检</dt>
            <dd>{row.nextSweep ?? '没有定时巡检'}</dd>
          </div>
        ) : null}
      </dl>
    </li>
  );
}

/** Filters and sorting are a plain GET form: they work without the script, and the address can be bookmarked. */
function Filters({ model }: { model: Overview }) {
  const { filter } = model;
  return (
    <form class="filters" method="get" action="/">
      <label>
        单位
        <select name="unit">
          <option value="">全部单位</option>
          {model.units.map((u) => (
            <option value={u} selected={filter.unit === u}>{u}</option>
          ))}
        </select>
      </label>
      <label>
        状态
        <select name="state">
          <option value="">全部状态</option>
          {accountStates.map((s) => (
            <option value={s} selected={filter.state === s}>{`${s}（${model.counts[s]}）`}</option>
          ))}
        </select>
      </label>
      <label>
        排序
        <select name="sort">
          {Object.entries(sortKeys).map(([key, label]) => (
            <option value={key} selected={filter.sort === key}>{label}</option>
          ))}
        </select>
      </label>
      <button type="submit">查看</button>
    </form>
  );
}

export function OverviewPage(props: { model: Overview; viewer: Viewer; csrf: string }) {
  const { model } = props;
  return (
    <Layout title="总览" viewer={props.viewer} csrf={props.csrf} current="overview" live>
      <h1>各账号巡检情况</h1>
      <p class="summary">
        {accountStates.filter((s) => model.counts[s] > 0).map((s) => (
          <span class={`pill ${stateClass[s]}`}>{`${s} ${model.counts[s]} 个`}</span>
        ))}
      </p>
      <p class="updated">
        {model.lastSweep ? `数据更新于 ${model.lastSweep}（最近一次巡检完成时）` : '还没有巡检记录'}
        {model.nextSweep ? `，下次定时巡检 ${model.nextSweep}` : ''}
      </p>
      {model.countdown ? <p class="countdown">{model.countdown}</p> : null}
      <Filters model={model} />
      {model.rows.length > 0 ? (
        <ul class="accounts">
          {model.rows.map((row) => (
            <Row row={row} model={model} />
          ))}
        </ul>
      ) : (
        <p class="empty">没有符合条件的账号。</p>
      )}
    </Layout>
  );
}
