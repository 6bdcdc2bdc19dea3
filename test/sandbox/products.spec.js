// The sandbox serves every product from the catalog: for each product, every List answers a
// `meta` page and every Get answers a seeded record, over real HTTP under /<domain>/<version>,
// and each answer validates against that product's own response schema in Twilio's spec.
const assert = require('assert');
const fs = require('fs');
const path = require('path');
const { startSandbox, SANDBOX_DEFAULTS } = require('../../dist/sandbox/server.js');
const catalog = require('../../dist/nodes/catalog/catalog.js');
const S = require('../conformance/lib/spec');

const SPEC_DIR = path.join(S.ROOT, 'node_modules/@twilio-alpha/mcp/twilio-oai/spec/json');
const AUTH = 'Basic ' + Buffer.from(`${SANDBOX_DEFAULTS.accountSid}:${SANDBOX_DEFAULTS.authToken}`).toString('base64');

/** A value for a path part: a Sid of its pattern (the part's, else its record field's), else text. */
function sampleFor(part, op) {
  const schema = op && catalog.schemaOf(op);
  const field = schema && part.field && schema.fields.find((f) => f.name === part.field);
  const pattern = part.pattern || (field && field.pattern);
  const m = pattern && /^\^([A-Z]{2})\[0-9a-fA-F\]\{32\}\$$/.exec(pattern);
  return m ? m[1] + '0'.repeat(32) : 'sample';
}

/** ajv validators of one product's success responses, by operationId. */
function productValidators(file) {
  const spec = JSON.parse(fs.readFileSync(path.join(SPEC_DIR, file), 'utf8'));
  const ajv = S.makeAjv();
  ajv.addSchema({ $id: 'twilio', components: { schemas: S.toJsonSchema(spec.components.schemas) } });
  const byOp = new Map();
  for (const item of Object.values(spec.paths)) {
    for (const m of ['get', 'post', 'put', 'delete']) {
      const op = item[m];
      if (!op) continue;
      const code = Object.keys(op.responses).find((c) => /^2/.test(c));
      const schema = code && op.responses[code].content && op.responses[code].content['application/json'];
      if (schema) byOp.set(op.operationId, () => ajv.compile(S.toJsonSchema(schema.schema)));
    }
  }
  return byOp;
}

function fileOf(key) {
  const [domain, version] = key.split('.');
  const candidates = fs.readdirSync(SPEC_DIR);
  return candidates.find((f) => f === `twilio_${domain.replace(/-api$/, '').replace(/-/g, '_')}_${version}.json`)
    || candidates.find((f) => f === `twilio_${domain}.json`);
}

// Gets the sandbox cannot yet answer from a plain seed (review when the sandbox learns them):
// the record's identity is not what the path names, or the answer is a redirect.
const KNOWN_GAPS = {
  'assistants.v1.Assistants': 'identity `id` (aia_asst_…) is not the path part',
  'assistants.v1.Sessions': 'assistant_id pattern aia_asst_… not generated',
  'assistants.v1.Tools': 'identity `id` is not the path part',
  'bulkexports.v1.Exports.Days': 'Get answers a 307 redirect to the file',
  'insights.v1.Video.Rooms.Participants': 'participant_sid is PA…, the path names CP…',
  'intelligence.v2.Services.Operators': 'seeded through an attach-only path (no list)',
  'lookups.v2.PhoneNumbers.Overrides': 'seeded through an instance path (no list)',
  'messaging.v1.Services.Compliance.Usa2p.Usecases': 'a singleton read with a query parameter',
  'monitor.v2.Alarms': 'identity not in the record',
  'studio.v2.Flows.Revisions': 'the path takes a revision number or LatestPublished',
  'trunking.v1.Trunks.Recording': 'a singleton under a trunk with no trunk_sid field',
};

describe('sandbox: every product', function () {
  this.timeout(120000);
  let sandbox;
  before(async function () { sandbox = await startSandbox({ port: 0 }); });
  after(async function () { await sandbox.close(); });

  async function call(method, url) {
    const res = await fetch(sandbox.url + url, { method, headers: { Authorization: AUTH } });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined };
  }

  it('pins the list of Gets the sandbox does not yet serve (11)', function () {
    assert.strictEqual(Object.keys(KNOWN_GAPS).length, 11);
    for (const id of Object.keys(KNOWN_GAPS)) assert.ok(catalog.indexEntry(id), id);
  });

  const products = Object.keys(catalog.loadIndex().products).filter((k) => k !== 'api.v2010');
  for (const key of products) {
    it(`${key}: Lists answer meta pages and Gets seeded records, valid against its spec`, async function () {
      const file = fileOf(key);
      assert.ok(file, `no spec file for ${key}`);
      const validators = productValidators(file);
      const { domain } = { domain: key.split('.')[0] };
      const prefix = key.includes('.') ? `/${domain}` : `/${key}`;
      const problems = [];
      const check = (op, res, what) => {
        if (res.status !== op.status) return problems.push(`${what}: ${res.status} ${JSON.stringify(res.body).slice(0, 200)}`);
        const make = validators.get(op.operationId);
        const validate = make && make();
        if (validate && !validate(res.body)) problems.push(`${what}: ${S.toJsonSchema && validate.errors.slice(0, 2).map((e) => `${e.instancePath} ${e.message}`).join('; ')}`);
      };
      let lists = 0;
      let gets = 0;
      for (const obj of Object.values(catalog.loadCatalog(key).objects)) {
        const q = obj.actions.query;
        if (q) {
          const values = q.chain.map((p) => sampleFor(p, q));
          let i = 0;
          const url = prefix + q.path.replace(/\{[^}]+\}/g, () => encodeURIComponent(values[i++]));
          const res = await call('GET', url);
          check(q, res, `GET ${url}`);
          if (q.pageMeta && res.body && res.body.meta) assert.strictEqual(res.body.meta.key, q.recordKey);
          lists++;
        }
        const g = obj.actions.get;
        if (g && g.chain.length && !KNOWN_GAPS[obj.id]) {
          const parents = g.chain.slice(0, -1).map((p) => sampleFor(p, g));
          let rec;
          try { [rec] = sandbox.seed(SANDBOX_DEFAULTS.accountSid, obj.id, [{}], parents); } catch (e) { problems.push(`seed ${obj.id}: ${e.message}`); continue; }
          const schema = catalog.schemaOf(g);
          const values = [...parents, String(rec[g.chain[g.chain.length - 1].field || schema.identity])];
          let i = 0;
          const url = prefix + g.path.replace(/\{[^}]+\}/g, () => encodeURIComponent(values[i++]));
          check(g, await call('GET', url), `GET ${url}`);
          gets++;
        }
      }
      assert.deepStrictEqual(problems, [], `${lists} lists, ${gets} gets`);
    });
  }
});
