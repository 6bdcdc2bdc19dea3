// Every catalog date filter, table-driven: records just inside and just outside each
// day boundary. Twilio's meaning: inclusive, by whole GMT day. The same file runs
// again under TZ=America/Los_Angeles (see the last test) to prove the machine's zone
// changes nothing.
const assert = require('assert');
const { spawnSync } = require('child_process');
const { startSandbox } = require('../../dist/sandbox/server.js');
const { loadCatalog } = require('../../dist/nodes/catalog/catalog.js');
const { A, client, accountPath } = require('../support/sandbox-client');
const { sampleForPart: sampleFor } = require('../support/samples');

const { snakeCase: snake } = require('../../dist/nodes/catalog/names.js');
const catalog = loadCatalog();

// One GMT day D and the instants around its edges.
const EDGES = {
  prevLast: 'Sat, 09 Mar 2024 23:59:59 +0000',
  first: 'Sun, 10 Mar 2024 00:00:00 +0000',
  last: 'Sun, 10 Mar 2024 23:59:59 +0000',
  nextFirst: 'Mon, 11 Mar 2024 00:00:00 +0000',
};
const CASES = [
  // [query key suffix, value, labels expected]
  ['', '2024-03-10', ['first', 'last']],
  ['<', '2024-03-10', ['prevLast', 'first', 'last']],
  ['>', '2024-03-10', ['first', 'last', 'nextFirst']],
  ['', '2024-03-10T23:30:00Z', ['first', 'last']],
  // An ISO date-time with an offset names its GMT day: 20:00 -05:00 is 01:00 on the 11th.
  ['', '2024-03-10T20:00:00-05:00', ['nextFirst']],
  ['<', '2024-03-09', ['prevLast']],
  ['>', '2024-03-11', ['nextFirst']],
];

const dateFilters = [];
for (const obj of Object.values(catalog.objects)) {
  const op = obj.actions.query;
  for (const f of (op && op.filters) || []) if (f.dateOps) dateFilters.push({ obj, op, filter: f });
}

describe(`sandbox date filters (TZ=${process.env.TZ || 'machine default'})`, function () {
  let sb;
  let call;
  before(async () => {
    sb = await startSandbox({ port: 0 });
    call = client(sb);
  });
  after(() => sb.close());
  beforeEach(() => sb.reset());

  it('the catalog has the date filters Twilio documents as day comparisons', () => {
    const names = new Set(dateFilters.map((d) => d.filter.name));
    assert.deepStrictEqual([...names].sort(), ['DateCreated', 'DateSent', 'DateUpdated', 'EndTime', 'MessageDate', 'StartTime']);
  });

  for (const { obj, op, filter } of dateFilters) {
    it(`${obj.id} ${filter.name}: =, <=, >= by GMT day, inclusive`, async () => {
      const parents = op.chain.map((p, i) => sampleFor(p, i + 7));
      const field = snake(filter.name);
      const labels = Object.keys(EDGES);
      const seeded = sb.seed(A, obj.id, labels.map((l) => ({ [field]: EDGES[l] })), parents);
      const labelOf = new Map(seeded.map((r, i) => [String(r[catalog.schemas[op.response].identity]), labels[i]]));
      let listPath = accountPath(op.path);
      op.chain.forEach((p, i) => (listPath = listPath.replace(`{${p.name}}`, parents[i])));
      for (const [suffix, value, expected] of CASES) {
        const key = encodeURIComponent(filter.name + suffix);
        const res = await call('GET', `${listPath}?${key}=${encodeURIComponent(value)}`);
        assert.strictEqual(res.status, 200, JSON.stringify(res.body));
        const got = res.body[op.recordKey].map((r) => labelOf.get(String(r[catalog.schemas[op.response].identity])));
        assert.deepStrictEqual(got.sort(), [...expected].sort(), `${filter.name}${suffix}=${value}`);
      }
      // The wire form `X<=YYYY-MM-DD` (key `X<`) unencoded works too.
      const raw = await call('GET', `${listPath}?${filter.name}<=2024-03-09`);
      assert.deepStrictEqual(raw.body[op.recordKey].map((r) => labelOf.get(String(r[catalog.schemas[op.response].identity]))), ['prevLast']);
      const bad = await call('GET', `${listPath}?${encodeURIComponent(filter.name + '>')}=2024-13-45`);
      assert.strictEqual(bad.status, 400);
      assert.strictEqual(bad.body.status, 400);
      assert.strictEqual(typeof bad.body.code, 'number');
    });
  }

  it('Usage Records StartDate/EndDate: on or after / on or before, relative -Ndays forms', async () => {
    const obj = catalog.objects['api.v2010.Usage.Records'];
    const day = (offset) => new Date(Date.now() + offset * 86400000).toISOString().slice(0, 10);
    sb.seed(A, obj.id, [
      { category: 'sms', start_date: day(-40), end_date: day(-40) },
      { category: 'calls', start_date: day(-10), end_date: day(-10) },
      { category: 'sms', start_date: '2024-03-10', end_date: '2024-03-10' },
    ]);
    const list = async (q) => (await call('GET', `/2010-04-01/Accounts/${A}/Usage/Records.json?${q}`)).body.usage_records.map((r) => r.start_date);
    assert.deepStrictEqual(await list('StartDate=-30days'), [day(-10)]);
    assert.deepStrictEqual((await list('EndDate=-30days')).sort(), ['2024-03-10', day(-40)].sort());
    assert.deepStrictEqual(await list('StartDate=2024-03-10&EndDate=2024-03-10'), ['2024-03-10']);
    assert.deepStrictEqual(await list('StartDate=2024-03-11&EndDate=' + day(-20)), [day(-40)]);
    assert.deepStrictEqual((await list('Category=sms')).length, 2);
    assert.strictEqual((await call('GET', `/2010-04-01/Accounts/${A}/Usage/Records.json?StartDate=yesterdayish`)).status, 400);
  });

  if (!process.env.SANDBOX_FILTERS_CHILD) {
    it('passes again under TZ=America/Los_Angeles', function () {
      this.timeout(60000);
      const mocha = require.resolve('mocha/bin/mocha.js');
      const r = spawnSync(process.execPath, [mocha, __filename], {
        env: { ...process.env, TZ: 'America/Los_Angeles', SANDBOX_FILTERS_CHILD: '1' },
        encoding: 'utf8',
      });
      assert.strictEqual(r.status, 0, r.stdout + r.stderr);
      assert.match(r.stdout, /TZ=America\/Los_Angeles/);
      assert.match(r.stdout, /passing/);
    });
  }
});
