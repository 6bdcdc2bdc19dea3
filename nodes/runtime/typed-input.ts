// typedInput values, evaluated asynchronously: jsonata expressions and async context
// stores only work through evaluateNodeProperty's callback form. A failure becomes the
// project's error naming the property and what went wrong (JSONata rejects with plain objects).
import { TwilioNodeError, type ProjectErrorCode } from '../common/errors';
import { t } from '../common/i18n';
import { userText } from '../common/hints';
import type { NodeMessage, RedApi, RedNode } from '../common/untyped';

/** Whose value is evaluated, for error texts: `Filter "DateSent" of Query Message`, and the code to end with. */
export interface Subject {
  text: string;
  code: ProjectErrorCode;
}

/** The reason an evaluation failed, from an Error or from JSONata's plain error objects. */
export function failureReason(err: unknown): string {
  if (err && typeof err === 'object') {
    const e = err as { message?: unknown; code?: unknown; position?: unknown };
    const message = typeof e.message === 'string' && e.message ? e.message : '';
    const code = typeof e.code === 'string' || typeof e.code === 'number' ? String(e.code) : '';
    const at = typeof e.position === 'number' ? t('errors.atPosition', { position: e.position }) : '';
    if (message || code) return userText([message, code && `(${code})`, at].filter(Boolean).join(' '), 200);
  }
  return userText(String(err), 200);
}

function evaluationError(subject: Subject, type: string, err: unknown): TwilioNodeError {
  const key = type === 'jsonata' ? 'errors.jsonataFailed' : 'errors.typedInputFailed';
  return new TwilioNodeError(t(key, { subject: subject.text, type, reason: failureReason(err) }), subject.code);
}

/** `subjectOf` names what was evaluated, asked only when it failed (texts cost a translation). */
export function evaluateProperty(RED: RedApi, node: RedNode, value: unknown, type: string | undefined, msg: NodeMessage,
  subjectOf?: () => Subject): Promise<unknown> {
  if (!type) return Promise.resolve(value);
  return new Promise((resolve, reject) => {
    const fail = (err: unknown) => reject(subjectOf ? evaluationError(subjectOf(), type, err) : err);
    try {
      RED.util.evaluateNodeProperty(value, type, node, msg, (err: unknown, result: unknown) => {
        if (err) fail(err);
        else resolve(result);
      });
    } catch (err) {
      fail(err);
    }
  });
}

export interface TypedRow {
  value?: unknown;
  valueType?: string;
}

/** Evaluates the value of every row; rows keep their other properties. */
export function evaluateRows<T extends TypedRow>(RED: RedApi, node: RedNode, rows: T[] | undefined, msg: NodeMessage,
  subjectOf?: (row: T) => Subject): Promise<Array<T & { value: unknown }>> {
  return Promise.all((rows || []).map(async (row) => ({
    ...row,
    value: await evaluateProperty(RED, node, row.value, row.valueType || 'str', msg, subjectOf && (() => subjectOf(row))),
  })));
}
