// Checks one static value of a dialog (a Sid chain, a parameter, a filter) with the runtime's
// own parsers, so the editor marks exactly what the node would refuse at run time.
import type { CatalogObject, Operation } from '../catalog/types';
import { parseSidChain } from '../request/sid-chain';
import { buildQueryParams, FilterOp } from '../request/filters';
import { encodeValue } from '../request/param-values';
import { ErrorCodes } from '../common/errors';
import { t } from '../common/i18n';
import { operationLabel } from '../common/hints';

export type CheckKind = 'sid' | 'param' | 'filter';
export interface ValueCheck {
  kind: CheckKind;
  /** the parameter or filter name (not for a Sid) */
  name?: string;
  /** the filter's operator */
  op?: string;
  value: string;
}

const FILTER_OPS: readonly string[] = ['eq', 'before', 'on', 'after'];

function checkParam(op: Operation, name: string, value: string): void {
  const param = (op.params || op.query || []).find((p) => p.name === name);
  // an unknown row is marked by the dialog itself; blank means "not sent"
  if (!param || value === '') return;
  const subject = t('errors.subjectParam', { name, operation: operationLabel(op) });
  encodeValue(param, value, { subject, code: ErrorCodes.invalidParameter });
}

function checkFilter(op: Operation, name: string, rowOp: string | undefined, value: string): void {
  if (!(op.filters || []).some((f) => f.name === name) || value === '') return;
  const filterOp = (FILTER_OPS.includes(rowOp || '') ? rowOp : 'eq') as FilterOp;
  buildQueryParams(op, [{ field: name, op: filterOp, value }]);
}

/** null when the runtime would accept the value, else the runtime's own error text. */
export function checkStaticValue(obj: CatalogObject, op: Operation, check: ValueCheck): string | null {
  try {
    if (check.kind === 'sid') parseSidChain(obj, op, check.value);
    else if (check.kind === 'param') checkParam(op, check.name || '', check.value);
    else checkFilter(op, check.name || '', check.op, check.value);
    return null;
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  }
}
