'use strict';
// Finds where Twilio's OpenAPI description disagrees with its own examples or with Twilio's
// documented behaviour, and prints the list as test/conformance/spec-differences.json.
//
//   node test/conformance/tools/find-spec-differences.js > test/conformance/spec-differences.json
//
// Two sources, each entry with the reason it is tolerated:
//  - rules for documented behaviour, applied to every schema they match (relative `uri`s,
//    decimals sent as strings, formatted `friendly_name`s of available numbers);
//  - every spec example that fails its own response schema: the failing value is mapped back
//    to the schema's JSON pointer and classified (empty string for an unset value, null
//    where the schema is not nullable, a wrong Sid prefix in an example).
// The committed file is reviewed data; conformance tests check every entry still exists.
const S = require('../lib/spec');

const spec = S.loadSpec();
const entries = new Map();
function add(pointer, spec, also, reason) {
  if (!entries.has(pointer)) entries.set(pointer, { pointer, spec, also, reason });
}

const PAGE_URIS = new Set(['uri', 'first_page_uri', 'next_page_uri', 'previous_page_uri']);
const DECIMAL = { type: 'string', pattern: '^-?[0-9]+(\\.[0-9]+)?$' };

// Walk every schema object (components and inline response schemas) with its pointer.
function walkSchemas(node, pointer, visit) {
  if (!node || typeof node !== 'object') return;
  if (node.properties) {
    for (const [name, prop] of Object.entries(node.properties)) {
      visit(name, prop, `${pointer}/properties/${S.escapePointer(name)}`, pointer);
    }
  }
  for (const [k, v] of Object.entries(node)) {
    if (k === 'examples' || k === 'example') continue;
    walkSchemas(v, `${pointer}/${S.escapePointer(k)}`, visit);
  }
}

const roots = [['/components/schemas', spec.components.schemas]];
for (const [p, item] of Object.entries(spec.paths)) {
  for (const [m, op] of Object.entries(item)) {
    if (op && op.responses) roots.push([`/paths/${S.escapePointer(p)}/${m}/responses`, op.responses]);
  }
}
for (const [pointer, node] of roots) {
  walkSchemas(node, pointer, (name, prop, ptr, parentPtr) => {
    if (PAGE_URIS.has(name) && prop.format === 'uri') {
      add(ptr, { format: 'uri' }, { type: 'string', pattern: '^/2010-04-01/' },
        'Twilio returns resource and page URIs relative to https://api.twilio.com (documented for `uri`: "relative to `https://api.twilio.com`"; every spec example is a path), which JSON Schema\'s `uri` format rejects');
    }
    if ((name === 'price' || name === 'latitude' || name === 'longitude') && prop.type === 'number') {
      add(ptr, { type: 'number' }, DECIMAL, name === 'price'
        ? 'Twilio sends `price` as a decimal string (spec examples "-0.0025", "-0.00750"); this schema says number while Message, Call and Recording declare price as a string'
        : `Twilio sends \`${name}\` of an available number as a decimal string (spec example ${name === 'latitude' ? '"19.720000"' : '"-155.090000"'}); the schema says number`);
    }
    if (name === 'friendly_name' && prop.format === 'phone-number' && /available_phone_number/.test(parentPtr)) {
      add(ptr, { format: 'phone-number' }, { type: 'string' },
        'the friendly name of an available number is the nationally formatted number (spec example "(808) 925-1571"), not E.164');
    }
  });
}

// Examples that fail their own schema.
const strict = new S.SpecValidators({ strict: true });
function schemaPointerFor(basePointer, instancePath) {
  let ptr = basePointer;
  const segs = instancePath.split('/').slice(1).map((k) => k.replace(/~1/g, '/').replace(/~0/g, '~'));
  const deref = () => {
    let node = S.pointerGet(spec, ptr);
    while (node && node.$ref) { ptr = node.$ref.slice(1); node = S.pointerGet(spec, ptr); }
    return node;
  };
  for (const seg of segs) {
    const node = deref();
    if (node && node.type === 'array') ptr += '/items';
    else ptr += `/properties/${S.escapePointer(seg)}`;
  }
  deref();
  return ptr;
}
for (const [p, item] of Object.entries(spec.paths)) {
  for (const [m, op] of Object.entries(item)) {
    if (!op || !op.responses) continue;
    for (const [status, resp] of Object.entries(op.responses)) {
      const content = resp.content && resp.content['application/json'];
      if (!content || !content.examples) continue;
      const base = `/paths/${S.escapePointer(p)}/${m}/responses/${status}/content/application~1json/schema`;
      const validate = strict.compile(`${m} ${p} ${status}`, content.schema);
      for (const [exName, ex] of Object.entries(content.examples)) {
        if (validate(ex.value)) continue;
        for (const e of validate.errors) {
          const value = S.pointerGet(ex.value, e.instancePath);
          const ptr = schemaPointerFor(base, e.instancePath);
          if (entries.has(ptr)) continue;
          const target = S.pointerGet(spec, ptr);
          const where = `${op.operationId} example "${exName}"`;
          if (value === '') {
            add(ptr, pick(target, ['format', 'pattern']), { const: '' },
              `Twilio sends an empty string for an unset optional value (${where}: "")`);
          } else if (value === null) {
            add(ptr, { ...pick(target, ['type']), nullable: null }, { type: 'null' },
              `the schema is not nullable but the value is null while it does not apply (${where}; the field's description says so)`);
          } else if (e.keyword === 'pattern') {
            add(ptr, { pattern: target.pattern }, { type: 'string', pattern: '^[A-Z]{2}[0-9a-fA-F]{32}$' },
              `the spec example carries a Sid of another type (${where}: ${JSON.stringify(value)}); tolerated so the examples Prism serves validate`);
          } else {
            process.stderr.write(`unclassified: ${ptr} ${e.message} ${JSON.stringify(value)} (${where})\n`);
          }
        }
      }
    }
  }
}

function pick(o, keys) {
  const out = {};
  for (const k of keys) if (o && k in o) out[k] = o[k];
  return out;
}

const list = [...entries.values()].sort((a, b) => (a.pointer < b.pointer ? -1 : a.pointer > b.pointer ? 1 : 0));
process.stdout.write(JSON.stringify(list, null, 2) + '\n');
