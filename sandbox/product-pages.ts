// What the product APIs answer differently from v2010, in the sandbox: pages with `meta`
// (absolute next_page_url on the product's own host, records under meta.key) and JSON
// request bodies checked against the operation's schema (docs/catalog.md, "Sandbox").
import type { Operation } from '../nodes/catalog/types';
import { jsonProblem } from '../nodes/request/json-body';
import { invalidParameterError } from './errors';
import type { OpRequest } from './operations';
import type { Rec } from './records';
import type { Paging } from './validate';

/** One page of a product list, as Twilio's product APIs shape it. */
export function metaPage(op: Operation, host: string, req: OpRequest, records: readonly Rec[], shown: unknown[], paging: Paging,
  start: number, more: boolean, identity: string): Record<string, unknown> {
  const key = op.recordKey ?? 'records';
  const filters = Object.entries(req.query).filter(([k]) => k !== 'PageSize' && k !== 'Page' && k !== 'PageToken');
  const url = (pageNo: number, token?: string): string => {
    const qs = filters
      .flatMap(([k, v]) => (Array.isArray(v) ? v : [v]).map((x) => `${encodeURIComponent(k)}=${encodeURIComponent(x)}`))
      .concat([`PageSize=${paging.pageSize}`, `Page=${pageNo}`])
      .concat(token ? [`PageToken=${encodeURIComponent(token)}`] : []);
    return `https://${host}${req.path}?${qs.join('&')}`;
  };
  const last = records[records.length - 1];
  const tokenOf = (r: Rec | undefined, i: number) => (r && r[identity] !== undefined && r[identity] !== null ? String(r[identity]) : `@${i}`);
  return {
    [key]: shown,
    meta: {
      page: paging.page,
      page_size: paging.pageSize,
      first_page_url: url(0),
      previous_page_url: paging.page > 0 && records.length ? url(paging.page - 1, 'PB' + tokenOf(records[0], start)) : null,
      url: url(paging.page, paging.pageToken),
      next_page_url: more && last ? url(paging.page + 1, 'PA' + tokenOf(last, start + records.length - 1)) : null,
      key,
    },
  };
}

/** A JSON body against the operation's schema; 400 (21241-like invalid parameter) naming where it fails. */
export function checkJsonBody(op: Operation, body: unknown): void {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) throw invalidParameterError('The request body must be a JSON object');
  const problem = jsonProblem(op.bodySchema, body);
  if (problem) throw invalidParameterError(`Invalid JSON body at ${problem[0] || '(body)'}: ${problem[1]}`);
}
