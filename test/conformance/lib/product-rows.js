'use strict';
// The product rows of docs/conformance.md: what test/conformance/products.spec.js sent through the
// nodes to Prism serving each product's description in its last CONFORMANCE_PRODUCTS=all run
// (update after such a run), and each product's catalog counts from the index.
const path = require('path');
const S = require('./spec');

const LAST_RUN = {
  "accounts.v1": {"prismStartMs":8959,"ops":["update AuthTokens.Promote","create AuthTokens.Secondary","delete AuthTokens.Secondary","query Credentials.AWS","get Credentials.AWS"]},
  "assistants.v1": {"prismStartMs":3844,"ops":["query Assistants","create Assistants","get Assistants","update Assistants","delete Assistants"]},
  "bulkexports.v1": {"prismStartMs":8983,"ops":["get Exports","update Exports.Configuration","query Exports.Days","create Exports.Jobs","delete Exports.Jobs.All"]},
  "chat.v1": {"prismStartMs":13892,"ops":["query Credentials","create Credentials","get Credentials","update Credentials","delete Credentials"]},
  "chat.v2": {"prismStartMs":9048,"ops":["query Credentials","create Credentials","get Credentials","update Credentials","delete Credentials"]},
  "chat.v3": {"prismStartMs":8288,"ops":["update Services.Channels"]},
  "content.v1": {"prismStartMs":8508,"ops":["get Content","delete Content","query Content","create Content"]},
  "content.v2": {"prismStartMs":6938,"ops":["query Content"]},
  "conversations.v1": {"prismStartMs":9245,"ops":["get Configuration","update Configuration","query Configuration.Addresses","create Configuration.Addresses","delete Configuration.Addresses"]},
  "events.v1": {"prismStartMs":10374,"ops":["get Schemas","query Schemas.Versions","update Sinks","delete Sinks","create Sinks"]},
  "flex-api.v1": {"prismStartMs":8570,"ops":["query Channels","create Channels","get Channels","delete Channels","update Configuration"]},
  "flex-api.v2": {"prismStartMs":10177,"ops":["get Instances.Users","update Instances.Users","create WebChats"]},
  "frontline-api.v1": {"prismStartMs":7837,"ops":["get Users","update Users"]},
  "iam.v1": {"prismStartMs":3290,"ops":["query Keys","create Keys","get Keys","update Keys","delete Keys"]},
  "insights.v1": {"prismStartMs":6112,"ops":["get Conferences","query Conferences","update Voice.Annotation"]},
  "intelligence.v2": {"prismStartMs":5577,"ops":["query OperatorTypes","get OperatorTypes","create Operators.Custom","update Operators.Custom","delete Operators.Custom"]},
  "ip-messaging.v1": {"prismStartMs":6968,"ops":["query Credentials","create Credentials","get Credentials","update Credentials","delete Credentials"]},
  "ip-messaging.v2": {"prismStartMs":6840,"ops":["query Credentials","create Credentials","get Credentials","update Credentials","delete Credentials"]},
  "lookups.v1": {"prismStartMs":5033,"ops":["get PhoneNumbers"]},
  "lookups.v2": {"prismStartMs":6899,"ops":["get PhoneNumbers","create PhoneNumbers.Overrides","update PhoneNumbers.Overrides","delete PhoneNumbers.Overrides"]},
  "marketplace.v1": {"prismStartMs":4546,"ops":["query AvailableAddOns","get AvailableAddOns","create InstalledAddOns","update InstalledAddOns","delete InstalledAddOns"]},
  "messaging.v1": {"prismStartMs":6102,"ops":["get LinkShortening.Domains.Certificate","update LinkShortening.Domains.Certificate","delete LinkShortening.Domains.Certificate","create LinkShortening.Domains.MessagingServices","query Services"]},
  "messaging.v2": {"prismStartMs":3344,"ops":["query Channels.Senders","create Channels.Senders","get Channels.Senders","update Channels.Senders","delete Channels.Senders"]},
  "monitor.v1": {"prismStartMs":4622,"ops":["get Alerts","query Alerts"]},
  "monitor.v2": {"prismStartMs":8306,"ops":["query Alarms","create Alarms","get Alarms","update Alarms","delete Alarms"]},
  "notify.v1": {"prismStartMs":6425,"ops":["query Credentials","create Credentials","get Credentials","update Credentials","delete Credentials"]},
  "numbers.v1": {"prismStartMs":8708,"ops":["create HostedNumber.Eligibility","get HostedNumber.Eligibility.Bulk","delete Porting.Configuration.Webhook","query SigningRequest.Configuration"]},
  "numbers.v2": {"prismStartMs":6489,"ops":["get HostedNumber.AuthorizationDocuments","delete HostedNumber.AuthorizationDocuments","query HostedNumber.AuthorizationDocuments","create HostedNumber.AuthorizationDocuments","update HostedNumber.Orders"]},
  "preview": {"prismStartMs":9012,"ops":["get HostedNumbers.AuthorizationDocuments","update HostedNumbers.AuthorizationDocuments","query HostedNumbers.AuthorizationDocuments","create HostedNumbers.AuthorizationDocuments","delete HostedNumbers.HostedNumberOrders"]},
  "pricing.v1": {"prismStartMs":7495,"ops":["query Messaging.Countries","get Messaging.Countries"]},
  "pricing.v2": {"prismStartMs":7406,"ops":["query Trunking.Countries","get Trunking.Countries"]},
  "proxy.v1": {"prismStartMs":5754,"ops":["get Services","update Services","delete Services","query Services","create Services"]},
  "routes.v2": {"prismStartMs":5776,"ops":["get PhoneNumbers","update PhoneNumbers"]},
  "serverless.v1": {"prismStartMs":7986,"ops":["query Services","create Services","get Services","update Services","delete Services"]},
  "studio.v1": {"prismStartMs":5600,"ops":["query Flows","get Flows","delete Flows","create Flows.Engagements","update Flows.Executions"]},
  "studio.v2": {"prismStartMs":4760,"ops":["query Flows","create Flows","get Flows","update Flows","delete Flows"]},
  "supersim.v1": {"prismStartMs":5807,"ops":["query ESimProfiles","create ESimProfiles","get ESimProfiles","update Fleets","delete NetworkAccessProfiles.Networks"]},
  "sync.v1": {"prismStartMs":5289,"ops":["get Services","update Services","delete Services","query Services","create Services"]},
  "taskrouter.v1": {"prismStartMs":3732,"ops":["get Workspaces","update Workspaces","delete Workspaces","query Workspaces","create Workspaces"]},
  "trunking.v1": {"prismStartMs":4111,"ops":["get Trunks","update Trunks","delete Trunks","query Trunks","create Trunks"]},
  "trusthub.v1": {"prismStartMs":4618,"ops":["update ComplianceInquiries.Customers.Initialize","create ComplianceInquiries.Customers.Initialize.All","query CustomerProfiles","get CustomerProfiles","delete CustomerProfiles"]},
  "verify.v2": {"prismStartMs":3405,"ops":["query Attempts","get Attempts","create SafeList.Numbers","delete SafeList.Numbers","update Services"]},
  "video.v1": {"prismStartMs":5053,"ops":["get CompositionHooks","update CompositionHooks","delete CompositionHooks","query CompositionHooks","create CompositionHooks"]},
  "voice.v1": {"prismStartMs":5491,"ops":["delete Archives.Calls","query ByocTrunks","create ByocTrunks","get ByocTrunks","update ByocTrunks"]},
  "wireless.v1": {"prismStartMs":8150,"ops":["get Commands","delete Commands","query Commands","create Commands","update RatePlans"]},
};

