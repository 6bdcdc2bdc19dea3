'use strict';
// Twilio's own 2010 XML names for every object: the list element is the PascalCase of the
// record key, the record element its singular (or the documented exception), never a
// schema-name suffix; Create/Update/Delete request profiles use the same root.
const assert = require('assert');
const catalog = require('../../../nodes/catalog/api.v2010.json');
const { recordElementOf } = require('../../../dist/scripts/generate-catalog');
const { listElementOf } = require('../../../dist/nodes/response/twilio-xml');
const { profileSamples } = require('../../../dist/nodes/admin/profile-samples');

const SUFFIXES = /-instance|(Local|Mobile|TollFree|Daily|Monthly|Yearly|Today|Yesterday|AllTime|LastMonth|ThisMonth|Voip|National|SharedCost|MachineToMachine)$|^(Sip|Call|Conference)[A-Z]/;

describe('catalog XML names (Twilio 2010 XML)', function () {
  const objects = Object.values(catalog.objects);

  it('no record element carries a schema-name suffix or prefix', function () {
    for (const [name, schema] of Object.entries(catalog.schemas)) {
      assert.match(schema.element, /^[A-Z][A-Za-z]*$/, name);
      assert.doesNotMatch(schema.element, SUFFIXES, `${name} → ${schema.element}`);
    }
  });

  it('every list: record element = singular of the list element, or the exceptions table', function () {
    const exceptions = { MediaList: 'Media', Contents: /^(CredentialListMapping|IpAccessControlListMapping)$/ };
    for (const obj of objects) {
      const q = obj.actions.query;
      if (!q || !q.response) continue;
      const list = listElementOf(q.recordKey);
      const element = catalog.schemas[q.response].element;
      if (exceptions[list] instanceof RegExp) assert.match(element, exceptions[list], obj.id);
      else if (exceptions[list]) assert.strictEqual(element, exceptions[list], obj.id);
      else assert.ok(list === element + 's' || list === element + 'es' || list === element.replace(/y$/, 'ies'), `${obj.id}: ${list}/${element}`);
      assert.strictEqual(element, recordElementOf(obj.id, q.recordKey), obj.id);
    }
  });

  it('names Twilio documents', function () {
    const el = (id, action) => catalog.schemas[catalog.objects[id].actions[action].response].element;
    assert.strictEqual(el('api.v2010.Notifications', 'get'), 'Notification');
    assert.strictEqual(el('api.v2010.Calls.Notifications', 'get'), 'Notification');
    assert.strictEqual(el('api.v2010.AvailablePhoneNumbers.Local', 'query'), 'AvailablePhoneNumber');
    assert.strictEqual(el('api.v2010.AvailablePhoneNumbers', 'query'), 'Country');
    assert.strictEqual(el('api.v2010.IncomingPhoneNumbers.Local', 'create'), 'IncomingPhoneNumber');
    assert.strictEqual(el('api.v2010.Usage.Records.Daily', 'query'), 'UsageRecord');
    assert.strictEqual(el('api.v2010.Calls.Recordings', 'get'), 'Recording');
    assert.strictEqual(el('api.v2010.Messages.Media', 'get'), 'Media');
    assert.strictEqual(el('api.v2010.SIP.Domains.Auth.Calls.CredentialListMappings', 'get'), 'CredentialListMapping');
  });

  it('every object: one record element across its actions; request profiles use it as root', function () {
    for (const obj of objects) {
      const elements = new Set();
      for (const op of Object.values(obj.actions)) if (op.response) elements.add(catalog.schemas[op.response].element);
      for (const [action, op] of Object.entries(obj.actions)) {
        const { request } = profileSamples(obj, op);
        if (action === 'create' || action === 'update' || action === 'delete') {
          assert.ok(request, `${obj.id} ${action} has a request profile`);
          const root = /^<([A-Za-z]+)>/.exec(request)[1];
          if (op.response) assert.strictEqual(root, catalog.schemas[op.response].element, `${obj.id} ${action}`);
          else if (elements.size) assert.ok(elements.has(root), `${obj.id} ${action}: ${root}`);
        }
      }
    }
  });

  it('the Delete request profile shows the Sid chain it takes', function () {
    const obj = catalog.objects['api.v2010.Conferences.Participants'];
    const { request } = profileSamples(obj, obj.actions.delete);
    assert.match(request, /^<Participant>\n {2}<ConferenceSid>CF0{32}<\/ConferenceSid>\n {2}<CallSid>CA0{32}<\/CallSid>\n<\/Participant>$/);
  });
});
