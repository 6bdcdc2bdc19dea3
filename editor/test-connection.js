// Test connection in the account dialog: posts what the dialog holds to the admin route and
// shows the account, or Twilio's error with its more_info page as a link (https only).
import { ta, errorText } from './texts';

function dialogValues(node) {
  var v = function (id) { return $('#node-config-input-' + id).val(); };
  return {
    id: node.id,
    authType: v('authType'),
    accountSid: v('accountSid'),
    authToken: v('authToken'),
    apiKeySid: v('apiKeySid'),
    apiKeySecret: v('apiKeySecret'),
    baseUrl: v('baseUrl'),
    region: v('region'),
    edge: v('edge'),
    timeout: Number($('#twilio-config-timeout').val()) || undefined,
  };
}

/** Twilio's more_info as a link when it is an https: URL, else as text. */
export function moreInfo(out, href) {
  if (!href) return;
  var safe;
  try { safe = new URL(String(href)).protocol === 'https:'; } catch { safe = false; }
  out.append(' ');
  if (safe) out.append($('<a class="twilio-more-info" target="_blank" rel="noopener noreferrer">').attr('href', href).text(href));
  else out.append($('<span class="twilio-more-info">').text(String(href)));
}

function showResult(out, r) {
  if (r.ok && r.kind === 'account') {
    out.addClass('twilio-ok').text(ta('test.account', { name: r.account.friendlyName || r.account.sid, type: r.account.type, status: r.account.status, sid: r.account.sid }));
  } else if (r.ok && r.kind === 'limited') {
    out.addClass('twilio-ok').text(ta('test.limited'));
  } else if (r.ok && r.kind === 'testCredentials') {
    out.addClass('twilio-ok').text(ta('test.testCredentials'));
  } else {
    out.addClass('twilio-error').text(ta('test.failed', { status: r.status, code: r.code == null ? '-' : r.code, message: r.message }));
    moreInfo(out, r.moreInfo);
  }
}

export function testConnection(node, root) {
  var out = root.find('.twilio-test-result').attr('class', 'twilio-test-result').text(ta('test.testing'));
  $.ajax({ url: 'twilio/test-connection', method: 'POST', contentType: 'application/json', data: JSON.stringify(dialogValues(node)), dataType: 'json' })
    .done(function (r) { showResult(out, r); })
    .fail(function (xhr) {
      var body = xhr && xhr.responseJSON;
      // 502 "transport": the request was sent and Twilio (or the base URL) could not be reached
      out.addClass('twilio-error').text(ta(body && body.key === 'transport' ? 'test.unreachable' : 'test.refused', { error: errorText(xhr) }));
    });
}
