// Types for what arrives untyped: Node-RED's runtime API (Node-RED ships no types), a flow
// message and a JSON answer from Twilio. Runtime code names them through these instead of
// `any`; the two `any`s left here are the deliberate ones, each with its reason.

/**
 * A flow message: whatever the flows before this node put there. Its properties stay `any`
 * on purpose: the operation checks each one it reads (msg.payload, msg.nextPageUri, …).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a message holds anything; readers check what they use
export type NodeMessage = Record<string, any>;

/**
 * A JSON body Twilio answered (a record, a page, an error). Its shape is the catalog's, not
 * a type's: code reads it field by field and checks what it relies on.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- shape given by the catalog at run time
export type TwilioJson = Record<string, any>;

/** What a two-output node sends: [output 1, output 2], null where nothing goes. */
export type Outputs = NodeMessage | Array<NodeMessage | null>;

export interface NodeStatus {
  fill?: 'red' | 'green' | 'yellow' | 'blue' | 'grey';
  shape?: 'ring' | 'dot';
  text?: string;
}

/** A node instance as RED.nodes.createNode leaves it. */
export interface RedNode {
  id: string;
  credentials?: Record<string, string | undefined>;
  on(event: 'input', handler: (msg: NodeMessage, send: (msg: Outputs) => void, done: (err?: Error) => void) => void): void;
  on(event: 'close', handler: (removed: boolean, done: () => void) => void): void;
  on(event: 'close', handler: (done: () => void) => void): void;
  status(status: NodeStatus): void;
  log(text: string): void;
  warn(text: string): void;
  error(text: string, msg?: NodeMessage): void;
}

/** RED as a node module's init function receives it. */
export interface RedApi {
  /** the message catalog lookup: "namespace:key" */
  _(key: string, vars?: Record<string, unknown>): string;
  nodes: {
    createNode(node: RedNode, config: object): void;
    getNode(id: string): unknown;
    getCredentials?(id: string): Record<string, unknown> | undefined;
    registerType(type: string, ctor: (this: never, config: never) => void, options?: object): void;
  };
  util: {
    evaluateNodeProperty(value: unknown, type: string, node: RedNode, msg: NodeMessage,
      callback: (err: Error | null, result: unknown) => void): void;
    cloneMessage(msg: NodeMessage): NodeMessage;
    generateId(): string;
  };
}
