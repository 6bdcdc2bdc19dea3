// The sandbox over real HTTP: auth, records, paging, validation, faults, the log
// and the control routes, as a client of Twilio's REST API would see them.
const assert = require('assert');
const http = require('http');
const { startSandbox, SANDBOX_DEFAULTS } = require('../../dist/sandbox/server.js');
const { RECORD_DEFAULTS } = require('../../dist/sandbox/data.js');
const { loadCatalog } = require('../../dist/nodes/catalog/catalog.js');
const { A, TOKEN, client, accountPath } = require('../support/sandbox');
const { sampleForPart: sampleFor } = require('../support/samples');

const catalog = loadCatalog();
const B = 'AC' + 'b0b'.padEnd(32, '0');
const RFC2822 = /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} \+0000$/;
const MSGS = `/2010-04-01/Accounts/${A}/Messages.json`;
const SMS = { To: '+15551234567', From: '+15005550006', Body: 'hello' };

/** Checks a record against its catalog schema: every field present, typed, enum values allowed. */
function assertMatchesSchema(rec, schemaName) {
  const schema = catalog.schemas[schemaName];
  for (const f of schema.fields) {
    assert.ok(Object.prototype.hasOwnProperty.call(rec, f.name), `${schemaName}.${f.name} missing`);
    const v = rec[f.name];
    if (v === null) {
      assert.ok(f.nullable, `${schemaName}.${f.name} is null but not nullable`);
      continue;
    }
    const type = Array.isArray(v) ? 'array' : typeof v === 'number' ? (Number.isInteger(v) ? 'integer' : 'number') : typeof v;
    const ok = type === f.type || (f.type === 'number' && type === 'integer');
    assert.ok(ok, `${schemaName}.${f.name}: ${type} is not ${f.type}`);
    if (f.enum) assert.ok(f.enum.includes(v), `${schemaName}.${f.name}: '${v}' not in enum`);
    if (f.format === 'date-time-rfc-2822') assert.match(v, RFC2822, `${schemaName}.${f.name}`);
  }
}

