import { Layout } from '../layout.tsx';

export interface LoginProps {
  readonly csrf: string;
  /** The admin password is configured (web.adminPassword). */
  readonly enabled: boolean;
  /** Why the person is here again: a wrong password, a session that ran out or was tampered with. */
  readonly notice?: string | undefined;
}

/** Admins log in here; owners are told to use the link in their reminder instead. */
export function LoginPage(props: LoginProps) {
  return (
    <Layout title="登录">
      <section class="card login">
        <h1>请先登录</h1>
        {props.notice ? <p class="notice">{props.notice}</p> : null}
        <p>各账号的负责人：请点开提醒消息里的链接，不需要密码。</p>
        {props.enabled ? (
          <form method="post" action="/login">
            <input type="hidden" name="csrf" value={props.csrf} />
            <label>
              管理员密码
              <input type="password" name="password" autocomplete="current-password" required />
            </label>
            <button type="submit">登录</button>
          </form>
        ) : (
          <p>管理员登录没有开启：请在配置文件的 web.adminPassword 写上 env:变量名，并在环境变量里设置密码。</p>
        )}
      </section>
    </Layout>
  );
}
