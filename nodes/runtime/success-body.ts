// What a success answer must carry: the spec's record for the operation (a JSON object, with
// its identity field where the schema has one), or no body where the spec declares none. A 2xx
// that is anything else (truncated JSON, HTML, an array, a string, empty) is BAD_RESPONSE, never
// a payload (docs/reliability.md). A Create/Update may still have been carried out by Twilio.
import type { Operation, RecordSchema } from '../catalog/types';
import { ErrorCodes, TwilioNodeError } from '../common/errors';
import { t } from '../common/i18n';
import { operationLabel, showValue } from '../common/hints';

/* eslint-disable @typescript-eslint/no-explicit-any */
function describe(body: unknown): string {
  if (body === null || body === undefined || body === '') return t('errors.foundEmpty');
  return showValue(body);
}

function problemOf(op: Operation, schema: RecordSchema | undefined, status: number, body: any): string | undefined {
  const expectsBody = status !== 204 && !!op.response;
  if (!expectsBody) return body === null || body === undefined || body === '' ? undefined : t('errors.foundBody', { what: describe(body) });
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    return t('errors.foundNotObject', { element: schema ? schema.element : 'record', what: describe(body) });
  }
  const identity = schema && schema.fields.some((f) => f.name === schema.identity) ? schema.identity : undefined;
  if (identity && body[identity] === undefined) return t('errors.foundNoIdentity', { field: identity });
  return undefined;
}

/** Throws BAD_RESPONSE when a 2xx answer is not what the spec declares for the operation. */
export function checkSuccessBody(op: Operation, schema: RecordSchema | undefined, status: number, body: unknown, idempotent: boolean): void {
  const found = problemOf(op, schema, status, body);
  if (found === undefined) return;
  const err = new TwilioNodeError(t('errors.badRecord', { status, operation: operationLabel(op), found }), ErrorCodes.badResponse);
  if (!idempotent) err.mayHaveBeenProcessed = true;
  throw err;
}
