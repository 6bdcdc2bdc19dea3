'use strict';
// Sample records for every schema of the catalog, covering every field type the catalog
// uses, for the XML round-trip tests and bench/xml.js.

const TRICKY_TEXT = 'a <b> & "c" \'d\' ünïcödé 😀 ]]> \t\n';

function fullValue(field, i) {
  switch (field.type) {
    case 'string':
      if (field.enum) return field.enum[i % field.enum.length];
      switch (field.format) {
        case 'date-time-rfc-2822': return 'Mon, 17 Sep 2012 01:13:42 +0000';
        case 'date': return '2012-09-17';
        case 'phone-number': return '+13115556789';
        case 'uri': return '/2010-04-01/Accounts/AC00000000000000000000000000000000/Messages.json?PageSize=50&Page=0';
        case 'currency': return 'USD';
        default: return i % 3 === 0 ? TRICKY_TEXT : 'value ' + i;
      }
    case 'integer': return 42 + i;
    case 'number': return -0.0075;
    case 'boolean': return i % 2 === 0;
    case 'array':
      return field.items === 'object'
        ? [{ url: 'stun:global.stun.twilio.com:3478', urls: 'stun:global.stun.twilio.com:3478', username: null }, { credential: 'x&y', n: 1 }]
        : ['calls:read', 'messages:read'];
    case 'object':
      if (field.format === 'uri-map') {
        return { media: '/2010-04-01/Accounts/AC/Messages/SM/Media.json', feedback: '/x?a=1&b=2' };
      }
      if (field.format === 'phone-number-capabilities') return { voice: true, SMS: false, MMS: true, fax: false };
      return {
        campaign_name: 'Spring <sale>',
        '+1 555': 'key that is not an XML name',
        '': 'empty key',
        _x0041_: 'literal escape-looking key',
        'a:b': 'colon',
        nested: { count: 3, ratio: 1.5, ok: true, list: [1, 'two', null, {}, [3, 4]], empty: {} },
        emptyList: [],
        single: ['one'],
        nothing: null,
        blank: '',
      };
    default: return 'value';
  }
}

function edgeValue(field) {
  switch (field.type) {
    case 'string': return field.format === 'date-time-rfc-2822' ? '' : ' ';
    case 'integer': return 0;
    case 'number': return 1e21;
    case 'boolean': return false;
    case 'array': return field.items === 'object' ? [{}] : [];
    case 'object': return {};
    default: return '';
  }
}

function emptyishValue(field) {
  switch (field.type) {
    case 'string': return '';
    case 'array': return field.items === 'object' ? [] : ['only'];
    case 'object': return { only: 'one' };
    case 'integer': return -1;
    case 'number': return 0.1;
    case 'boolean': return true;
    default: return '';
  }
}

/** records for a schema: full, nulls, edge, emptyish, control characters, mismatched types and extra fields */
function sampleRecords(schema) {
  const full = {};
  const nulls = {};
  const edge = {};
  const emptyish = {};
  const control = {};
  const mismatched = {};
  schema.fields.forEach((f, i) => {
    full[f.name] = fullValue(f, i);
    nulls[f.name] = f.nullable ? null : fullValue(f, i);
    edge[f.name] = edgeValue(f);
    emptyish[f.name] = emptyishValue(f);
    control[f.name] = f.type === 'string' ? 'bell\u0007 cr\r lone\ud800 ok' : fullValue(f, i);
    mismatched[f.name] = f.type === 'string' ? 7 : f.type === 'number' || f.type === 'integer' ? '0.00' : f.type === 'boolean' ? 'yes' : 'text';
  });
  Object.assign(mismatched, { new_field: 'added by Twilio', 'Weird Key': 1, a_2: true, Upper: 'u', field_list: ['x'] });
  return { full, nulls, edge, emptyish, control, mismatched };
}

module.exports = { sampleRecords, TRICKY_TEXT };
