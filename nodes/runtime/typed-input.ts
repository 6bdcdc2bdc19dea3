// typedInput values, evaluated asynchronously: jsonata expressions and async context
// stores only work through evaluateNodeProperty's callback form.
import type { NodeMessage, RedApi, RedNode } from '../common/untyped';

export function evaluateProperty(RED: RedApi, node: RedNode, value: unknown, type: string | undefined, msg: NodeMessage): Promise<unknown> {
  if (!type) return Promise.resolve(value);
  return new Promise((resolve, reject) => {
    RED.util.evaluateNodeProperty(value, type, node, msg, (err: Error | null, result: unknown) => {
      if (err) reject(err);
      else resolve(result);
    });
  });
}

export interface TypedRow {
  value?: unknown;
  valueType?: string;
}

/** Evaluates the value of every row; rows keep their other properties. */
export function evaluateRows<T extends TypedRow>(RED: RedApi, node: RedNode, rows: T[] | undefined, msg: NodeMessage): Promise<Array<T & { value: unknown }>> {
  return Promise.all((rows || []).map(async (row) => ({
    ...row,
    value: await evaluateProperty(RED, node, row.value, row.valueType || 'str', msg),
  })));
}