describe('sandbox', function () {
  let sb;
  let call;
  before(async () => {
    sb = await startSandbox({ port: 0, apiKeySid: 'SK' + 'f'.repeat(32), apiKeySecret: 'startup-secret' });
    call = client(sb);
  });
  after(() => sb.close());
  beforeEach(() => sb.reset());

  describe('routing', () => {
    it('routes every catalog operation (197) to itself', async () => {
      const ops = Object.values(catalog.objects).flatMap((o) => Object.values(o.actions));
      assert.strictEqual(ops.length, 197);
      for (const op of ops) {
        let p = accountPath(op.path);
        op.chain.forEach((part, i) => (p = p.replace(`{${part.name}}`, sampleFor(part, i + 1))));
        await call(op.method, p, op.method === 'POST' ? {} : undefined);
        const entry = sb.log[sb.log.length - 1];
        assert.strictEqual(entry.operationId, op.operationId, `${op.method} ${p}`);
      }
    });

    it('an unknown path is 404 with Twilio error 20404', async () => {
      const res = await call('GET', `/2010-04-01/Accounts/${A}/Nope.json`);
      assert.strictEqual(res.status, 404);
      assert.deepStrictEqual(res.body, {
        code: 20404,
        message: `The requested resource /2010-04-01/Accounts/${A}/Nope.json was not found`,
        more_info: 'https://www.twilio.com/docs/errors/20404',
        status: 404,
      });
    });

    it('a literal segment wins over a Sid (IncomingPhoneNumbers/Local.json)', async () => {
      const res = await call('GET', `/2010-04-01/Accounts/${A}/IncomingPhoneNumbers/Local.json`);
      assert.strictEqual(res.status, 200);
      assert.deepStrictEqual(res.body.incoming_phone_numbers, []);
    });
  });

  describe('auth', () => {
    const AUTH_ERROR = { code: 20003, message: 'Authenticate', more_info: 'https://www.twilio.com/docs/errors/20003', status: 401 };

    it('refuses no credentials, a wrong token and a malformed Account SID with 20003', async () => {
      const none = await fetch(sb.url + MSGS);
      assert.strictEqual(none.status, 401);
      assert.deepStrictEqual(await none.json(), AUTH_ERROR);
      assert.deepStrictEqual((await client(sb, A, 'wrong')('GET', MSGS)).body, AUTH_ERROR);
      assert.strictEqual((await client(sb, 'ACnothex', TOKEN)('GET', MSGS)).status, 401);
    });

    it('accepts any well-formed Account SID with the Auth Token, as its own main account', async () => {
      const res = await client(sb, B, TOKEN)('GET', `/2010-04-01/Accounts/${B}.json`);
      assert.strictEqual(res.status, 200);
      assert.strictEqual(res.body.sid, B);
      assert.strictEqual(res.body.type, 'Full');
      assert.strictEqual(res.body.status, 'active');
      assertMatchesSchema(res.body, 'api.v2010.account');
    });

    it("refuses another account's path with 20003", async () => {
      await client(sb, B, TOKEN)('GET', `/2010-04-01/Accounts/${B}.json`);
      const res = await call('GET', `/2010-04-01/Accounts/${B}/Messages.json`);
      assert.strictEqual(res.status, 401);
      assert.strictEqual(res.body.code, 20003);
      assert.strictEqual((await call('GET', `/2010-04-01/Accounts/${B}.json`)).body.code, 20003);
    });

    it('issues API keys: the secret once, usable, but a standard key may not touch /Accounts', async () => {
      const created = await call('POST', `/2010-04-01/Accounts/${A}/Keys.json`, { FriendlyName: 'ci' });
      assert.strictEqual(created.status, 201);
      assert.match(created.body.sid, /^SK[0-9a-f]{32}$/);
      assert.strictEqual(typeof created.body.secret, 'string');
      const fetched = await call('GET', `/2010-04-01/Accounts/${A}/Keys/${created.body.sid}.json`);
      assert.strictEqual(fetched.body.friendly_name, 'ci');
      assert.ok(!('secret' in fetched.body));

      const withKey = client(sb, created.body.sid, created.body.secret);
      assert.strictEqual((await withKey('POST', MSGS, SMS)).status, 201);
      assert.strictEqual((await withKey('GET', '/2010-04-01/Accounts.json')).body.code, 20003);
      assert.strictEqual((await withKey('GET', `/2010-04-01/Accounts/${A}.json`)).body.code, 20003);
      assert.strictEqual((await withKey('GET', `/2010-04-01/Accounts/${B}/Messages.json`)).body.code, 20003);
      assert.strictEqual((await client(sb, created.body.sid, 'nope')('GET', MSGS)).status, 401);

      assert.strictEqual((await call('DELETE', `/2010-04-01/Accounts/${A}/Keys/${created.body.sid}.json`)).status, 204);
      assert.strictEqual((await withKey('GET', MSGS)).status, 401);
    });

    it('the start-up API key acts for any account with main-key rights', async () => {
      const key = client(sb, 'SK' + 'f'.repeat(32), 'startup-secret');
      assert.strictEqual((await key('GET', `/2010-04-01/Accounts/${B}/Messages.json`)).status, 200);
      const acc = await key('GET', `/2010-04-01/Accounts/${A}.json`);
      assert.strictEqual(acc.status, 200);
      assert.strictEqual(acc.body.sid, A);
      assert.strictEqual((await client(sb, 'SK' + 'f'.repeat(32), 'wrong')('GET', MSGS)).status, 401);
    });

    it('subaccounts: created by the caller, usable by it, listed with it, closed by Update; others get 20003', async () => {
      const sub = await call('POST', '/2010-04-01/Accounts.json', { FriendlyName: 'child' });
      assert.strictEqual(sub.status, 201);
      const S = sub.body.sid;
      assert.match(S, /^AC[0-9a-f]{32}$/);
      assert.strictEqual(sub.body.owner_account_sid, A);
      assert.strictEqual(sub.body.friendly_name, 'child');

      const sent = await call('POST', `/2010-04-01/Accounts/${S}/Messages.json`, SMS);
      assert.strictEqual(sent.status, 201);
      assert.strictEqual(sent.body.account_sid, S);
      const got = await call('GET', `/2010-04-01/Accounts/${S}/Messages/${sent.body.sid}.json`);
      assert.strictEqual(got.status, 200);
      // The parent's own list does not hold the subaccount's records.
      assert.strictEqual((await call('GET', MSGS)).body.messages.length, 0);

      const list = await call('GET', '/2010-04-01/Accounts.json');
      assert.deepStrictEqual(list.body.accounts.map((a) => a.sid).sort(), [A, S].sort());
      assert.strictEqual((await client(sb, B, TOKEN)('GET', `/2010-04-01/Accounts/${S}/Messages.json`)).body.code, 20003);
      assert.strictEqual((await client(sb, S, TOKEN)('GET', MSGS)).body.code, 20003);

      const closed = await call('POST', `/2010-04-01/Accounts/${S}.json`, { Status: 'closed' });
      assert.strictEqual(closed.status, 200);
      assert.strictEqual(closed.body.status, 'closed');
    });
  });

  describe('records', () => {
    it('Message create → get → update → delete → 404', async () => {
      const created = await call('POST', MSGS, { ...SMS, StatusCallback: 'https://example.com/cb' });
      assert.strictEqual(created.status, 201);
      const m = created.body;
      assert.match(m.sid, /^SM[0-9a-f]{32}$/);
      assert.strictEqual(m.to, '+15551234567');
      assert.strictEqual(m.from, '+15005550006');
      assert.strictEqual(m.body, 'hello');
      assert.strictEqual(m.status, 'queued');
      assert.strictEqual(m.account_sid, A);
      assert.strictEqual(m.uri, `/2010-04-01/Accounts/${A}/Messages/${m.sid}.json`);
      assert.match(m.date_created, RFC2822);
      assertMatchesSchema(m, 'api.v2010.account.message');

      const path = `/2010-04-01/Accounts/${A}/Messages/${m.sid}.json`;
      assert.deepStrictEqual((await call('GET', path)).body, m);
      const updated = await call('POST', path, { Body: '' });
      assert.strictEqual(updated.status, 200);
      assert.strictEqual(updated.body.body, '');
      assert.strictEqual(updated.body.to, m.to);
      assert.strictEqual((await call('DELETE', path)).status, 204);
      const gone = await call('GET', path);
      assert.strictEqual(gone.status, 404);
      assert.strictEqual(gone.body.message, `The requested resource ${path} was not found`);
      assert.strictEqual((await call('DELETE', path)).status, 404);
    });

    it('maps form parameters to typed snake_case fields', async () => {
      const q = await call('POST', `/2010-04-01/Accounts/${A}/Queues.json`, { FriendlyName: 'support', MaxSize: '7' });
      assert.strictEqual(q.status, 201);
      assert.strictEqual(q.body.friendly_name, 'support');
      assert.strictEqual(q.body.max_size, 7);
      assert.match(q.body.sid, /^QU/);
      assertMatchesSchema(q.body, 'api.v2010.account.queue');
    });

    it('conference participants are keyed by a new CA call Sid under their conference', async () => {
      const conf = 'CF' + '1'.repeat(32);
      const base = `/2010-04-01/Accounts/${A}/Conferences/${conf}/Participants`;
      const p = await call('POST', base + '.json', { From: '+15005550006', To: '+15551230000' });
      assert.strictEqual(p.status, 201);
      assert.match(p.body.call_sid, /^CA[0-9a-f]{32}$/);
      assert.strictEqual(p.body.conference_sid, conf);
      const muted = await call('POST', `${base}/${p.body.call_sid}.json`, { Muted: 'true' });
      assert.strictEqual(muted.body.muted, true);
      const list = await call('GET', base + '.json?Muted=true');
      assert.deepStrictEqual(list.body.participants.map((x) => x.call_sid), [p.body.call_sid]);
      assert.strictEqual((await call('GET', base + '.json?Muted=false')).body.participants.length, 0);
      assert.strictEqual((await call('DELETE', `${base}/${p.body.call_sid}.json`)).status, 204);
    });

    it('Balance answers {account_sid, balance, currency}', async () => {
      const res = await call('GET', `/2010-04-01/Accounts/${A}/Balance.json`);
      assert.strictEqual(res.status, 200);
      assert.deepStrictEqual(Object.keys(res.body).sort(), ['account_sid', 'balance', 'currency']);
      assert.strictEqual(res.body.account_sid, A);
    });

    it('the add-on payload Data answers the catalog redirect status with Location and redirect_to', async () => {
      const ref = 'RE' + '2'.repeat(32);
      const xr = 'XR' + '3'.repeat(32);
      const [payload] = sb.seed(A, 'api.v2010.Recordings.AddOnResults.Payloads', [{}], [ref, xr]);
      const op = catalog.objects['api.v2010.Recordings.AddOnResults.Payloads.Data'].actions.get;
      const res = await fetch(`${sb.url}/2010-04-01/Accounts/${A}/Recordings/${ref}/AddOnResults/${xr}/Payloads/${payload.sid}/Data.json`, {
        headers: { Authorization: 'Basic ' + Buffer.from(`${A}:${TOKEN}`).toString('base64') },
        redirect: 'manual',
      });
      assert.strictEqual(res.status, op.status);
      const body = await res.json();
      assert.strictEqual(res.headers.get('location'), body.redirect_to);
      const missing = await call('GET', `/2010-04-01/Accounts/${A}/Recordings/${ref}/AddOnResults/${xr}/Payloads/XH${'9'.repeat(32)}/Data.json`);
      assert.strictEqual(missing.status, 404);
    });

    it('every object seeds records that match its catalog schema, in Get and Query answers', async () => {
      for (const obj of Object.values(catalog.objects)) {
        const anyOp = obj.actions.query || obj.actions.create || obj.actions.get;
        const chain = obj.actions.query ? obj.actions.query.chain : obj.actions.create ? obj.actions.create.chain : anyOp.chain.slice(0, -1);
        const parents = chain.map((p, i) => sampleFor(p, i + 1));
        const [rec] = sb.seed(A, obj.id, [{}], parents);
        if (obj.actions.query) {
          let p = accountPath(obj.actions.query.path);
          chain.forEach((c, i) => (p = p.replace(`{${c.name}}`, parents[i])));
          const res = await call('GET', p);
          assert.strictEqual(res.status, 200, `${obj.id}: ${JSON.stringify(res.body)}`);
          const list = res.body[obj.actions.query.recordKey];
          assert.ok(list.length >= 1, obj.id);
          for (const r of list) assertMatchesSchema(r, obj.actions.query.response);
        }
        const get = obj.actions.get;
        if (get && get.status < 300 && get.chain.length) {
          let p = accountPath(get.path);
          const schema = catalog.schemas[get.response];
          const values = [...parents, rec[schema.identity]];
          get.chain.forEach((c, i) => (p = p.replace(`{${c.name}}`, encodeURIComponent(values[i]))));
          const res = await call('GET', p);
          assert.strictEqual(res.status, 200, `${obj.id} get ${p}: ${JSON.stringify(res.body)}`);
          assertMatchesSchema(res.body, get.response);
        }
      }
    });

    it('default values fit their schema enums', () => {
      for (const [schemaName, defaults] of Object.entries(RECORD_DEFAULTS)) {
        const schema = catalog.schemas[schemaName];
        assert.ok(schema, schemaName);
        for (const [field, value] of Object.entries(defaults)) {
          const f = schema.fields.find((x) => x.name === field);
          assert.ok(f, `${schemaName}.${field}`);
          if (f.enum) assert.ok(f.enum.includes(value), `${schemaName}.${field}=${value}`);
        }
      }
    });
  });

  describe('lists', () => {
    it('pages records that have no identity field (call events) by position', async () => {
      const callSid = 'CA' + '1'.repeat(32);
      sb.seed(A, 'api.v2010.Calls.Events', Array.from({ length: 5 }, (_, i) => ({ request: { n: i }, response: {} })), [callSid]);
      let next = `/2010-04-01/Accounts/${A}/Calls/${callSid}/Events.json?PageSize=2`;
      const seen = [];
      while (next) {
        const res = await call('GET', next);
        assert.ok(!res.body.next_page_uri || !res.body.next_page_uri.includes('undefined'));
        seen.push(...res.body.events.map((e) => e.request.n));
        next = res.body.next_page_uri;
      }
      assert.deepStrictEqual(seen, [4, 3, 2, 1, 0]);
    });

    it('pages 2,500 seeded records at PageSize 1000 by next_page_uri, newest first, quickly', async () => {
      const seeded = sb.seed(A, 'api.v2010.Messages', Array.from({ length: 2500 }, (_, i) => ({ body: `m${i}` })));
      sb.seed(B, 'api.v2010.Messages', Array.from({ length: 8000 }, () => ({})));
      sb.clearLog();
      let next = `${MSGS}?PageSize=1000`;
      const pages = [];
      while (next) {
        const res = await call('GET', next);
        assert.strictEqual(res.status, 200);
        pages.push(res.body);
        next = res.body.next_page_uri;
      }
      assert.deepStrictEqual(pages.map((p) => p.messages.length), [1000, 1000, 500]);
      assert.deepStrictEqual(pages.map((p) => [p.page, p.page_size, p.start, p.end]), [[0, 1000, 0, 999], [1, 1000, 1000, 1999], [2, 1000, 2000, 2499]]);
      const bodies = pages.flatMap((p) => p.messages.map((m) => m.body));
      assert.deepStrictEqual(bodies, seeded.map((r) => r.body).reverse());
      assert.strictEqual(pages[0].previous_page_uri, null);
      assert.match(pages[1].previous_page_uri, /^\/2010-04-01\/Accounts\/AC[0-9a-f]+\/Messages\.json\?PageSize=1000&Page=0&PageToken=PB/);
      assert.match(pages[0].next_page_uri, /PageSize=1000&Page=1&PageToken=PA/);
      const serverMs = sb.log.reduce((t, e) => t + (e.respondedAt - e.receivedAt), 0);
      assert.ok(serverMs < 1000, `server time ${serverMs} ms`);
    });

    it('a list shows an update and a delete made after the previous list (kept record texts never go stale)', async () => {
      const [a, b] = sb.seed(A, 'api.v2010.Messages', [{ body: 'first' }, { body: 'second' }]);
      const bodies = async () => (await call('GET', `${MSGS}?PageSize=10`)).body.messages.map((m) => `${m.sid === a.sid ? 'a' : 'b'}:${m.body}`);
      assert.deepStrictEqual(await bodies(), ['b:second', 'a:first']);
      assert.strictEqual((await call('POST', `/2010-04-01/Accounts/${A}/Messages/${a.sid}.json`, { Body: 'héllo 日本 😀' })).status, 200);
      assert.strictEqual((await call('DELETE', `/2010-04-01/Accounts/${A}/Messages/${b.sid}.json`)).status, 204);
      assert.deepStrictEqual(await bodies(), ['a:héllo 日本 😀']);
    });

    it('a next page asked for after a delete still starts after the last record seen (the page-token index is rebuilt)', async () => {
      const seeded = sb.seed(A, 'api.v2010.Messages', Array.from({ length: 30 }, (_, i) => ({ body: `m${i}` })));
      const bodies = (res) => res.body.messages.map((m) => m.body);
      const expected = (from, to) => seeded.slice(from, to).map((r) => r.body).reverse();
      const first = await call('GET', `${MSGS}?PageSize=10`);
      const second = await call('GET', first.body.next_page_uri); // a token lookup: the index is built
      assert.deepStrictEqual([bodies(first), bodies(second)], [expected(20, 30), expected(10, 20)]);
      // Remove a record before the token's one: positions shift by one.
      assert.strictEqual((await call('DELETE', `/2010-04-01/Accounts/${A}/Messages/${seeded[29].sid}.json`)).status, 204);
      assert.deepStrictEqual(bodies(await call('GET', second.body.next_page_uri)), expected(0, 10));
    });

    it('a record text is kept only when no field of it defaults to the time of the answer', () => {
      const { recordText, toJsonBytes } = require('../../dist/sandbox/record-text.js');
      const { project } = require('../../dist/sandbox/records.js');
      const name = 'api.v2010.account.message';
      const schema = catalog.schemas[name];
      const now1 = 'Tue, 01 Dec 2026 10:00:00 +0000';
      const now2 = 'Wed, 02 Dec 2026 10:00:00 +0000';
      const full = Object.fromEntries(schema.fields.map((f) => [f.name, project({}, name, schema, now1)[f.name]]));
      assert.strictEqual(recordText(full, name, schema, now1), recordText(full, name, schema, now2), 'a complete record is written once');
      const { date_updated: _dropped, ...partial } = full;
      assert.notDeepStrictEqual(recordText(partial, name, schema, now1).bytes, recordText(partial, name, schema, now2).bytes);
      assert.strictEqual(JSON.parse(recordText(partial, name, schema, now2).bytes).date_updated, now2);
      const page = { messages: [recordText(full, name, schema, now1), recordText(partial, name, schema, now2)], uri: '/x?a="\\u0000"&b=é日😀' };
      assert.deepStrictEqual(JSON.parse(toJsonBytes(page).toString('utf8')),
        { messages: [project(full, name, schema, now1), project(partial, name, schema, now2)], uri: page.uri });
    });

    it('the previous page link leads back to the same records', async () => {
      sb.seed(A, 'api.v2010.Messages', Array.from({ length: 30 }, (_, i) => ({ body: `m${i}` })));
      const p0 = await call('GET', `${MSGS}?PageSize=10`);
      const p1 = await call('GET', p0.body.next_page_uri);
      const back = await call('GET', p1.body.previous_page_uri);
      assert.deepStrictEqual(back.body.messages.map((m) => m.sid), p0.body.messages.map((m) => m.sid));
    });

    it('next_page_uri carries the filters; PageSize defaults to 50 and must be 1–1000', async () => {
      sb.seed(A, 'api.v2010.Messages', Array.from({ length: 60 }, (_, i) => ({ to: i % 2 ? '+15550000001' : '+15550000002' })));
      const all = await call('GET', MSGS);
      assert.strictEqual(all.body.page_size, 50);
      assert.strictEqual(all.body.messages.length, 50);
      const first = await call('GET', `${MSGS}?To=%2B15550000001&PageSize=20`);
      assert.match(first.body.next_page_uri, /To=%2B15550000001/);
      const second = await call('GET', first.body.next_page_uri);
      assert.strictEqual(second.body.messages.length, 10);
      assert.ok(second.body.messages.every((m) => m.to === '+15550000001'));
      assert.strictEqual(second.body.next_page_uri, null);
      for (const bad of ['0', '1001', 'ten']) {
        const res = await call('GET', `${MSGS}?PageSize=${bad}`);
        assert.strictEqual(res.status, 400, bad);
        assert.strictEqual(res.body.status, 400);
        assert.match(res.body.more_info, /^https:\/\/www\.twilio\.com\/docs\/errors\/\d+$/);
      }
    });

    it('plain filters: equality, booleans, partial phone numbers, enums checked', async () => {
      sb.seed(A, 'api.v2010.Calls', [{ status: 'completed', to: '+15551110000' }, { status: 'busy', to: '+15552220000' }]);
      const calls = (q) => call('GET', `/2010-04-01/Accounts/${A}/Calls.json?${q}`);
      assert.deepStrictEqual((await calls('Status=busy')).body.calls.map((c) => c.to), ['+15552220000']);
      assert.strictEqual((await calls('Status=nonsense')).status, 400);
      sb.seed(A, 'api.v2010.IncomingPhoneNumbers', [{ phone_number: '+14155550100', friendly_name: 'sf' }, { phone_number: '+12125550100', friendly_name: 'ny' }]);
      const nums = (q) => call('GET', `/2010-04-01/Accounts/${A}/IncomingPhoneNumbers.json?${q}`);
      assert.deepStrictEqual((await nums('PhoneNumber=415')).body.incoming_phone_numbers.map((n) => n.friendly_name), ['sf']);
      assert.deepStrictEqual((await nums('PhoneNumber=*212555')).body.incoming_phone_numbers.map((n) => n.friendly_name), ['ny']);
      assert.deepStrictEqual((await nums('FriendlyName=ny')).body.incoming_phone_numbers.map((n) => n.phone_number), ['+12125550100']);
      // Local numbers share the IncomingPhoneNumbers store.
      const local = await call('POST', `/2010-04-01/Accounts/${A}/IncomingPhoneNumbers/Local.json`, { PhoneNumber: '+16505550100' });
      assert.strictEqual(local.status, 201);
      assert.strictEqual((await call('GET', `/2010-04-01/Accounts/${A}/IncomingPhoneNumbers/${local.body.sid}.json`)).body.phone_number, '+16505550100');
    });
  });

  describe('validation', () => {
    const cases = [
      ['missing To', { From: SMS.From, Body: 'x' }, 21604],
      ['missing From and MessagingServiceSid', { To: SMS.To, Body: 'x' }, 21603],
      ['missing Body, MediaUrl and ContentSid', { To: SMS.To, From: SMS.From }, 21602],
      ['malformed To', { ...SMS, To: '555-not-a-number' }, 21211],
      ['From +15005550001 (invalid)', { ...SMS, From: '+15005550001' }, 21212],
      ['From +15005550007 (not owned)', { ...SMS, From: '+15005550007' }, 21606],
      ['From +15005550008 (queue full)', { ...SMS, From: '+15005550008' }, 21611],
      ['To +15005550001 (invalid)', { ...SMS, To: '+15005550001' }, 21211],
      ['To +15005550002 (cannot route)', { ...SMS, To: '+15005550002' }, 21612],
      ['To +15005550003 (no international permission)', { ...SMS, To: '+15005550003' }, 21408],
      ['To +15005550004 (blocked)', { ...SMS, To: '+15005550004' }, 21610],
      ['To +15005550009 (not SMS-capable)', { ...SMS, To: '+15005550009' }, 21614],
      ['bad StatusCallback URL', { ...SMS, StatusCallback: 'not a url' }, 21609],
      ['bad enum', { ...SMS, ContentRetention: 'forever' }, 20001],
    ];
    for (const [name, form, code] of cases) {
      it(`Message create: ${name} → 400 ${code}, nothing stored`, async () => {
        const res = await call('POST', MSGS, form);
        assert.strictEqual(res.status, 400);
        assert.strictEqual(res.body.code, code);
        assert.strictEqual(res.body.status, 400);
        assert.strictEqual(res.body.more_info, `https://www.twilio.com/docs/errors/${code}`);
        assert.strictEqual(typeof res.body.message, 'string');
        assert.strictEqual((await call('GET', MSGS)).body.messages.length, 0);
      });
    }

    it('accepts other senders and recipients: E.164, whatsapp:, short codes, alphanumeric, a Messaging Service', async () => {
      for (const form of [
        { To: 'whatsapp:+15551234567', From: 'whatsapp:+15005550006', Body: 'x' },
        { To: '+447700900123', From: '12345', Body: 'x' },
        { To: '+15551234567', From: 'ACME Inc', Body: 'x' },
        { To: '+15551234567', MessagingServiceSid: 'MG' + 'a'.repeat(32), MediaUrl: ['https://example.com/a.png', 'https://example.com/b.png'] },
      ]) {
        const res = await call('POST', MSGS, form);
        assert.strictEqual(res.status, 201, JSON.stringify(res.body));
      }
    });

    it('Call create: required To/From, one of Url/Twiml/ApplicationSid, a valid Url', async () => {
      const CALLS = `/2010-04-01/Accounts/${A}/Calls.json`;
      assert.strictEqual((await call('POST', CALLS, { From: SMS.From, Url: 'https://x.example/t' })).body.code, 21201);
      assert.strictEqual((await call('POST', CALLS, { To: SMS.To, Url: 'https://x.example/t' })).body.code, 21213);
      assert.strictEqual((await call('POST', CALLS, { To: SMS.To, From: SMS.From })).body.code, 21205);
      assert.strictEqual((await call('POST', CALLS, { To: SMS.To, From: SMS.From, Url: 'nope' })).body.code, 21205);
      const ok = await call('POST', CALLS, { To: SMS.To, From: SMS.From, Twiml: '<Response/>' });
      assert.strictEqual(ok.status, 201);
      assert.match(ok.body.sid, /^CA[0-9a-f]{32}$/);
      assert.strictEqual(ok.body.status, 'queued');
    });

    it('a generic missing required parameter is 400 with the parameter named', async () => {
      const res = await call('POST', `/2010-04-01/Accounts/${A}/SIP/CredentialLists.json`, {});
      assert.strictEqual(res.status, 400);
      assert.match(res.body.message, /FriendlyName/);
    });

    it('a malformed Sid in the path is 404 20404, before anything else', async () => {
      const res = await call('GET', `/2010-04-01/Accounts/${A}/Messages/CA${'0'.repeat(32)}.json`);
      assert.strictEqual(res.status, 404);
      assert.strictEqual(res.body.code, 20404);
      assert.strictEqual((await call('POST', `/2010-04-01/Accounts/${A}/Calls/nope.json`, { Status: 'completed' })).status, 404);
    });
  });

  describe('faults', () => {
    it('latency before processing delays the answer', async () => {
      sb.inject({ when: 'before', kind: 'latency', ms: 300 });
      const t = Date.now();
      assert.strictEqual((await call('GET', MSGS)).status, 200);
      assert.ok(Date.now() - t >= 290);
      const t2 = Date.now();
      await call('GET', MSGS);
      assert.ok(Date.now() - t2 < 250, 'times defaults to 1');
    });

    it('latency counts from the request\'s arrival: a body sent 250 ms late is not delayed again', async () => {
      sb.inject({ when: 'after', kind: 'latency', ms: 400, match: { operationId: 'CreateMessage' } });
      const body = new URLSearchParams(SMS).toString();
      const auth = 'Basic ' + Buffer.from(`${A}:${TOKEN}`).toString('base64');
      const t = Date.now();
      const status = await new Promise((resolve, reject) => {
        const req = http.request(`${sb.url}${MSGS}`, { method: 'POST', headers: {
          Authorization: auth, 'Content-Type': 'application/x-www-form-urlencoded', 'Content-Length': Buffer.byteLength(body) } },
        (res) => { res.resume(); res.on('end', () => resolve(res.statusCode)); });
        req.on('error', reject);
        req.flushHeaders();
        setTimeout(() => req.end(body), 250);
      });
      const took = Date.now() - t;
      assert.strictEqual(status, 201);
      assert.ok(took >= 390 && took < 600, `answered after ${took} ms: 400 from the headers, not 250 + 400`);
    });

    it('429 with Retry-After and code 20429, counting down times', async () => {
      sb.inject({ when: 'before', kind: '429', retryAfter: 2, times: 2, match: { operationId: 'ListMessage' } });
      for (let i = 0; i < 2; i++) {
        const res = await call('GET', MSGS);
        assert.strictEqual(res.status, 429);
        assert.strictEqual(res.headers.get('retry-after'), '2');
        assert.strictEqual(res.body.code, 20429);
        assert.strictEqual(res.body.more_info, 'https://www.twilio.com/docs/errors/20429');
      }
      assert.strictEqual((await call('GET', MSGS)).status, 200);
      assert.deepStrictEqual(sb.log.map((e) => [e.status, e.fault]), [[429, 'before:429'], [429, 'before:429'], [200, undefined]]);
    });

    it('500 after processing: the record was created, the client saw 500', async () => {
      sb.inject({ when: 'after', kind: '500', match: { method: 'POST', path: '/Messages.json' } });
      const res = await call('POST', MSGS, SMS);
      assert.strictEqual(res.status, 500);
      assert.strictEqual(res.body.status, 500);
      assert.strictEqual((await call('GET', MSGS)).body.messages.length, 1);
    });

    it('reset destroys the connection; the log records it', async () => {
      sb.inject({ when: 'before', kind: 'reset' });
      await assert.rejects(call('GET', MSGS));
      assert.strictEqual(sb.log[0].fault, 'before:reset');
      assert.strictEqual(sb.log[0].status, 0);
    });

    it('hang never answers until close(); Infinity times keeps firing', async () => {
      const other = await startSandbox({ port: 0 });
      other.inject({ when: 'before', kind: 'hang', times: Infinity });
      const c = client(other);
      let settled = false;
      const pending = c('GET', MSGS).then(() => (settled = 'ok'), () => (settled = 'error'));
      const pending2 = c('GET', MSGS).catch(() => 'error');
      await new Promise((r) => setTimeout(r, 300));
      assert.strictEqual(settled, false);
      assert.strictEqual(other.maxInFlight, 2);
      await other.close();
      await pending;
      assert.strictEqual(settled, 'error');
      assert.strictEqual(await pending2, 'error');
    });

    it('account concurrency limit: beyond it 429 (20429) with the configured Retry-After, per account; reset() turns it off', async () => {
      const other = await startSandbox({ port: 0, concurrencyLimit: 2 });
      try {
        other.inject({ when: 'before', kind: 'latency', ms: 200, times: 3, match: { operationId: 'CreateMessage' } });
        const c = client(other);
        const slow = [c('POST', MSGS, SMS), c('POST', MSGS, SMS)];
        await new Promise((r) => setTimeout(r, 50));
        const refused = await c('POST', MSGS, SMS);
        assert.strictEqual(refused.status, 429);
        assert.strictEqual(refused.body.code, 20429);
        assert.strictEqual(refused.headers.get('retry-after'), '1', 'Twilio sends 1 s by default');
        // Another account has its own limit.
        const otherAccount = await client(other, B)('GET', `/2010-04-01/Accounts/${B}/Messages.json`);
        assert.strictEqual(otherAccount.status, 200);
        assert.deepStrictEqual((await Promise.all(slow)).map((r) => r.status), [201, 201]);
        // Once they answered, the account has room again; nothing was created for the 429.
        assert.strictEqual((await c('POST', MSGS, SMS)).status, 201);
        assert.strictEqual((await c('GET', MSGS)).body.messages.length, 3);
        assert.strictEqual(other.log.filter((e) => e.fault === 'concurrency-limit').length, 1);

        other.setConcurrencyLimit(1, 3);
        other.inject({ when: 'before', kind: 'latency', ms: 200, match: { operationId: 'ListMessage' } });
        const held = c('GET', MSGS);
        await new Promise((r) => setTimeout(r, 50));
        assert.strictEqual((await c('GET', MSGS)).headers.get('retry-after'), '3');
        await held;
        other.reset();
        assert.deepStrictEqual(await Promise.all([c('GET', MSGS), c('GET', MSGS)]).then((rs) => rs.map((r) => r.status)), [200, 200],
          'reset() restores the start-up limit of 2');
        other.setConcurrencyLimit(0);
        assert.throws(() => other.setConcurrencyLimit(-1), /integer ≥ 0/);
      } finally {
        await other.close();
      }
    });

    it('clearFaults() disarms everything', async () => {
      sb.inject({ when: 'before', kind: '500', times: Infinity });
      sb.clearFaults();
      assert.strictEqual((await call('GET', MSGS)).status, 200);
    });
  });

  describe('log', () => {
    it('records method, path, query, form, caller, operation, status and timing', async () => {
      await call('GET', `${MSGS}?DateSent<=2024-01-02&To=%2B1555`);
      await call('POST', MSGS, { ...SMS, MediaUrl: ['https://a.example/1', 'https://a.example/2'] });
      const [get, post] = sb.log;
      assert.strictEqual(get.method, 'GET');
      assert.strictEqual(get.path, MSGS);
      // fetch percent-encodes `<`; either spelling reads as the key `DateSent<`.
      assert.match(get.rawQuery, /^DateSent(<|%3C)=2024-01-02&To=%2B1555$/);
      assert.deepStrictEqual(get.query, { 'DateSent<': '2024-01-02', To: '+1555' });
      assert.strictEqual(get.operationId, 'ListMessage');
      assert.strictEqual(get.authUser, A);
      assert.strictEqual(get.accountSid, A);
      assert.strictEqual(get.status, 200);
      assert.ok(get.respondedAt >= get.receivedAt);
      assert.strictEqual(post.operationId, 'CreateMessage');
      assert.deepStrictEqual(post.form.MediaUrl, ['https://a.example/1', 'https://a.example/2']);
      assert.match(post.rawBody, /To=%2B15551234567/);
      assert.strictEqual(post.status, 201);
      assert.ok(post.id > get.id);
    });

    it('tracks the highest number of concurrent requests; clearLog() resets it', async () => {
      sb.inject({ when: 'before', kind: 'latency', ms: 200, times: 5 });
      await Promise.all(Array.from({ length: 5 }, () => call('GET', MSGS)));
      assert.strictEqual(sb.maxInFlight, 5);
      assert.strictEqual(sb.log.length, 5);
      sb.clearLog();
      assert.strictEqual(sb.maxInFlight, 0);
      assert.deepStrictEqual(sb.log, []);
    });
  });

  describe('seed', () => {
    it('inserts 10,000 records fast, filling every schema field', () => {
      const t = Date.now();
      const recs = sb.seed(A, 'api.v2010.Calls', Array.from({ length: 10000 }, (_, i) => ({ to: `+1555000${String(i).padStart(4, '0')}` })));
      const ms = Date.now() - t;
      assert.ok(ms < 2000, `${ms} ms`);
      assert.strictEqual(recs.length, 10000);
      assert.strictEqual(new Set(recs.map((r) => r.sid)).size, 10000);
      assertMatchesSchema(recs[0], 'api.v2010.account.call');
      assert.match(recs[0].sid, /^CA[0-9a-f]{32}$/);
      assert.strictEqual(recs[0].account_sid, A);
      assert.strictEqual(recs[0].uri, `/2010-04-01/Accounts/${A}/Calls/${recs[0].sid}.json`);
    });

    it('keeps given values, sets parent Sids, writes ISO dates as RFC 2822', () => {
      const call_sid = 'CA' + 'c'.repeat(32);
      const [rec] = sb.seed(A, 'api.v2010.Calls.Recordings', [{ sid: 'RE' + 'e'.repeat(32), duration: '12', date_created: '2024-03-10T12:00:00Z' }], [call_sid]);
      assert.strictEqual(rec.sid, 'RE' + 'e'.repeat(32));
      assert.strictEqual(rec.call_sid, call_sid);
      assert.strictEqual(rec.duration, '12');
      assert.strictEqual(rec.date_created, 'Sun, 10 Mar 2024 12:00:00 +0000');
      assert.throws(() => sb.seed(A, 'api.v2010.Calls.Recordings', [{}]), /CallSid/);
    });
  });

  describe('control routes', () => {
    it('seed, log, faults and reset over HTTP', async () => {
      const post = (p, body) => fetch(sb.url + p, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: body && JSON.stringify(body) });
      const seeded = await post('/__sandbox/seed', { accountSid: A, objectId: 'api.v2010.Messages', records: [{ body: 'a' }, { body: 'b' }], parents: [] });
      assert.strictEqual(seeded.status, 201);
      assert.strictEqual((await seeded.json()).count, 2);
      assert.deepStrictEqual((await call('GET', MSGS)).body.messages.map((m) => m.body), ['b', 'a']);

      assert.strictEqual((await post('/__sandbox/faults', { when: 'before', kind: '429', retryAfter: 1 })).status, 201);
      assert.strictEqual((await call('GET', MSGS)).status, 429);
      await post('/__sandbox/faults', { when: 'before', kind: '500', times: null });
      assert.strictEqual((await fetch(sb.url + '/__sandbox/faults', { method: 'DELETE' })).status, 204);
      assert.strictEqual((await call('GET', MSGS)).status, 200);
      assert.strictEqual((await post('/__sandbox/faults', { when: 'soon', kind: '500' })).status, 400);
      assert.deepStrictEqual(await (await post('/__sandbox/concurrency-limit', { limit: 16 })).json(), { limit: 16, retryAfter: 1 });
      assert.strictEqual((await post('/__sandbox/concurrency-limit', { limit: 'many' })).status, 400);
      await post('/__sandbox/concurrency-limit', { limit: 0 });

      const log = await (await fetch(sb.url + '/__sandbox/log')).json();
      assert.deepStrictEqual(log.log.map((e) => e.status), [200, 429, 200]);
      assert.strictEqual((await fetch(sb.url + '/__sandbox/log', { method: 'DELETE' })).status, 204);
      assert.deepStrictEqual((await (await fetch(sb.url + '/__sandbox/log')).json()).log, []);

      assert.strictEqual((await post('/__sandbox/reset')).status, 204);
      assert.strictEqual((await call('GET', MSGS)).body.messages.length, 0);
    });

    it('SANDBOX_DEFAULTS are what the brief promises', () => {
      assert.deepStrictEqual(SANDBOX_DEFAULTS, { port: 4010, authToken: 'sandbox-auth-token', accountSid: 'ACa11ce' + '0'.repeat(27) });
    });
  });
});

