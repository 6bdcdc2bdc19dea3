// Every product's catalog file and the index are exactly what the generator makes from the
// installed spec; the id rule, its collision list, the exclusions and the date pairs are pinned
// (object ids are stored in users' flows: a new spec must not change them silently).
const assert = require('assert');
const fs = require('fs');
const path = require('path');
const gen = require('../../../dist/scripts/generate-catalog.js');
const catalog = require('../../../dist/nodes/catalog/catalog.js');

describe('catalog: every product', function () {
  this.timeout(60000);
  const generated = gen.generateAll();
  const index = catalog.loadIndex();

  it('each product file and index.json equal what the generator makes (run `npm run generate`)', function () {
    for (const out of generated.products) {
      const file = path.join(gen.CATALOG_DIR, `${out.product}.json`);
      const fresh = out.product === 'api.v2010' ? gen.serializeCatalog(out.catalog) : gen.serializeProduct(out.catalog);
      assert.ok(fresh === fs.readFileSync(file, 'utf8'), `nodes/catalog/${out.product}.json is stale`);
    }
    assert.ok(gen.serializeIndex(generated.index) === fs.readFileSync(gen.INDEX_FILE, 'utf8'), 'nodes/catalog/index.json is stale');
    const files = fs.readdirSync(gen.CATALOG_DIR).filter((f) => f.endsWith('.json') && f !== 'index.json').sort();
    assert.deepStrictEqual(files, generated.products.map((p) => `${p.product}.json`).sort(), 'a product file no product makes');
  });

  it('covers 46 products, 480 objects, 1,393 operations (1,407 minus the 14 OAuth-only ones)', function () {
    assert.strictEqual(Object.keys(index.products).length, 46);
    assert.strictEqual(Object.keys(index.objects).length, 480);
    assert.strictEqual(Object.values(index.products).reduce((n, p) => n + p.operations, 0), 1393);
    assert.strictEqual(index.products['api.v2010'].objects, 71);
    assert.strictEqual(index.products['api.v2010'].operations, 197);
  });

  it('leaves out the OAuth-only APIs with the reason, and notes the files with no operations', function () {
    assert.deepStrictEqual(Object.keys(index.excluded).sort(), ['twilio_iam_organizations.json', 'twilio_oauth_v1.json']);
    assert.ok(generated.notes.some((n) => /left out twilio_iam_organizations\.json: OAuth-only/.test(n)));
    assert.deepStrictEqual(generated.notes.filter((n) => n.startsWith('no operations')),
      ['no operations in twilio_iam_v2.json: nothing generated', 'no operations in twilio_verify_v3.json: nothing generated']);
  });

  it('pins the six id collisions and the suffix of the variant without the inner parameter', function () {
    assert.deepStrictEqual(index.collisions.map((c) => c.suffixed).sort(), [
      'bulkexports.v1.Exports.Jobs.All',
      'taskrouter.v1.Workspaces.TaskQueues.RealTimeStatistics.All',
      'taskrouter.v1.Workspaces.TaskQueues.Statistics.All',
      'taskrouter.v1.Workspaces.Workers.Statistics.All',
      'trusthub.v1.ComplianceInquiries.Customers.Initialize.All',
      'trusthub.v1.ComplianceInquiries.Registration.RegulatoryCompliance.GB.Initialize.All',
    ]);
    const all = catalog.findObject('taskrouter.v1.Workspaces.Workers.Statistics.All');
    assert.strictEqual(all.actions.get.path, '/v1/Workspaces/{WorkspaceSid}/Workers/Statistics');
    assert.strictEqual(catalog.findObject('taskrouter.v1.Workspaces.Workers.Statistics').actions.get.path,
      '/v1/Workspaces/{WorkspaceSid}/Workers/{WorkerSid}/Statistics');
    assert.strictEqual(all.label, 'Workspace Worker Statistic (all)');
  });

  it('derives ids from the host\'s first label, the version and the static segments', function () {
    for (const id of ['verify.v2.Services.Verifications', 'verify.v2.Services.VerificationCheck', 'lookups.v2.PhoneNumbers',
      'messaging.v1.Services.PhoneNumbers', 'content.v1.Content', 'conversations.v1.Conversations.Messages',
      'studio.v2.Flows.Executions', 'flex-api.v1.Channels', 'preview.HostedNumbers.AuthorizationDocuments', 'accounts.v1.SafeList.Numbers']) {
      assert.ok(catalog.indexEntry(id), id);
    }
    assert.strictEqual(gen.objectIdOf('/v2/Services/{ServiceSid}/Verifications/{Sid}', 'verify'), 'verify.v2.Services.Verifications');
    assert.strictEqual(gen.objectIdOf('/wireless/Sims/{Sid}', 'preview'), 'preview.wireless.Sims');
    assert.strictEqual(index.products['flex-api.v1'].host, 'flex-api.twilio.com');
  });

  it('keeps record schema names unique across products (one schema map serves all)', function () {
    const seen = new Map();
    for (const out of generated.products) {
      for (const name of Object.keys(out.catalog.schemas)) {
        assert.ok(!seen.has(name), `${name} in ${out.product} and ${seen.get(name)}`);
        seen.set(name, out.product);
      }
    }
  });

  it('loads a product file only when one of its objects is first used', function () {
    const { execFileSync } = require('child_process');
    const script = `const c = require(${JSON.stringify(require.resolve('../../../dist/nodes/catalog/catalog.js'))});
      const fs = require('fs'); const read = fs.readFileSync; const files = [];
      fs.readFileSync = (f, ...a) => { files.push(require('path').basename(String(f))); return read(f, ...a); };
      c.indexedFor('create'); const before = files.slice();
      c.findObject('verify.v2.Services.Verifications'); console.log(JSON.stringify([before, files]));`;
    const [before, after] = JSON.parse(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' }));
    assert.deepStrictEqual(before, ['index.json']);
    assert.deepStrictEqual(after, ['index.json', 'verify.v2.json']);
  });

  it('pairs the products\' After/Before dates into one filter (on or after / on or before)', function () {
    const produced = [];
    for (const out of generated.products) {
      for (const obj of Object.values(out.catalog.objects)) {
        for (const f of (obj.actions.query && obj.actions.query.filters) || []) {
          if (f.range) produced.push(`${obj.id} ${f.name}: ${f.range.after}/${f.range.before}`);
        }
      }
    }
    assert.deepStrictEqual(produced, PAIRED);
  });

  it('marks the credential fields of accounts.v1 from the generator\'s table', function () {
    const promote = catalog.findObject('accounts.v1.AuthTokens.Promote');
    const schema = catalog.schemaOf(promote.actions.update);
    assert.ok(schema.fields.find((f) => f.name === 'auth_token').credential);
    const secondary = catalog.findObject('accounts.v1.AuthTokens.Secondary');
    assert.ok(catalog.schemaOf(secondary.actions.create).fields.find((f) => f.name === 'secondary_auth_token').credential);
  });

  it('reads what the product APIs declare differently: PUT, JSON bodies, Get query parameters, meta paging, non-Sid identities', function () {
    const overrides = catalog.findObject('lookups.v2.PhoneNumbers.Overrides');
    assert.strictEqual(overrides.actions.update.method, 'PUT');
    const content = catalog.findObject('content.v1.Content').actions.create;
    assert.strictEqual(content.bodyType, 'json');
    assert.ok(content.bodySchema.properties.types && content.params.some((p) => p.name === 'friendly_name'));
    const lookup = catalog.findObject('lookups.v2.PhoneNumbers').actions.get;
    assert.ok(lookup.query.some((p) => p.name === 'Fields'));
    assert.deepStrictEqual(lookup.chain.map((p) => [p.name, p.pattern]), [['PhoneNumber', undefined]]);
    assert.strictEqual(catalog.findObject('verify.v2.Services').actions.query.pageMeta, true);
    assert.strictEqual(catalog.findObject('verify.v2.Services').actions.query.recordKey, 'services');
    const item = catalog.findObject('sync.v1.Services.Maps.Items').actions.get;
    assert.strictEqual(catalog.schemaOf(item).identity, 'key');
  });
});

// What the date-pair rule produced from the installed spec (review a change here). Start/End
// pairs (StartDate/EndDate) stay two `eq` filters, as v2010's Usage StartDate/EndDate do.
const PAIRED = [
  'content.v2.Content DateCreated: DateCreatedAfter/DateCreatedBefore',
  'content.v2.ContentAndApprovals DateCreated: DateCreatedAfter/DateCreatedBefore',
  'insights.v1.Video.Rooms Created: CreatedAfter/CreatedBefore',
  'verify.v2.Attempts DateCreated: DateCreatedAfter/DateCreatedBefore',
  'video.v1.CompositionHooks DateCreated: DateCreatedAfter/DateCreatedBefore',
  'video.v1.Compositions DateCreated: DateCreatedAfter/DateCreatedBefore',
  'video.v1.Recordings DateCreated: DateCreatedAfter/DateCreatedBefore',
  'video.v1.Rooms DateCreated: DateCreatedAfter/DateCreatedBefore',
  'video.v1.Rooms.Participants DateCreated: DateCreatedAfter/DateCreatedBefore',
  'video.v1.Rooms.Recordings DateCreated: DateCreatedAfter/DateCreatedBefore',
];
