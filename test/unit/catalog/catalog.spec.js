// The shipped catalog is exactly what the generator makes from the installed spec, and
// reads as docs/architecture.md ("The catalog") says.
const assert = require('assert');
const fs = require('fs');
const gen = require('../../../dist/scripts/generate-catalog.js');
const { loadCatalog } = require('../../../dist/nodes/catalog/catalog.js');

describe('catalog', function () {
  const catalog = loadCatalog();
  const obj = (id) => catalog.objects[id];

  it('equals what the generator makes from the installed spec', function () {
    const fresh = gen.serializeCatalog(gen.generateFromInstalledSpec());
    const committed = fs.readFileSync(gen.CATALOG_FILE, 'utf8');
    assert.ok(fresh === committed, 'nodes/catalog/api.v2010.json is stale: run `npm run generate`');
  });

  it('has 71 objects and 197 operations', function () {
    assert.strictEqual(Object.keys(catalog.objects).length, 71);
    const ops = Object.values(catalog.objects).reduce((n, o) => n + Object.keys(o.actions).length, 0);
    assert.strictEqual(ops, 197);
  });

  it('derives object ids from the path', function () {
    assert.strictEqual(gen.objectIdOf('/2010-04-01/Accounts/{AccountSid}/Messages.json'), 'api.v2010.Messages');
    assert.strictEqual(gen.objectIdOf('/2010-04-01/Accounts.json'), 'api.v2010.Accounts');
    assert.strictEqual(gen.objectIdOf('/2010-04-01/Accounts/{AccountSid}/AvailablePhoneNumbers/{CountryCode}/Local.json'),
      'api.v2010.AvailablePhoneNumbers.Local');
    assert.strictEqual(gen.objectIdOf('/2010-04-01/Accounts/{AccountSid}/SMS/ShortCodes/{Sid}.json'), 'api.v2010.SMS.ShortCodes');
  });

  it('Conference Participants: chain ConferenceSid, CallSid; identity call_sid; all five actions', function () {
    const p = obj('api.v2010.Conferences.Participants');
    assert.deepStrictEqual(Object.keys(p.actions).sort(), ['create', 'delete', 'get', 'query', 'update']);
    assert.deepStrictEqual(p.actions.get.chain.map((c) => c.name), ['ConferenceSid', 'CallSid']);
    assert.deepStrictEqual(p.actions.query.chain.map((c) => c.name), ['ConferenceSid']);
    assert.strictEqual(p.actions.get.chain[0].pattern, '^CF[0-9a-fA-F]{32}$');
    const schema = catalog.schemas[p.actions.get.response];
    assert.strictEqual(schema.identity, 'call_sid');
    assert.strictEqual(schema.element, 'Participant');
    assert.strictEqual(p.actions.query.recordKey, 'participants');
    assert.strictEqual(p.label, 'Conference Participant');
  });

  it('Accounts has no Delete; Short Codes no Create and no Delete', function () {
    assert.ok(!obj('api.v2010.Accounts').actions.delete);
    assert.ok(obj('api.v2010.Accounts').actions.update);
    assert.strictEqual(obj('api.v2010.Accounts').actions.get.accountScoped, false);
    const sc = obj('api.v2010.SMS.ShortCodes');
    assert.ok(!sc.actions.create && !sc.actions.delete && sc.actions.get && sc.actions.update);
  });

  it('Messages: date filter DateSent, conditional groups, limits, identity sid, element Message', function () {
    const m = obj('api.v2010.Messages');
    const dateSent = m.actions.query.filters.find((f) => f.name === 'DateSent');
    assert.strictEqual(dateSent.dateOps, true);
    assert.strictEqual(dateSent.format, 'date-time');
    assert.ok(!m.actions.query.filters.some((f) => /[<>]$/.test(f.name)), 'X< and X> fold into X');
    assert.deepStrictEqual(m.actions.create.conditional, [['From', 'MessagingServiceSid'], ['Body', 'MediaUrl', 'ContentSid']]);
    const body = m.actions.create.params.find((p) => p.name === 'Body');
    assert.strictEqual(body.maxLength, 1600);
    const media = m.actions.create.params.find((p) => p.name === 'MediaUrl');
    assert.strictEqual(media.array, true);
    assert.strictEqual(media.maxItems, 10);
    assert.strictEqual(catalog.schemas[m.actions.get.response].element, 'Message');
    assert.strictEqual(catalog.schemas[m.actions.get.response].identity, 'sid');
    assert.strictEqual(obj('api.v2010.Messages.Media').actions.query.recordKey, 'media_list');
    assert.strictEqual(catalog.schemas[obj('api.v2010.Queues.Members').actions.get.response].element, 'QueueMember');
  });

  it('Usage Records: plain date parameters StartDate and EndDate', function () {
    const f = obj('api.v2010.Usage.Records').actions.query.filters;
    for (const name of ['StartDate', 'EndDate']) {
      const filter = f.find((x) => x.name === name);
      assert.strictEqual(filter.format, 'date');
      assert.ok(!filter.dateOps);
    }
  });

  it('Balance is Get-only with no Sid', function () {
    const b = obj('api.v2010.Balance');
    assert.deepStrictEqual(Object.keys(b.actions), ['get']);
    assert.deepStrictEqual(b.actions.get.chain, []);
    assert.strictEqual(b.actions.get.accountScoped, true);
  });

  it('the action comes from the operationId verb, not x-twilio.pathType', function () {
    for (const o of Object.values(catalog.objects)) {
      for (const [action, op] of Object.entries(o.actions)) {
        const verb = { query: 'List', get: 'Fetch', create: 'Create', update: 'Update', delete: 'Delete' }[action];
        assert.ok(op.operationId.startsWith(verb), `${o.id} ${action} ${op.operationId}`);
      }
    }
  });

  it('Calls Create: conditional Url, Twiml or ApplicationSid; To and From are endpoints', function () {
    const c = obj('api.v2010.Calls').actions.create;
    assert.deepStrictEqual(c.conditional, [['Url', 'Twiml', 'ApplicationSid']]);
    assert.strictEqual(c.params.find((p) => p.name === 'To').format, 'endpoint');
    assert.deepStrictEqual(obj('api.v2010.Calls').actions.query.filters.filter((f) => f.dateOps).map((f) => f.name), ['StartTime', 'EndTime']);
  });
});

describe('snakeCase: the one spelling rule', function () {
  const { snakeCase } = require('../../../dist/nodes/catalog/names.js');
  it('turns parameter names into field names, an acronym staying one word', function () {
    assert.strictEqual(snakeCase('DateCreated'), 'date_created');
    assert.strictEqual(snakeCase('CallSid'), 'call_sid');
    assert.strictEqual(snakeCase('SIPDomain'), 'sip_domain');
    assert.strictEqual(snakeCase('Sid'), 'sid');
    assert.strictEqual(snakeCase('StatusCallbackUrl'), 'status_callback_url');
  });
});
