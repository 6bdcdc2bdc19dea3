// Editor texts and small text helpers: every string comes from the twilio-account message
// catalog ("editor" and "twilio-account" sections) or an action node's own catalog.
export const MODULE = '@nr-connectors/node-red-twilio';
export const SHARED_NS = MODULE + '/twilio-account';

/** A shared editor text: editor.<key> of the twilio-account catalog. */
export function t(key, vars) {
  return RED._(SHARED_NS + ':editor.' + key, vars);
}
/** A text of the config node's dialog. */
export function ta(key, vars) {
  return RED._(SHARED_NS + ':twilio-account.' + key, vars);
}
/** A text of one action node's own catalog. */
export function tn(action, key, vars) {
  return RED._(MODULE + '/twilio-' + action + ':twilio-' + action + '.' + key, vars);
}
/** Spec descriptions are Markdown; the dialog shows them as plain text. */
export function plain(s) {
  return String(s || '').replace(/\[([^\]]+)\]\([^)]+\)/g, '$1').replace(/`([^`]*)`/g, '$1');
}
/** Twilio's description, first sentence only (the whole of it goes in the tooltip). */
export function firstSentence(s) {
  var m = /^(.*?[.!?])(\s|$)/.exec(s);
  return m ? m[1] : s;
}
/** What an admin call that failed says. */
export function errorText(xhr) {
  var body = xhr && xhr.responseJSON;
  if (body && body.error) return body.error;
  if (xhr && xhr.status) return xhr.status + ' ' + (xhr.statusText || '');
  return t('errors.network');
}
