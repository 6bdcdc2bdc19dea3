// twilio-webhook's runtime: registers the route, verifies each request's signature, replays
// remembered answers to Twilio's retries, emits the rest with msg.req/msg.res, and answers
// empty TwiML itself on timeout and on close (docs/webhooks.md).
import { catalogSection } from '../common/i18n';
import { BodyError, contentKind, parseForm, parseJson, readRawBody, type BodyReq } from './body';
import { ANSWER_TIMEOUT_MS, PendingAnswer } from './answer';
import { IdempotencyCache } from './idempotency';
import { jsonParams, summarise } from './message';
import { holdRoute, normalisePath, type HeldRoute } from './routes';
import { signedUrl } from './signed-url';
import { verifySignature, type Params } from './signature';

/* eslint-disable @typescript-eslint/no-explicit-any */
export const webhookText = catalogSection('runtime', 'twilio-webhook');

export interface WebhookConfig {
  id: string;
  name?: string;
  url?: string;
  method?: string;
  account?: string;
  publicUrl?: string;
  behindProxy?: boolean;
  events?: string;
}

function answerText(res: any, status: number, text: string): void {
  if (res.headersSent) return;
  res.statusCode = status;
  res.setHeader('Content-Type', 'text/plain; charset=utf-8');
  res.end(text);
}

function queryOf(req: any): Params {
  const url = String(req.originalUrl ?? req.url ?? '');
  const q = url.indexOf('?');
  return q < 0 ? {} : parseForm(url.slice(q + 1));
}

export function registerWebhookNode(RED: any): void {
  function TwilioWebhookNode(this: any, config: WebhookConfig) {
    RED.nodes.createNode(this, config);
    const node = this;
    const method: 'GET' | 'POST' = config.method === 'GET' ? 'GET' : 'POST';
    const path = normalisePath(config.url || '');
    const events = config.events || 'any';
    const urlOptions = { publicUrl: config.publicUrl, behindProxy: Boolean(config.behindProxy) };
    const timeoutMs = Number(RED.settings?.twilioWebhookAnswerTimeout) || ANSWER_TIMEOUT_MS;
    const cache = new IdempotencyCache();
    const pending = new Set<PendingAnswer>();
    let refused = 0;
    let route: HeldRoute | undefined;

    const authToken = (): string | undefined => RED.nodes.getNode(config.account)?.credentials?.authToken || undefined;
    const showRefused = () => node.status({ fill: 'red', shape: 'ring', text: webhookText('status.refused', { count: refused }) });

    if (!config.url) {
      node.error(webhookText('errors.noUrl'));
      return;
    }
    if (!authToken()) {
      node.warn(webhookText('errors.noToken'));
      node.status({ fill: 'yellow', shape: 'ring', text: webhookText('status.noToken') });
    }

    const reader = (req: BodyReq, res: any, next: (e?: unknown) => void) => {
      if (method === 'POST' && contentKind(req) === 'other') return answerText(res, 415, webhookText('answers.contentType'));
      readRawBody(req).then(() => next(), (err: unknown) => {
        const e = err instanceof BodyError ? err : new BodyError(400, 'consumed');
        answerText(res, e.status, webhookText(`answers.${e.key}`));
      });
    };

    const onRequest = (req: BodyReq & { originalUrl?: string }, res: any) => {
      const kind = contentKind(req);
      const raw = req.twilioRawBody ?? Buffer.alloc(0);
      const form = method === 'POST' && kind !== 'json' ? parseForm(raw.toString('utf8')) : {};
      const verdict = verifySignature(authToken(), {
        method,
        url: signedUrl(req, urlOptions),
        signature: req.headers['x-twilio-signature'] as string | undefined,
        contentType: kind === 'other' ? 'none' : kind,
        rawBody: raw,
        form,
      });
      if (!verdict.ok) {
        refused++;
        showRefused();
        // Why, at debug level: never the signature, the token or the body.
        node.debug(webhookText(`refused.${verdict.reason}`, { method, path }));
        return answerText(res, 403, webhookText('answers.forbidden'));
      }
      const token = req.headers['i-twilio-idempotency-token'] as string | undefined;
      const remembered = cache.get(token);
      if (remembered) {
        res.writeHead(remembered.status, remembered.headers);
        return res.end(remembered.body);
      }
      let payload: unknown;
      try {
        payload = kind === 'json' ? parseJson(raw) : method === 'GET' ? queryOf(req) : form;
      } catch (e) {
        return answerText(res, 400, webhookText(`answers.${(e as BodyError).key}`));
      }
      const params = kind === 'json' ? jsonParams(payload) : (payload as Params);
      const answer = new PendingAnswer(res, {
        onNodeAnswered: (why) => { if (why === 'timeout') node.warn(webhookText('warnings.timeout', { seconds: timeoutMs / 1000 })); },
        onLateAnswer: () => node.warn(webhookText('warnings.late')),
        onFlowAnswered: (a) => { if (a.status >= 200 && a.status < 300) cache.remember(token, a); },
      }, timeoutMs);
      pending.add(answer);
      res.on('close', () => pending.delete(answer));
      node.send({ _msgid: RED.util.generateId(), payload, twilio: summarise(params, events), req, res: { _res: answer.guarded } });
    };

    try {
      // httpNodeMiddleware applies as to core http in routes; the body is read before it runs.
      const middleware = RED.settings?.httpNodeMiddleware;
      const chain = typeof middleware === 'function' || Array.isArray(middleware) ? [middleware].flat() : [];
      route = holdRoute(RED.httpNode, method, path, reader, [...chain, onRequest]);
    } catch (err) {
      if ((err as Error).message !== 'duplicate') throw err;
      node.error(webhookText('errors.duplicateRoute', { method, url: path }));
      node.status({ fill: 'red', shape: 'dot', text: webhookText('status.duplicate') });
    }

    node.on('close', (_removed: boolean, done: () => void) => {
      for (const p of pending) p.answerEmpty('close');
      pending.clear();
      route?.release();
      cache.clear();
      node.status({});
      done();
    });
  }

  RED.nodes.registerType('twilio-webhook', TwilioWebhookNode);
}
