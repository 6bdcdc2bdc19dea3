'use strict';
// The product rows of docs/conformance.md: what test/conformance/products.spec.js sent through the
// nodes to Prism serving each product's description (last run, sample products; update after a
// CONFORMANCE_PRODUCTS=all run), and each product's catalog counts from the index.
const path = require('path');
const S = require('./spec');

const LAST_RUN = {
  'verify.v2': { prismStartMs: 7378, ops: ['query Attempts', 'get Attempts', 'create SafeList.Numbers', 'delete SafeList.Numbers', 'update Services'] },
  'lookups.v2': { prismStartMs: 10697, ops: ['get PhoneNumbers', 'create PhoneNumbers.Overrides', 'update PhoneNumbers.Overrides (PUT, JSON)', 'delete PhoneNumbers.Overrides'] },
  'messaging.v1': { prismStartMs: 7959, ops: ['get LinkShortening.Domains.Certificate', 'update LinkShortening.Domains.Certificate', 'delete LinkShortening.Domains.Certificate', 'create LinkShortening.Domains.MessagingServices', 'query Services'] },
  'content.v1': { prismStartMs: 7794, ops: ['get Content', 'delete Content', 'query Content', 'create Content (JSON)'] },
  'conversations.v1': { prismStartMs: 9832, ops: ['get Configuration', 'update Configuration', 'query Configuration.Addresses', 'create Configuration.Addresses', 'delete Configuration.Addresses'] },
  'studio.v2': { prismStartMs: 7970, ops: ['query Flows', 'create Flows', 'get Flows', 'update Flows', 'delete Flows'] },
};

function productRows() {
  const index = require(path.join(S.ROOT, 'nodes', 'catalog', 'index.json'));
  const lines = [
    '## Every product (Prism per product, through the nodes)',
    '',
    '`test/conformance/products.spec.js` starts one Prism 5.14.2 per product on that product\'s own description',
    '(a proxy strips the `/<domain>` prefix the base URL adds) and sends one List, Fetch, Create, Update and',
    'Delete of the product where it has them through the real nodes; Prism validates each request. `npm test`',
    `runs ${Object.keys(LAST_RUN).length} products (Prism's start costs 7–11 s each); \`CONFORMANCE_PRODUCTS=all\` runs every one.`,
    'Every product\'s Lists and Gets are also answered by the sandbox and validated against that product\'s',
    'response schemas in `test/sandbox/products.spec.js`.',
    '',
    '| product | objects | operations | through the nodes to Prism | Prism start |',
    '|---|---:|---:|---|---:|',
  ];
  for (const [key, p] of Object.entries(index.products)) {
    if (key === 'api.v2010') continue;
    const run = LAST_RUN[key];
    lines.push(`| \`${key}\` | ${p.objects} | ${p.operations} | ${run ? `pass: ${run.ops.join(', ')}` : 'not in the sample'} | ${run ? `${(run.prismStartMs / 1000).toFixed(1)} s` : '—'} |`);
  }
  lines.push('');
  return lines;
}

module.exports = { productRows, LAST_RUN };
