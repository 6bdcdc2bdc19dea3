'use strict';
// Micro-benchmark (not a test): µs per record for the compiled per-schema serializer
// (toTwilioXml) against xml-js's js2xml on the same records, and the parse-back cost.
// Run after a build: `node bench/xml.js [records]`.
const { js2xml } = require('xml-js');
const { loadCatalog } = require('../dist/nodes/catalog/catalog');
const { toTwilioXml, pascalCase } = require('../dist/nodes/response/twilio-xml');
const { xmlToRecord } = require('../test/support/twilio-xml-reader');
const { sampleRecords } = require('../test/support/sample-records');

const N = Number(process.argv[2]) || 20000;
const catalog = loadCatalog();

/** The naive way: a compact xml-js object per record, serialised by js2xml. */
function viaJs2xml(record, schema) {
  const toJs = (v) => {
    if (v === null) return { _attributes: { nil: 'true' } };
    if (Array.isArray(v)) return v.map(toJs);
    if (typeof v === 'object') {
      const o = {};
      for (const [k, x] of Object.entries(v)) o[k] = toJs(x);
      return o;
    }
    return { _text: String(v) };
  };
  const body = {};
  for (const f of schema.fields) if (record[f.name] !== undefined) body[pascalCase(f.name)] = toJs(record[f.name]);
  return js2xml({ TwilioResponse: { [schema.element]: body } }, { compact: true });
}

function time(label, fn, records) {
  for (let i = 0; i < 2000; i++) fn(records[i % records.length]); // warm up
  const start = process.hrtime.bigint();
  let bytes = 0;
  for (let i = 0; i < N; i++) bytes += fn(records[i % records.length]).length;
  const us = Number(process.hrtime.bigint() - start) / 1000 / N;
  return { label, us, bytes: Math.round(bytes / N) };
}

const rows = [];
for (const id of ['api.v2010.account.message', 'api.v2010.account.call', 'api.v2010.account.incoming_phone_number', 'api.v2010.account.call.call_event']) {
  const schema = catalog.schemas[id];
  const s = sampleRecords(schema);
  const records = [s.full, s.nulls, s.emptyish];
  const xmls = records.map((r) => toTwilioXml(r, schema));
  const compiled = time('compiled', (r) => toTwilioXml(r, schema), records);
  const naive = time('js2xml', (r) => viaJs2xml(r, schema), records);
  const parse = time('parse', (x) => JSON.stringify(xmlToRecord(x, schema)), xmls);
  rows.push({
    schema: id,
    fields: schema.fields.length,
    'compiled µs/record': compiled.us.toFixed(2),
    'js2xml µs/record': naive.us.toFixed(2),
    speedup: (naive.us / compiled.us).toFixed(1) + 'x',
    'xmlToRecord µs/record': parse.us.toFixed(2),
    'bytes/record': compiled.bytes,
  });
}
console.log(`${N} records per measurement`);
console.table(rows);
