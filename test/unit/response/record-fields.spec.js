'use strict';
const assert = require('assert');
const { loadCatalog } = require('../../../dist/nodes/catalog/catalog');
const { selectFields, recordShaper } = require('../../../dist/nodes/response/record-fields');

const MESSAGE = loadCatalog().schemas['api.v2010.account.message'];
const record = { sid: 'SM1', body: 'hi', date_created: 'Mon, 17 Sep 2012 01:13:42 +0000', date_sent: null };

describe('lib/output', function () {
  it('selectFields keeps exactly the selected fields; empty keeps the record', function () {
    assert.deepStrictEqual(selectFields(record, ['body', 'missing']), { body: 'hi' });
    assert.strictEqual(selectFields(record, []), record);
    assert.strictEqual(selectFields(record, undefined), record);
  });

  const cases = [
    [{}, record],
    [{ dates: 'rfc2822' }, record],
    [{ dates: 'iso' }, { sid: 'SM1', body: 'hi', date_created: '2012-09-17T01:13:42Z', date_sent: null }],
    [{ fields: ['sid', 'date_created'] }, { sid: 'SM1', date_created: 'Mon, 17 Sep 2012 01:13:42 +0000' }],
    [{ fields: ['sid', 'date_created'], dates: 'iso' }, { sid: 'SM1', date_created: '2012-09-17T01:13:42Z' }],
  ];
  for (const [opts, expected] of cases) {
    it(`recordShaper ${JSON.stringify(opts)}`, function () {
      assert.deepStrictEqual(recordShaper(MESSAGE, opts)(record), expected);
    });
  }
});
