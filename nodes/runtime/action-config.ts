// An action node's saved properties (a public contract: users' flow files hold them) and the
// checks that tell, once at deploy, why a node cannot work.
import type { Action, CatalogObject, Operation } from '../catalog/types';
import { ErrorCodes, TwilioNodeError, type ProjectErrorCode } from '../common/errors';
import { t } from '../common/i18n';
import type { FilterRow } from '../request/filters';
import type { OutputMode } from './query-paging';

export interface ActionNodeConfig {
  id: string;
  type: string;
  name?: string;
  account: string;
  object: string;
  sid?: string;
  sidType?: string;
  request?: string;
  requestType?: string;
  format?: 'json' | 'xml';
  dates?: 'rfc2822' | 'iso';
  errorOutput?: boolean;
  /** Get/Query: output credential fields (an Auth Token) as Twilio sends them; off by default */
  revealCredentials?: boolean;
  tracking?: 'none' | 'input' | 'output';
  /** empty = all fields; null = none checked, which the editor marks invalid */
  fields?: string[] | null;
  filters?: Array<{ field: string; op: FilterRow['op']; value: unknown; valueType?: string }>;
  limit?: number | string;
  pageSize?: number | string;
  outputMode?: OutputMode;
  params?: Array<{ name: string; value: unknown; valueType?: string }>;
  /** Get: '' = the record; a format of the object's content (`mp3`, `wav`, `txt`, `media`) = its content */
  content?: string;
  /** Get content: the most megabytes accepted (default 50) */
  contentLimit?: number | string;
}

/** A whole number in [min, max]; empty means the default; anything else is undefined. */
export function wholeNumber(v: unknown, dflt: number, min: number, max: number): number | undefined {
  if (v === undefined || v === null || v === '') return dflt;
  const n = typeof v === 'number' ? v : Number(String(v).trim());
  return Number.isInteger(n) && n >= min && n <= max ? n : undefined;
}

/** The query's record limit (0 = all) and page size, or undefined when the saved value is bad. */
export function pagingOf(config: ActionNodeConfig): { limit?: number; pageSize?: number } {
  return {
    limit: wholeNumber(config.limit, 0, 0, Number.MAX_SAFE_INTEGER),
    pageSize: wholeNumber(config.pageSize, 50, 1, 1000),
  };
}

interface SetupFacts {
  action: Action;
  obj?: CatalogObject;
  op?: Operation;
  hasAccount: boolean;
}

/** Why a deployed node cannot work, as a fresh Error per call (for its stack); undefined when it can. */
export function setupProblem(config: ActionNodeConfig, f: SetupFacts): (() => TwilioNodeError) | undefined {
  const { limit, pageSize } = pagingOf(config);
  let problem: { key: string; vars?: Record<string, unknown>; code: ProjectErrorCode } | undefined;
  if (!f.hasAccount) problem = { key: 'noAccount', code: ErrorCodes.credentials };
  else if (!f.obj) problem = { key: 'unknownObject', vars: { object: config.object }, code: ErrorCodes.invalidObject };
  else if (!f.op) problem = { key: 'unsupportedAction', vars: { object: f.obj.label, action: f.action }, code: ErrorCodes.invalidObject };
  else if (config.fields === null) problem = { key: 'noFields', code: ErrorCodes.invalidRequest };
  else if (f.action === 'query' && limit === undefined) problem = { key: 'badLimit', vars: { value: config.limit }, code: ErrorCodes.invalidRequest };
  else if (f.action === 'query' && pageSize === undefined) problem = { key: 'badPageSize', vars: { value: config.pageSize }, code: ErrorCodes.invalidRequest };
  if (!problem) return undefined;
  const p = problem;
  return () => new TwilioNodeError(t(`errors.${p.key}`, p.vars), p.code).withStatus(t(`status.setup.${p.key}`));
}
