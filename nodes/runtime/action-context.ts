// What every message of one action node shares: the node, its saved properties, the catalog
// object and operation, the account, and the helpers built once at deploy.
import type { Action, CatalogObject, Operation, RecordSchema } from '../catalog/types';
import type { AccountService } from '../twilio/account-service';
import type { RecordShaper } from '../response/record-shaper';
import type { Reservation } from '../twilio/account-limiter';
import type { ActionNodeConfig } from './action-config';
import type { MessageActivity, NodeActivity } from './node-status';
import type { NodeMessage, RedApi, RedNode } from '../common/untyped';
import type { Cancel } from '../common/cancel';

export interface ActionContext {
  RED: RedApi;
  node: RedNode;
  config: ActionNodeConfig;
  action: Action;
  obj: CatalogObject;
  op: Operation;
  service: AccountService;
  /** the product's Twilio host (api.twilio.com, verify.twilio.com, …) */
  host: string;
  /** Get, Query and Delete may be sent again; Create and Update never once they may have arrived */
  idempotent: boolean;
  /** the record field that names a record (sid, call_sid, phone_number, …) */
  identity: string;
  /** the operation's response schema, when it has one */
  schema?: RecordSchema;
  /** an XML request document's root element (e.g. Message), as the request profile shows */
  requestElement?: string;
  shaper: RecordShaper;
  activity: NodeActivity;
  limit: number;
  pageSize: number;
  /** a tracking record in the Node-RED log for the configured direction */
  track: (direction: 'input' | 'output', info: Record<string, unknown>) => void;
  /** a warning shown once per deployed node */
  warnOnce: (text: string) => void;
}

/** One input message on its way through the node. */
export interface Job {
  msg: NodeMessage;
  cancel: Cancel;
  stop: boolean;
  /** a request of this job is (or was, when it failed) on its way to Twilio */
  sent?: boolean;
  /** the account queue place taken on arrival, until the first request claims it */
  reservation?: Reservation;
  /** the message's part in the node status (queued, in flight, backing off) */
  activity: MessageActivity;
  /** the chain and account the message addressed, once known */
  requested?: { chain: string; accountSid: string };
}
