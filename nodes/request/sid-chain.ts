// Sid chains (docs/architecture.md, "nodes/request/"): "ConferenceSid:CallSid", optionally led by an Account Sid.
import type { CatalogObject, ChainPart, Operation } from '../catalog/types';
import { ErrorCodes, TwilioNodeError } from '../common/errors';
import { t } from '../common/i18n';
import { userText } from '../common/hints';
import { patternOf } from './param-values';

export const ACCOUNT_SID_PATTERN = /^AC[0-9a-fA-F]{32}$/;
// A part with no spec pattern (a participant label, a country code) must not be able to
// change the path it is put into.
const UNSAFE_PART = /[/?#:%]/;

export interface ParsedChain {
  /** the leading Account Sid, when the chain has one */
  accountSid?: string;
  /** the other parts, in path order, not yet encoded */
  parts: string[];
}

function partLabel(part: ChainPart, obj: CatalogObject): string {
  return part.name === 'Sid' ? `${obj.label.replace(/[^A-Za-z0-9]/g, '')}Sid` : part.name;
}

/** The chain a user types for this operation, e.g. `[AccountSid:]ConferenceSid:CallSid`. */
export function chainHint(obj: CatalogObject, op: Operation): string {
  const names = op.chain.map((p) => partLabel(p, obj));
  if (!op.accountScoped) return names.join(':');
  return names.length ? `[AccountSid:]${names.join(':')}` : '[AccountSid]';
}

function fail(obj: CatalogObject, op: Operation, key: string, vars: Record<string, unknown>): never {
  throw new TwilioNodeError(
    t(`errors.${key}`, { ...vars, expected: chainHint(obj, op), object: obj.label }),
    ErrorCodes.invalidSidChain,
  );
}

/**
 * The chain's parts: a colon-separated string, or an array of parts (for identities that hold
 * ':' or '/', a Sync map key or a `whatsapp:+1…` address), each part then taken whole.
 */
function rawParts(obj: CatalogObject, op: Operation, value: unknown): { raw: string[]; text: string; whole: boolean } {
  if (value === undefined || value === null) value = '';
  if (Array.isArray(value)) {
    const n = op.chain.length;
    const asParts = value.every((v) => typeof v === 'string') && (value.length === n
      || (op.accountScoped && value.length === n + 1 && ACCOUNT_SID_PATTERN.test(String(value[0]).trim())));
    if (!asParts) fail(obj, op, 'sidArray', { count: value.length });
    return { raw: (value as string[]).map((s) => s.trim()), text: value.join(':'), whole: true };
  }
  if (typeof value !== 'string') fail(obj, op, 'sidNotText', { type: typeof value });
  const text = (value as string).trim();
  return { raw: text === '' ? [] : text.split(':').map((s) => s.trim()), text, whole: false };
}

export function parseSidChain(obj: CatalogObject, op: Operation, value: unknown): ParsedChain {
  const { raw, text, whole } = rawParts(obj, op, value);
  const n = op.chain.length;
  let accountSid: string | undefined;
  let parts = raw;
  if (op.accountScoped && raw.length === n + 1) {
    accountSid = raw[0];
    parts = raw.slice(1);
    if (!ACCOUNT_SID_PATTERN.test(accountSid)) fail(obj, op, 'badAccountSid', { value: userText(accountSid) });
  } else if (raw.length !== n) {
    fail(obj, op, 'sidCount', { count: raw.length, value: userText(text) });
  }
  for (let i = 0; i < op.chain.length; i++) {
    const part = op.chain[i];
    const v = parts[i];
    if (!v) fail(obj, op, 'sidEmpty', { part: partLabel(part, obj) });
    if (part.pattern) {
      if (!patternOf(part.pattern).test(v)) fail(obj, op, 'sidPattern', { part: partLabel(part, obj), value: userText(v), pattern: part.pattern });
    } else if (v === '..' || v === '.') {
      fail(obj, op, whole ? 'sidPartUnsafe' : 'sidUnsafe', { part: partLabel(part, obj), value: userText(v) });
    } else if (!whole && UNSAFE_PART.test(v)) {
      // In the string form ':' separates parts; an identity holding ':' or '/' comes as an array.
      fail(obj, op, 'sidUnsafe', { part: partLabel(part, obj), value: userText(v) });
    }
  }
  return { accountSid, parts };
}

/** An operation's path cut at its placeholders, once: [text, name, text, name, …, text]. */
const pathPieces = new WeakMap<Operation, string[]>();
function piecesOf(op: Operation): string[] {
  let pieces = pathPieces.get(op);
  if (!pieces) pathPieces.set(op, (pieces = op.path.split(/\{([^}]+)\}/)));
  return pieces;
}

/** The request path for an operation, parts percent-encoded. */
export function buildPath(op: Operation, accountSid: string, parts: string[]): string {
  const pieces = piecesOf(op);
  let path = pieces[0];
  let next = 0;
  for (let i = 1; i < pieces.length; i += 2) {
    path += encodeURIComponent(pieces[i] === 'AccountSid' ? accountSid : parts[next++]) + pieces[i + 1];
  }
  return path;
}

/**
 * The full chain of a record: the parts of the object's instance operation, read from the
 * record where it carries them, else from the parents the request used.
 */
export function recordChain(
  obj: CatalogObject, identity: string, parents: string[], record: Record<string, unknown> | undefined,
): string[] {
  const instance = obj.actions.get || obj.actions.update || obj.actions.delete;
  const value = (field?: string) => {
    const v = field && record ? record[field] : undefined;
    return v === undefined || v === null ? undefined : String(v);
  };
  if (!instance) {
    const own = value(identity);
    // a record whose identity is a parent's (a message's Feedback) is addressed by its parents
    const list = obj.actions.create || obj.actions.query;
    const parentsIdentity = !!list && list.chain.some((part) => part.field === identity);
    return own === undefined || parentsIdentity ? parents.slice() : [...parents, own];
  }
  // the last part falls back to the record's identity: a delete-only instance names no fields, and
  // a Create may answer with another kind of record (a caller ID's validation request)
  const last = instance.chain.length - 1;
  return instance.chain
    .map((part, i) => value(part.field) ?? parents[i] ?? (i === last ? value(identity) : undefined) ?? '')
    .filter((p) => p !== '');
}

export function formatChain(accountPrefix: string | undefined, parts: string[]): string {
  return (accountPrefix ? [accountPrefix, ...parts] : parts).join(':');
}

/** msg.sid of an output: the chain text, or its array of parts when a part holds ':' (fed back as is). */
export function chainValue(accountPrefix: string | undefined, parts: string[]): string | string[] {
  const all = accountPrefix ? [accountPrefix, ...parts] : parts;
  return all.some((p) => p.includes(':')) ? all : all.join(':');
}
