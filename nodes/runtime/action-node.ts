// An action node (get, query, create, update, delete) on any catalog object: wires the node to
// its account and hands each input message to the one operation path (operation.ts).
import type { Action } from '../catalog/types';
import { findObject, productOf, schemaOf } from '../catalog/catalog';
import type { AccountService } from '../twilio/account-service';
import { ErrorCodes, TwilioNodeError, forNodeRed } from '../common/errors';
import { t } from '../common/i18n';
import { RecordShaper } from '../response/record-shaper';
import type { ActionContext, Job } from './action-context';
import { pagingOf, setupProblem, type ActionNodeConfig } from './action-config';
import { NodeActivity } from './node-status';
import { runOperation } from './operation';
import { isEmptyQueryResult } from './query-paging';
import { endWithFailure } from './outcome';
import type { RedApi, RedNode } from '../common/untyped';
import { Cancel } from '../common/cancel';

export type { ActionNodeConfig } from './action-config';

const IDEMPOTENT: Record<Action, boolean> = { get: true, query: true, delete: true, create: false, update: false };
// Well inside Node-RED's 15 s close timeout.
const CLOSE_ABORT_MS = 10000;

/** Everything a message needs from this node, built once at deploy. */
function buildContext(RED: RedApi, node: RedNode, config: ActionNodeConfig, action: Action, service: AccountService,
  activity: NodeActivity): ActionContext {
  const obj = findObject(config.object)!;
  const op = obj.actions[action]!;
  const schema = schemaOf(op);
  const { limit, pageSize } = pagingOf(config);
  let warned = false;
  return {
    RED, node, config, action, obj, op, service,
    host: productOf(obj.id)!.host,
    idempotent: IDEMPOTENT[action],
    identity: schema ? schema.identity : 'sid',
    schema,
    requestElement: schema ? schema.element : undefined,
    shaper: new RecordShaper(schema, {
      fields: Array.isArray(config.fields) ? config.fields : [],
      dates: config.dates === 'iso' ? 'iso' : 'rfc2822',
      format: config.format === 'xml' ? 'xml' : 'json',
      // only a Get or Query may reveal: a Create/Update answering with a record never does
      revealCredentials: (action === 'get' || action === 'query') && config.revealCredentials === true,
    }),
    activity,
    limit: limit as number,
    pageSize: pageSize as number,
    track: (direction, info) => {
      if (config.tracking === direction) node.log(t(`tracking.${direction}`, { object: config.object, action, ...info }));
    },
    warnOnce: (text) => {
      if (!warned) node.warn(text);
      warned = true;
    },
  };
}

/** Aborts what is in flight and waits (bounded) until every job has ended and called done. */
function closeJobs(jobs: Set<Job>, finish: () => void): void {
  for (const j of jobs) j.cancel.abort();
  if (jobs.size === 0) return finish();
  const started = Date.now();
  const timer = setInterval(() => {
    if (jobs.size === 0 || Date.now() - started > CLOSE_ABORT_MS) {
      clearInterval(timer);
      finish();
    }
  }, 20);
}

/** `runtime` is the RED object a node module's init function receives. */
export function registerActionNode(runtime: unknown, type: string, action: Action): void {
  const RED = runtime as RedApi;
  function ActionNode(this: RedNode, config: ActionNodeConfig) {
    RED.nodes.createNode(this, config);
    const node = this;
    const accountNode = RED.nodes.getNode(config.account) as { service?: AccountService } | null;
    const service = accountNode ? accountNode.service : undefined;
    const obj = findObject(config.object);
    const problem = setupProblem(config, { action, obj, op: obj && obj.actions[action], hasAccount: !!service });
    const activity = new NodeActivity(node);
    // Node-RED's validation cannot see a config node's credentials: say at deploy what every
    // message would hit (the full text comes with the first message's error).
    const blocked = problem ? problem() : service && service.credentialsProblem();
    if (blocked) activity.problem(blocked);
    const ctx = problem ? undefined : buildContext(RED, node, config, action, service as AccountService, activity);
    if (service) service.retain(node);
    const jobs = new Set<Job>();
    let closing = false;

    node.on('input', (msg, send, done) => {
      if (closing) return done(forNodeRed(new TwilioNodeError(t('errors.closing'), ErrorCodes.closed)));
      if (action === 'query' && msg && msg.stop === true) {
        for (const j of jobs) j.stop = true;
        return done();
      }
      if (!ctx) return done(forNodeRed((problem as () => TwilioNodeError)()));
      // A query found nothing: there is nothing to act on, and a join downstream still completes.
      if (isEmptyQueryResult(msg)) {
        send(msg);
        return done();
      }
      // The message's place in the account's FIFO is its arrival, not the end of its preparation.
      const job: Job = {
        msg, cancel: new Cancel(), stop: false, reservation: ctx.service.limiter.reserve(), activity: ctx.activity.begin(),
      };
      jobs.add(job);
      const settle = () => {
        jobs.delete(job);
        if (job.reservation) job.reservation.cancel();
      };
      runOperation(ctx, job, send).then(() => {
        settle();
        job.activity.end();
        done();
      }, (err) => {
        settle();
        endWithFailure(ctx, job, err, closing, send, done);
      });
    });

    node.on('close', (_removed: boolean, done: () => void) => {
      closing = true;
      closeJobs(jobs, () => {
        activity.clear();
        if (service) service.release(node);
        done();
      });
    });
  }
  RED.nodes.registerType(type, ActionNode);
}
