'use strict';
const assert = require('assert');
const { findOperation } = require('../../../dist/nodes/catalog/catalog');
const { buildQueryParams } = require('../../../dist/nodes/request/filters');

const NOW = new Date('2024-05-15T13:45:00Z');
const query = (id) => findOperation(id, 'query');

describe('lib/filters buildQueryParams', function () {
  const ok = [
    ['Messages: date-time filter before/on/after → DateSent<, DateSent, DateSent>', 'api.v2010.Messages',
      [{ field: 'DateSent', op: 'before', value: '2024-05-01 10:00:00' }, { field: 'DateSent', op: 'on', value: '2024-05-02 10:00:00' }, { field: 'DateSent', op: 'after', value: '2024-04-01' }],
      { 'DateSent<': '2024-05-01T10:00:00Z', DateSent: '2024-05-02T00:00:00Z', 'DateSent>': '2024-04-01T00:00:00Z' }],
    ['eq on a date filter means on', 'api.v2010.Messages',
      [{ field: 'DateSent', op: 'eq', value: '2024-05-02T23:59:59Z' }], { DateSent: '2024-05-02T00:00:00Z' }],
    ['relative words on a date filter', 'api.v2010.Messages',
      [{ field: 'DateSent', op: 'after', value: '-7d' }, { field: 'DateSent', op: 'before', value: 'yesterday' }],
      { 'DateSent>': '2024-05-08T00:00:00Z', 'DateSent<': '2024-05-14T00:00:00Z' }],
    ['JS Date and epoch ms values', 'api.v2010.Calls',
      [{ field: 'StartTime', op: 'after', value: new Date('2024-05-01T10:00:00Z') }, { field: 'EndTime', op: 'before', value: 1714557630000 }],
      { 'StartTime>': '2024-05-01T10:00:00Z', 'EndTime<': '2024-05-01T10:00:30Z' }],
    ['a zone in the value is honoured', 'api.v2010.Calls',
      [{ field: 'StartTime', op: 'after', value: '2024-05-01T10:00:00+02:00' }], { 'StartTime>': '2024-05-01T08:00:00Z' }],
    ['date-format filters with dateOps send YYYY-MM-DD', 'api.v2010.Conferences',
      [{ field: 'DateCreated', op: 'before', value: '2024-05-01' }, { field: 'DateUpdated', op: 'on', value: 'today' }],
      { 'DateCreated<': '2024-05-01', DateUpdated: '2024-05-15' }],
    ['phone numbers are normalised', 'api.v2010.Messages',
      [{ field: 'To', op: 'eq', value: '+1 (311) 555-6789' }, { field: 'From', op: 'eq', value: 'whatsapp:+1 311 555 0000' }],
      { To: '+13115556789', From: 'whatsapp:+13115550000' }],
    ['enums', 'api.v2010.Calls', [{ field: 'Status', op: 'eq', value: 'in-progress' }], { Status: 'in-progress' }],
    ['booleans (JS and text) and integers (number and text)', 'api.v2010.AvailablePhoneNumbers.Local',
      [{ field: 'SmsEnabled', op: 'eq', value: true }, { field: 'Beta', op: 'eq', value: 'false' }, { field: 'AreaCode', op: 'eq', value: 510 }, { field: 'Distance', op: 'eq', value: '25' }],
      { SmsEnabled: 'true', Beta: 'false', AreaCode: '510', Distance: '25' }],
    ['plain date filters take Twilio relative forms untouched', 'api.v2010.Usage.Records',
      [{ field: 'StartDate', op: 'eq', value: '-30days' }, { field: 'EndDate', op: 'eq', value: '2024-05-01' }],
      { StartDate: '-30days', EndDate: '2024-05-01' }],
    ['plain date filters turn our relative words into dates', 'api.v2010.Usage.Records',
      [{ field: 'StartDate', op: 'eq', value: '-2w' }], { StartDate: '2024-05-01' }],
    ['no rows, no parameters', 'api.v2010.Messages', [], {}],
  ];
  for (const [title, id, rows, expected] of ok) {
    it(title, function () {
      const warnings = [];
      assert.deepStrictEqual(buildQueryParams(query(id), rows, { now: NOW, warn: (t) => warnings.push(t) }), expected);
      assert.deepStrictEqual(warnings, []);
    });
  }

  it('warns once when time of day is dropped from date filters', function () {
    const warnings = [];
    const out = buildQueryParams(query('api.v2010.Usage.Records'), [
      { field: 'StartDate', op: 'eq', value: '2024-04-01 08:00:00' },
      { field: 'EndDate', op: 'eq', value: '2024-05-01 12:00:00' },
    ], { warn: (t) => warnings.push(t) });
    assert.deepStrictEqual(out, { StartDate: '2024-04-01', EndDate: '2024-05-01' });
    assert.deepStrictEqual(warnings, [
      'Filter "StartDate" of Query Usage Record takes a date only (YYYY-MM-DD, GMT): the time of day of "2024-04-01 08:00:00" was dropped and 2024-04-01 sent',
    ]);
  });

  const bad = [
    ['an unknown filter, with close matches', 'api.v2010.Messages', [{ field: 'DateSnet', op: 'eq', value: 'x' }],
      'INVALID_FILTER', 'Filter "DateSnet" is not a filter of Query Message; did you mean "DateSent"?'],
    ['a case-only mistake', 'api.v2010.Calls', [{ field: 'status', op: 'eq', value: 'x' }],
      'INVALID_FILTER', 'Filter "status" is not a filter of Query Call; did you mean "Status"?'],
    ['an unknown filter with nothing close', 'api.v2010.Messages', [{ field: 'Colour', op: 'eq', value: 'x' }],
      'INVALID_FILTER', 'Filter "Colour" is not a filter of Query Message; expected one of: To, From, DateSent'],
    ['before on a filter that is not a date filter', 'api.v2010.Messages', [{ field: 'To', op: 'before', value: '+1' }],
      'INVALID_FILTER', 'Filter "To" takes only "eq": "before" is for date filters ("DateSent")'],
    ['after on a plain date filter', 'api.v2010.Usage.Records', [{ field: 'StartDate', op: 'after', value: '-30days' }],
      'INVALID_FILTER', 'Filter "StartDate" takes only "eq": "after" is for date filters (none in Query Usage Record)'],
    ['an unknown operator', 'api.v2010.Messages', [{ field: 'DateSent', op: 'since', value: 'today' }],
      'INVALID_FILTER', 'Filter "DateSent" has operator "since"; expected eq, before, on or after'],
    ['an empty value', 'api.v2010.Messages', [{ field: 'To', op: 'eq', value: '' }],
      'INVALID_FILTER', 'Filter "To" has no value; give it a value or remove the row'],
    ['an undefined value', 'api.v2010.Messages', [{ field: 'DateSent', op: 'on', value: undefined }],
      'INVALID_FILTER', 'Filter "DateSent" has no value; give it a value or remove the row'],
    ['two rows on one key', 'api.v2010.Messages', [{ field: 'DateSent', op: 'eq', value: '2024-01-01' }, { field: 'To', op: 'eq', value: '+15558675310' }, { field: 'DateSent', op: 'on', value: '2024-01-02' }],
      'INVALID_FILTER', 'Filter "DateSent" is set twice (rows 1 and 3); keep one'],
    ['a value outside the enum', 'api.v2010.Calls', [{ field: 'Status', op: 'eq', value: 'done' }],
      'INVALID_FILTER', 'Filter "Status" of Query Call must be one of queued, ringing, in-progress, completed, busy, failed, no-answer, canceled; got "done"'],
    ['a boolean that is not true/false', 'api.v2010.IncomingPhoneNumbers', [{ field: 'Beta', op: 'eq', value: 'yes' }],
      'INVALID_FILTER', 'Filter "Beta" of Query Incoming Phone Number must be true or false; got "yes"'],
    ['an integer that is not one', 'api.v2010.AvailablePhoneNumbers.Local', [{ field: 'AreaCode', op: 'eq', value: '51O' }],
      'INVALID_FILTER', 'Filter "AreaCode" of Query Available Phone Number Local must be an integer; got "51O"'],
    ['an object for a text filter', 'api.v2010.Accounts', [{ field: 'FriendlyName', op: 'eq', value: ['a'] }],
      'INVALID_FILTER', 'Filter "FriendlyName" of Query Account must be text, a number or a boolean; got an array of 1'],
    ['a bad date', 'api.v2010.Messages', [{ field: 'DateSent', op: 'on', value: 'soonish' }],
      'INVALID_DATE', 'Filter "DateSent" of Query Message: "soonish" is not a date; expected YYYY-MM-DD, YYYY-MM-DD HH:MM:SS, ISO 8601 (GMT when no zone is given), RFC 2822, epoch milliseconds, a JS Date, or now, today, yesterday, tomorrow, -7d, +3d, -30days, -2w'],
  ];
  for (const [title, id, rows, code, message] of bad) {
    it(`refuses ${title}`, function () {
      assert.throws(() => buildQueryParams(query(id), rows, { now: NOW }), (err) => {
        assert.strictEqual(err.name, 'TwilioNodeError');
        assert.strictEqual(err.code, code);
        assert.strictEqual(err.message, message);
        return true;
      });
    });
  }

  it('every filter of every Query in the catalog takes eq with a valid value', function () {
    const { objectsFor } = require('../../../dist/nodes/catalog/catalog');
    for (const obj of objectsFor('query')) {
      const op = obj.actions.query;
      for (const f of op.filters || []) {
        const value = f.enum ? f.enum[0] : f.type === 'boolean' ? true : f.type === 'integer' ? 1
          : f.format === 'date' || f.format === 'date-time' ? '2024-05-01' : f.format === 'phone-number' ? '+1 311 555 6789'
          : f.pattern ? null : 'x';
        if (value === null) continue;
        const out = buildQueryParams(op, [{ field: f.name, op: 'eq', value }], { now: NOW });
        assert.strictEqual(Object.keys(out).length, 1, `${obj.id} ${f.name}`);
      }
    }
  });
});
