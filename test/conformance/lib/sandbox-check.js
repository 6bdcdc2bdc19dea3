'use strict';
// Checks what the sandbox answers against Twilio's OpenAPI description, for any suite.
//
//   const { specCheckedSandbox } = require('../conformance/lib/sandbox-check');
//   const sandbox = await startSandbox({ port: 0 });
//   const checked = await specCheckedSandbox(sandbox);   // a capturing proxy in front of it
//   // point the twilio-account's baseUrl at checked.url instead of sandbox.url
//   afterEach(() => checked.assertConforms());            // every response so far validates
//   after(() => checked.close());
//
// or, without a proxy, `checkExchange({method, path, status, body})` → [] or messages.
// A success status must be the operation's declared one and its body must validate against
// the spec's response schema (with the recorded spec differences tolerated); an error must be
// Twilio's error JSON {code, message, more_info, status} with `status` equal to the HTTP status.
// Control routes (`/__sandbox/…`) are not Twilio's and are skipped.
const S = require('./spec');
const { startCapturingProxy } = require('./prism');

let validators;
function specValidators() {
  if (!validators) validators = new S.SpecValidators();
  return validators;
}

let routes;
/** The catalog operation a method and path address (literal segments beat `{Param}`s). */
function findOperation(method, path) {
  if (!routes) {
    routes = S.operations().map((e) => {
      const names = [];
      const re = new RegExp('^' + e.op.path.replace(/[.]/g, '\\.').replace(/\{([^}]+)\}/g, (_, n) => (names.push(n), '([^/]+)')) + '$');
      return { e, re, literal: e.op.path.replace(/\{[^}]+\}/g, '').length };
    }).sort((a, b) => b.literal - a.literal);
  }
  const hit = routes.find((r) => r.e.op.method === method && r.re.test(path));
  return hit ? hit.e : undefined;
}

const ERROR_SCHEMA = {
  type: 'object',
  required: ['code', 'message', 'more_info', 'status'],
  properties: {
    code: { type: 'integer' },
    message: { type: 'string', minLength: 1 },
    more_info: { type: 'string', format: 'uri' },
    status: { type: 'integer' },
  },
};
let errorValidator;

/** [] when the exchange matches the spec, else messages naming what differs. */
function checkExchange({ method, path, status, body }) {
  if (path.startsWith('/__sandbox/')) return [];
  const entry = findOperation(method, path);
  let parsed = body;
  if (typeof body === 'string') {
    try { parsed = body === '' ? undefined : JSON.parse(body); } catch (e) { return [`${method} ${path} → ${status}: body is not JSON`]; }
  }
  if (status >= 400) {
    if (!errorValidator) errorValidator = specValidators().ajv.compile(ERROR_SCHEMA);
    const errs = errorValidator(parsed) ? [] : errorValidator.errors.map((e) => `${e.instancePath || '/'} ${e.message}`);
    if (parsed && parsed.status !== status) errs.push(`error body status ${parsed && parsed.status} ≠ HTTP ${status}`);
    return errs.map((m) => `${method} ${path} → ${status}: Twilio error JSON: ${m}`);
  }
  if (!entry) return [`${method} ${path} → ${status}: no operation of the spec has this method and path`];
  if (status !== entry.op.status) return [`${method} ${path} → ${status}: the spec's success status is ${entry.op.status}`];
  return specValidators().validateResponse(entry.op, status, parsed).map((m) => `${entry.specOp.operationId} ${status}: ${m}`);
}

/** A capturing proxy in front of a running sandbox; see the header comment. */
async function specCheckedSandbox(sandbox) {
  const port = Number(new URL(sandbox.url).port);
  const proxy = await startCapturingProxy(port);
  let checked = 0;
  return {
    url: proxy.url,
    exchanges: proxy.requests,
    violations() {
      const out = [];
      for (const x of proxy.requests.slice(checked)) out.push(...checkExchange({ method: x.method, path: x.path, status: x.status, body: x.response }));
      return out;
    },
    assertConforms() {
      const v = this.violations();
      checked = proxy.requests.length;
      if (v.length) throw new Error(`sandbox responses that do not match Twilio's spec:\n${v.join('\n')}`);
    },
    close: () => proxy.close(),
  };
}

module.exports = { checkExchange, findOperation, specCheckedSandbox, ERROR_SCHEMA };
