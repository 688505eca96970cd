/**
 * The route table of the simulated WeChat API. A new endpoint (material,
 * freepublish, …) is one more entry in a list passed to startWechatApi's table.
 */
import type { ApiAccess, Menu, WorldAccount } from './model.ts';

/** An account the API knows: it has credentials and a menu. */
export type ApiAccount = WorldAccount & { readonly api: ApiAccess; readonly menu: Menu };

export interface ApiRequest {
  readonly method: string;
  readonly path: string;
  readonly query: URLSearchParams;
  /** Parsed JSON body of a POST; undefined when absent, `null` when it was not JSON. */
  readonly body: unknown;
}

/** A file instead of JSON (media/get and get_material answer images and voices with the bytes). */
export class FileReply {
  constructor(
    readonly contentType: string,
    readonly bytes: Buffer,
  ) {}
}

export type Route =
  | {
      /** Needs `access_token`; the server checks it and hands over the account it belongs to. */
      readonly auth: 'token';
      readonly method: 'GET' | 'POST';
      readonly path: string;
      handle(account: ApiAccount, request: ApiRequest): unknown;
    }
  | {
      /** The token endpoints: they check appid/secret themselves. */
      readonly auth: 'credentials';
      readonly method: 'GET' | 'POST';
      readonly path: string;
      /** Which account the request is for, so faults can be injected and calls attributed. */
      appIdOf(request: ApiRequest): string | undefined;
      handle(request: ApiRequest): unknown;
    };
