// The twilio-account config node: its defaults (numbers from the runtime's own table), the
// dialog's behaviour (markup in nodes/twilio-account.html) and the marks on missing credentials,
// which Node-RED's validateNode cannot see for a config node.
import { ta } from './texts';
import { ACCOUNT_DEFAULTS } from '../nodes/twilio/account-defaults';
import { testConnection } from './test-connection';

const NUMBERS = ACCOUNT_DEFAULTS;

/** The node's defaults: the runtime's numbers, validated as numbers. */
function accountDefaults() {
  var d = {
    name: { value: '' },
    authType: { value: 'token' },
    region: { value: '' },
    edge: { value: '' },
    baseUrl: { value: '', validate: validBaseUrl },
    // flows saved before these properties existed have them undefined: valid
    defaultCountry: { value: '', validate: function (v) { return !v || /^[A-Za-z]{2}$/.test(v); } },
    defaultSender: { value: '' },
    proxy: { value: '', type: 'http proxy', required: false },
  };
  Object.keys(NUMBERS).forEach(function (k) { d[k] = { value: NUMBERS[k], validate: RED.validators.number() }; });
  return d;
}

/** The credentials the chosen authentication needs, marked red while empty. */
function markMissing(root) {
  var apikey = $('#node-config-input-authType').val() === 'apikey';
  var needed = ['accountSid'].concat(apikey ? ['apiKeySid', 'apiKeySecret'] : ['authToken']);
  ['accountSid', 'authToken', 'apiKeySid', 'apiKeySecret'].forEach(function (k) {
    var input = $('#node-config-input-' + k);
    var missing = needed.indexOf(k) !== -1 && !String(input.val() || '').trim();
    // not Node-RED's input-error: its own validation clears that class on credential inputs
    input.toggleClass('twilio-missing', missing).attr('title', missing ? ta('hints.missing', { what: ta('label.' + k) }) : null);
  });
  root.find('.twilio-missing-credentials').toggle(root.find('.twilio-missing').length > 0);
}

function advancedToggle(root) {
  var adv = root.find('.twilio-advanced').hide();
  root.find('.twilio-advanced-link').on('click', function (e) {
    e.preventDefault();
    adv.toggle();
    $(this).find('i').toggleClass('fa-caret-right', !adv.is(':visible')).toggleClass('fa-caret-down', adv.is(':visible'));
  });
}

function prepareAccount(node) {
  var root = $('.twilio-account-editor').last();
  var authType = $('#node-config-input-authType');
  function showAuth() {
    var apikey = authType.val() === 'apikey';
    // With an API key the Auth Token stays, optional: it only verifies webhooks (twilio in).
    root.find('.twilio-webhook-token-hint').toggle(apikey);
    root.find('.twilio-auth-apikey').toggle(apikey);
    markMissing(root);
  }
  if (!authType.val()) authType.val('token');
  authType.on('change', showAuth);
  root.on('input change', '.twilio-credential', function () { markMissing(root); });
  showAuth();
  Object.keys(NUMBERS).forEach(function (k) {
    $('#twilio-config-' + k).val(node[k] == null || node[k] === '' ? NUMBERS[k] : node[k]);
  });
  advancedToggle(root);
  root.find('.twilio-test-connection').on('click', function (e) {
    e.preventDefault();
    testConnection(node, root);
  });
}

function saveAccount(node) {
  Object.keys(NUMBERS).forEach(function (k) {
    var v = Number($('#twilio-config-' + k).val());
    node[k] = $('#twilio-config-' + k).val() === '' || isNaN(v) || v < 0 ? NUMBERS[k] : v;
  });
}

export function accountNode(def) {
  return $.extend({
    category: 'config',
    defaults: accountDefaults(),
    paletteLabel: function () { return ta('label.default'); },
    label: function () { return this.name || ta('label.default'); },
    oneditprepare: function () { prepareAccount(this); },
    oneditsave: function () { saveAccount(this); },
  }, def);
}

/** The runtime's host rule (nodes/twilio/host-rule.ts, isAllowedTarget) for the dialog's base URL. */
export function validBaseUrl(v) {
  if (!v) return true;
  var url;
  try { url = new URL(String(v).trim()); } catch (e) { return false; }
  if (url.search || url.hash || url.username) return false;
  var host = url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (host === 'localhost' || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host)) return url.protocol === 'http:' || url.protocol === 'https:';
  return url.protocol === 'https:' && (host === 'twilio.com' || /\.twilio\.com$/.test(host));
}