describe('sandbox cli (npm run sandbox)', () => {
  it('starts on SANDBOX_PORT with SANDBOX_AUTH_TOKEN and prints the URL, account SID and token', async function () {
    const { spawn } = require('child_process');
    const path = require('path');
    const child = spawn(process.execPath, [path.join(__dirname, '..', '..', 'dist', 'sandbox', 'cli.js')], {
      env: { ...process.env, SANDBOX_PORT: '0', SANDBOX_AUTH_TOKEN: 'cli-token', SANDBOX_API_KEY: 'SK' + '1'.repeat(32), SANDBOX_API_SECRET: 'cli-secret' },
    });
    try {
      const out = await new Promise((resolve, reject) => {
        let text = '';
        child.stdout.on('data', (d) => {
          text += d;
          if (/Auth Token/.test(text) && /curl/.test(text)) resolve(text);
        });
        child.on('exit', (code) => reject(new Error(`cli exited ${code}: ${text}`)));
      });
      const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out)[1];
      assert.match(out, new RegExp(SANDBOX_DEFAULTS.accountSid));
      assert.match(out, /cli-token/);
      const ok = await fetch(`${url}${MSGS}`, { headers: { Authorization: 'Basic ' + Buffer.from(`${A}:cli-token`).toString('base64') } });
      assert.strictEqual(ok.status, 200);
      const key = await fetch(`${url}${MSGS}`, { headers: { Authorization: 'Basic ' + Buffer.from(`SK${'1'.repeat(32)}:cli-secret`).toString('base64') } });
      assert.strictEqual(key.status, 200);
      const bad = await fetch(`${url}${MSGS}`, { headers: { Authorization: 'Basic ' + Buffer.from(`${A}:${TOKEN}`).toString('base64') } });
      assert.strictEqual(bad.status, 401);
    } finally {
      child.kill('SIGTERM');
    }
  });
});
