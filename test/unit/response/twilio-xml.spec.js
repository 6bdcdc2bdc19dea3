'use strict';
const assert = require('assert');
const { xml2js, js2xml } = require('xml-js');
const { loadCatalog } = require('../../../dist/nodes/catalog/catalog');
const xml = require('../../../dist/nodes/response/twilio-xml');
const reader = require('../../support/twilio-xml-reader');
const { sampleRecords, TRICKY_TEXT } = require('../../support/sample-records');

const catalog = loadCatalog();
const schemas = Object.entries(catalog.schemas);
const MESSAGE = catalog.schemas['api.v2010.account.message'];
const ORDERED = { compact: false, nativeType: false, trim: false, captureSpacesBetweenElements: true };

/** The xml-js tree of a document, for comparing two documents by structure rather than by bytes. */
const tree = (text) => xml2js(text, ORDERED);

describe('lib/xml', function () {
  describe('toTwilioXml', function () {
    it("writes Twilio's 2010 shape: PascalCase elements in catalog order, the catalog's element, escaped text, nil", function () {
      const record = {
        sid: 'SM00000000000000000000000000000000',
        body: 'Tom & Jerry <3 "quoted" \'single\'',
        date_created: 'Mon, 17 Sep 2012 01:13:42 +0000',
        num_segments: '1',
        price: null,
        subresource_uris: { media: '/2010-04-01/Accounts/AC/Messages/SM/Media.json' },
      };
      assert.strictEqual(
        xml.toTwilioXml(record, MESSAGE),
        '<TwilioResponse><Message>' +
          '<Body>Tom &amp; Jerry &lt;3 "quoted" \'single\'</Body>' +
          '<NumSegments>1</NumSegments>' +
          '<Price nil="true"/>' +
          '<Sid>SM00000000000000000000000000000000</Sid>' +
          '<DateCreated>Mon, 17 Sep 2012 01:13:42 +0000</DateCreated>' +
          '<SubresourceUris><media>/2010-04-01/Accounts/AC/Messages/SM/Media.json</media></SubresourceUris>' +
          '</Message></TwilioResponse>',
      );
    });

    it('writes numbers, booleans, arrays and the documented typing attributes', function () {
      const schema = {
        element: 'Thing',
        identity: 'sid',
        fields: [
          { name: 'count', type: 'integer' },
          { name: 'ratio', type: 'number' },
          { name: 'ok', type: 'boolean' },
          { name: 'permissions', type: 'array', items: 'string' },
          { name: 'none', type: 'array', items: 'string' },
          { name: 'request', type: 'object' },
          { name: 'price', type: 'number' },
        ],
      };
      const record = {
        count: 3, ratio: -0.5, ok: false, permissions: ['get-all', 'post-all'], none: [],
        request: { n: 1, flag: true, empty: {}, list: ['x'], 'bad key': 'v' }, price: '-0.00750', extra_field: 'new',
      };
      const out = xml.toTwilioXml(record, schema);
      assert.strictEqual(
        out,
        '<TwilioResponse><Thing><Count>3</Count><Ratio>-0.5</Ratio><Ok>false</Ok>' +
          '<Permissions array="true">get-all</Permissions><Permissions array="true">post-all</Permissions>' +
          '<None array="empty"/>' +
          '<Request><n type="number">1</n><flag type="boolean">true</flag><empty type="object"/><list array="true">x</list><bad_x0020_key>v</bad_x0020_key></Request>' +
          '<Price type="string">-0.00750</Price><ExtraField>new</ExtraField></Thing></TwilioResponse>',
      );
      assert.deepStrictEqual(reader.xmlToRecord(out, schema), record);
    });

    it('writes text XML 1.0 cannot carry as a JSON literal', function () {
      const out = xml.toTwilioXml({ body: 'bell\u0007' }, MESSAGE);
      assert.strictEqual(out, '<TwilioResponse><Message><Body encoding="json">"bell\\u0007"</Body></Message></TwilioResponse>');
      assert.deepStrictEqual(reader.xmlToRecord(out, MESSAGE), { body: 'bell\u0007' });
    });
  });

  describe('round trip: xmlToRecord(toTwilioXml(r)) deep-equals r', function () {
    for (const [id, schema] of schemas) {
      it(`${id} (${schema.fields.length} fields)`, function () {
        for (const [kind, record] of Object.entries(sampleRecords(schema))) {
          const text = xml.toTwilioXml(record, schema);
          assert.deepStrictEqual(reader.xmlToRecord(text, schema), record, `${kind}: ${text}`);
        }
      });
    }
  });

  describe('xml-js as the oracle', function () {
    // The same record through xml-js's own writer (flat values only: text, numbers, booleans, null)
    function viaXmlJs(record, schema) {
      const elements = [];
      for (const f of schema.fields) {
        const v = record[f.name];
        if (v === undefined) continue;
        const name = xml.pascalCase(f.name);
        if (v === null) elements.push({ type: 'element', name, attributes: { nil: 'true' } });
        else if (v === '') elements.push({ type: 'element', name, elements: [] });
        else elements.push({ type: 'element', name, elements: [{ type: 'text', text: String(v) }] });
      }
      return js2xml({ elements: [{ type: 'element', name: 'TwilioResponse', elements: [{ type: 'element', name: schema.element, elements }] }] });
    }
    const flat = (schema, record) => {
      const out = {};
      for (const f of schema.fields) if (f.type !== 'object' && f.type !== 'array') out[f.name] = record[f.name];
      return out;
    };
    const normalise = (t) => JSON.stringify(t, (k, v) => (k === 'elements' && Array.isArray(v) && v.length === 0 ? undefined : v));

    for (const [id, schema] of schemas) {
      it(`${id}: parses to the same tree as xml-js's js2xml of the record`, function () {
        const samples = sampleRecords(schema);
        for (const kind of ['full', 'nulls', 'edge', 'emptyish']) {
          const record = flat(schema, samples[kind]);
          assert.strictEqual(normalise(tree(xml.toTwilioXml(record, schema))), normalise(tree(viaXmlJs(record, schema))), kind);
        }
      });
    }

    it('every field element of a full record carries the value xml-js reads (compact form)', function () {
      for (const [, schema] of schemas) {
        const record = sampleRecords(schema).full;
        const doc = xml2js(xml.toTwilioXml(record, schema), { compact: true, nativeType: false, trim: false, alwaysArray: true });
        const el = doc.TwilioResponse[0][schema.element][0];
        for (const f of schema.fields) {
          const node = el[xml.pascalCase(f.name)];
          assert.ok(node, `${schema.element}.${f.name}`);
          const v = record[f.name];
          if (['string', 'integer', 'number', 'boolean'].includes(f.type)) {
            assert.strictEqual(node.length, 1);
            assert.strictEqual((node[0]._text || ['']).join(''), String(v), `${schema.element}.${f.name}`);
          } else if (f.type === 'array') assert.strictEqual(node.length, v.length, `${schema.element}.${f.name}`);
        }
      }
    });
  });

  describe('names', function () {
    const names = [
      ['campaign_name', 'campaign_name'],
      ['media', 'media'],
      ['SMS', 'SMS'],
      ['+1 555', '_x002B_1_x0020_555'],
      ['1st', '_x0031_st'],
      ['a:b', 'a_x003A_b'],
      ['', '_x_'],
      ['_x0041_', '_x005F_x0041_'],
      ['_x', '_x005F_x'],
      ['x_y', 'x_y'],
      ['ünï', 'ünï'],
      ['a😀b', 'a_x0001F600_b'],
      ['-lead', '_x002D_lead'],
      ['with space', 'with_x0020_space'],
    ];
    for (const [key, encoded] of names) {
      it(`${JSON.stringify(key)} ⇄ ${encoded}`, function () {
        assert.strictEqual(xml.encodeXmlName(key), encoded);
        assert.strictEqual(xml.decodeXmlName(encoded), key);
      });
    }
    it('decodes every encoded key back, for many awkward keys', function () {
      const pieces = ['_', 'x', '_x', '0041', '_x0041_', ' ', ':', '1', 'a', 'é', '😀', '-', '.', '<', '&', '"', 'xml'];
      for (const a of pieces) for (const b of pieces) for (const c of pieces) {
        const key = a + b + c;
        const name = xml.encodeXmlName(key);
        assert.strictEqual(xml.decodeXmlName(name), key, name);
        assert.doesNotThrow(() => xml2js(`<${name}/>`), name);
      }
    });
    const lists = [['messages', 'Messages'], ['media_list', 'MediaList'], ['participants', 'Participants'], ['incoming_phone_numbers', 'IncomingPhoneNumbers'], ['queue_members', 'QueueMembers']];
    for (const [key, element] of lists) {
      it(`listElementOf(${key}) → ${element}`, function () {
        assert.strictEqual(xml.listElementOf(key), element);
      });
    }
  });

  describe('pages and errors', function () {
    it('pageToTwilioXml writes the list element with Twilio attributes, and xmlToPage reads it back', function () {
      const records = [sampleRecords(MESSAGE).full, sampleRecords(MESSAGE).nulls];
      const attrs = { page: 0, pageSize: 2, start: 0, end: 1, uri: '/2010-04-01/Accounts/AC/Messages.json?PageSize=2', firstPageUri: '/first?a=1&b=2', nextPageUri: '/next?PageToken=PA"x"', previousPageUri: null };
      const out = xml.pageToTwilioXml(records, MESSAGE, xml.listElementOf('messages'), attrs);
      assert.ok(out.startsWith(
        '<TwilioResponse><Messages page="0" pagesize="2" start="0" end="1" uri="/2010-04-01/Accounts/AC/Messages.json?PageSize=2" ' +
          'firstpageuri="/first?a=1&amp;b=2" nextpageuri="/next?PageToken=PA&quot;x&quot;"><Message>',
      ), out.slice(0, 300));
      assert.ok(out.endsWith('</Message></Messages></TwilioResponse>'));
      const page = reader.xmlToPage(out, MESSAGE);
      assert.strictEqual(page.listElement, 'Messages');
      assert.deepStrictEqual(page.records, records);
      const { previousPageUri, ...present } = attrs;
      assert.deepStrictEqual(page.attrs, present);
    });

    it('an empty page', function () {
      const out = xml.pageToTwilioXml([], MESSAGE, 'Messages', { page: 0, pageSize: 50 });
      assert.strictEqual(out, '<TwilioResponse><Messages page="0" pagesize="50"></Messages></TwilioResponse>');
      assert.deepStrictEqual(reader.xmlToPage(out, MESSAGE).records, []);
    });

    it('errorToTwilioXml writes a RestException', function () {
      assert.strictEqual(
        xml.errorToTwilioXml({ status: 400, code: 21211, message: "The 'To' number <5551234567> is not valid & so on", moreInfo: 'https://www.twilio.com/docs/errors/21211' }),
        '<TwilioResponse><RestException><Code>21211</Code><Message>The \'To\' number &lt;5551234567&gt; is not valid &amp; so on</Message>' +
          '<MoreInfo>https://www.twilio.com/docs/errors/21211</MoreInfo><Status>400</Status></RestException></TwilioResponse>',
      );
      assert.strictEqual(
        xml.errorToTwilioXml({ status: 500, message: 'Internal' }),
        '<TwilioResponse><RestException><Message>Internal</Message><Status>500</Status></RestException></TwilioResponse>',
      );
    });
  });

  describe('xmlToRecord on other XML', function () {
    it("reads Twilio's own XML (no extensions) with the catalog's types", function () {
      const account = catalog.schemas['api.v2010.account.incoming_phone_number'];
      const text = '<TwilioResponse><IncomingPhoneNumber><Sid>PN1</Sid><Beta>false</Beta><Capabilities><voice>true</voice></Capabilities>' +
        '<FriendlyName>My &amp; number</FriendlyName><DateCreated>Mon, 17 Sep 2012 01:13:42 +0000</DateCreated></IncomingPhoneNumber></TwilioResponse>';
      assert.deepStrictEqual(reader.xmlToRecord(text, account), {
        sid: 'PN1', beta: false, capabilities: { voice: 'true' }, friendly_name: 'My & number', date_created: 'Mon, 17 Sep 2012 01:13:42 +0000',
      });
    });

    it('accepts a bare record element', function () {
      assert.deepStrictEqual(reader.xmlToRecord('<Message><Sid>SM1</Sid></Message>', MESSAGE), { sid: 'SM1' });
    });

    const bad = [
      ['another element', '<TwilioResponse><Call><Sid>CA1</Sid></Call></TwilioResponse>', 'The XML does not hold a <Message> record: found Call'],
      ['an error document', xml.errorToTwilioXml({ status: 404, message: 'x' }), 'The XML does not hold a <Message> record: found RestException'],
      ['malformed XML', '<TwilioResponse><Message></TwilioResponse>', /^The XML is not well-formed: Unexpected close tag/],
    ];
    for (const [title, text, message] of bad) {
      it(`refuses ${title}`, function () {
        assert.throws(() => reader.xmlToRecord(text, MESSAGE), (err) => {
          assert.strictEqual(err.code, 'INVALID_XML');
          if (message instanceof RegExp) assert.match(err.message, message);
          else assert.strictEqual(err.message, message);
          return true;
        });
      });
    }
  });

  it('keeps the tricky sample text verbatim', function () {
    const out = xml.toTwilioXml({ body: TRICKY_TEXT }, MESSAGE);
    assert.strictEqual(reader.xmlToRecord(out, MESSAGE).body, TRICKY_TEXT);
  });
});
