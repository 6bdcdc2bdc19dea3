// Believable answers for the product flows users build most, beyond "store and return the
// record": Verify (a verification is pending; code 123456 approves it; no pending one → 20404)
// and Lookup v2 (answers for any E.164 number, line type with Fields=line_type_intelligence).
// Keyed by product and operationId, like the test-number table in data.ts.
import { notFoundError } from './errors';
import type { OpRequest, OpResult } from './operations';
import type { Rec } from './records';
import type { Store } from './store';

export const APPROVING_CODE = '123456';

export interface BehaviourContext {
  store: Store;
  /** the record as the operation's response schema shows it */
  respond: (rec: Rec) => Rec;
  /** the store key of an object's collection for this account and these parents */
  collectionKey: (objectId: string, parents: string[]) => string;
  /** the plain catalog behaviour (store, return the record) */
  generic: () => OpResult;
}

type Behaviour = (req: OpRequest, ctx: BehaviourContext) => OpResult;

const first = (v: unknown): string | undefined => (Array.isArray(v) ? v[0] : v === undefined ? undefined : String(v));

function createVerification(req: OpRequest, ctx: BehaviourContext): OpResult {
  const result = ctx.generic();
  const body = result.body as Rec;
  const key = ctx.collectionKey('verify.v2.Services.Verifications', [req.route.params.ServiceSid]);
  const collection = ctx.store.collection(key, false);
  const stored = collection?.byId.get(String(body.sid));
  if (stored) collection!.replace(String(body.sid), { ...stored, status: 'pending', valid: false });
  return { ...result, body: { ...body, status: 'pending', valid: false } };
}

function checkVerification(req: OpRequest, ctx: BehaviourContext): OpResult {
  const to = first(req.form.To);
  const sid = first(req.form.VerificationSid);
  const key = ctx.collectionKey('verify.v2.Services.Verifications', [req.route.params.ServiceSid]);
  const collection = ctx.store.collection(key, false);
  let pending = (collection?.newestFirst() ?? []).find((r) => r.status === 'pending' && (sid ? r.sid === sid : r.to === to));
  if (!pending || !collection) throw notFoundError(req.path);
  if (first(req.form.Code) === APPROVING_CODE) {
    pending = { ...pending, status: 'approved', valid: true, date_updated: new Date().toUTCString().replace('GMT', '+0000') };
    collection.replace(String(pending.sid), pending);
  }
  return { status: req.route.op.status, body: ctx.respond({ ...pending }) };
}

// Twilio's magic test numbers that Lookup treats as not a number.
const INVALID = new Set(['+15005550001']);

function lookupPhoneNumber(req: OpRequest, ctx: BehaviourContext): OpResult {
  const number = req.route.params.PhoneNumber;
  const e164 = /^\+[1-9]\d{7,14}$/.test(number) && !INVALID.has(number);
  const fields = String(first(req.query.Fields) ?? '').split(',').map((f) => f.trim());
  const nanp = e164 && number.startsWith('+1');
  const rec: Rec = {
    calling_country_code: e164 ? (nanp ? '1' : number.slice(1, 3)) : null,
    country_code: nanp ? 'US' : null,
    phone_number: number,
    national_format: nanp ? `(${number.slice(2, 5)}) ${number.slice(5, 8)}-${number.slice(8)}` : null,
    valid: e164,
    validation_errors: e164 ? [] : ['NOT_A_NUMBER'],
    line_type_intelligence: e164 && fields.includes('line_type_intelligence')
      ? { mobile_country_code: '310', mobile_network_code: '456', carrier_name: 'Sandbox Wireless', type: 'mobile', error_code: null }
      : null,
    url: `https://lookups.twilio.com/v2/PhoneNumbers/${encodeURIComponent(number)}`,
  };
  return { status: req.route.op.status, body: ctx.respond(rec) };
}

const BEHAVIOURS: Record<string, Behaviour> = {
  'verify.v2 CreateVerification': createVerification,
  'verify.v2 CreateVerificationCheck': checkVerification,
  'lookups.v2 FetchPhoneNumber': lookupPhoneNumber,
};

export function behaviourOf(product: string | undefined, operationId: string): Behaviour | undefined {
  return product ? BEHAVIOURS[`${product} ${operationId}`] : undefined;
}