function productRows() {
  const index = require(path.join(S.ROOT, 'nodes', 'catalog', 'index.json'));
  const lines = [
    '## Every product (Prism per product, through the nodes)',
    '',
    '`test/conformance/products.spec.js` starts one Prism 5.14.2 per product on that product\'s own description',
    '(a proxy strips the `/<domain>` prefix the base URL adds) and sends one List, Fetch, Create, Update and',
    'Delete of the product where it has them through the real nodes; Prism validates each request. `npm test`',
    'runs six (verify.v2, lookups.v2, messaging.v1, content.v1, conversations.v1, studio.v2; ~1 min); `CONFORMANCE_PRODUCTS=all`',
    `runs every one (~6 min on a loaded 2-core machine). Last full run: ${Object.keys(LAST_RUN).length} products pass; Prism's start per product below.`,
    'Every product\'s Lists and Gets are also answered by the sandbox and validated against that product\'s',
    'response schemas in `test/sandbox/products.spec.js`.',
    '',
    '| product | objects | operations | through the nodes to Prism | Prism start |',
    '|---|---:|---:|---|---:|',
  ];
  for (const [key, p] of Object.entries(index.products)) {
    if (key === 'api.v2010') continue;
    const run = LAST_RUN[key];
    lines.push(`| \`${key}\` | ${p.objects} | ${p.operations} | ${run ? `pass: ${run.ops.join(', ')}` : 'not run'} | ${run ? `${(run.prismStartMs / 1000).toFixed(1)} s` : '—'} |`);
  }
  lines.push('');
  return lines;
}

module.exports = { productRows, LAST_RUN };
