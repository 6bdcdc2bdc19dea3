// The object list and each object's detail, fetched from the admin routes once and shared by
// every dialog and node label.
import { errorText } from './texts';

const index = { list: null, byId: {}, waiting: [], loading: false, failed: null };
const details = {};
const pendingDetails = {};

export function objectIndex() {
  return index;
}

function settle(waiting, err, list) {
  waiting.splice(0).forEach(function (fn) { fn(err, list); });
}

/** Labels computed before the list arrived showed the object id; redraw them. */
function redrawLabels() {
  var dirty = false;
  RED.nodes.eachNode(function (n) {
    if (/^twilio-/.test(n.type) && n.object && !n.name) { n.dirty = true; n.resize = true; dirty = true; }
  });
  if (dirty) RED.view.redraw(true);
}

export function loadIndex(cb) {
  if (index.list) return cb && cb(null, index.list);
  if (cb) index.waiting.push(cb);
  if (index.loading) return;
  index.loading = true;
  $.getJSON('twilio/objects')
    .done(function (list) {
      index.list = list;
      list.forEach(function (o) { index.byId[o.id] = o; });
      index.loading = false;
      settle(index.waiting, null, list);
      redrawLabels();
    })
    .fail(function (xhr) {
      index.loading = false;
      index.failed = errorText(xhr);
      settle(index.waiting, index.failed);
    });
}

/** The detail already here for an object and action, or undefined. */
export function cachedDetail(id, action) {
  return details[id + '|' + action];
}

/** An object's detail for one action, fetched once. */
export function loadDetail(id, action, cb) {
  var key = id + '|' + action;
  if (details[key]) return cb(null, details[key]);
  if (pendingDetails[key]) return pendingDetails[key].push(cb);
  pendingDetails[key] = [cb];
  $.getJSON('twilio/objects/' + encodeURIComponent(id), { action: action })
    .done(function (d) {
      details[key] = $.extend(d.actions[action], { id: d.id, label: d.label, group: d.group });
      var waiting = pendingDetails[key];
      delete pendingDetails[key];
      settle(waiting, null, details[key]);
    })
    .fail(function (xhr) {
      var waiting = pendingDetails[key];
      delete pendingDetails[key];
      settle(waiting, errorText(xhr));
    });
}

/** "Conference Participant" → "Conference Participants", "Usage Record (Daily)" → "Usage Records (Daily)". */
export function plural(label) {
  var m = /^(.*?)(\s*\(.*\))?$/.exec(label);
  var words = m[1];
  var suffix = m[2] || '';
  if (/(Media|Data|Feedback|Balance)$/.test(words)) return label;
  if (/(s|x|ch|sh)$/.test(words)) words += 'es';
  else if (/[^aeiou]y$/.test(words)) words = words.slice(0, -1) + 'ies';
  else words += 's';
  return words + suffix;
}

/** The short product name on a node's label: "verify", or "chat v2" where versions share a name. */
function productBadge(product) {
  if (!product || product === 'api.v2010') return '';
  if (!index.badges) {
    var names = {};
    index.list.forEach(function (o) { var n = (o.product || '').split('.')[0]; (names[n] = names[n] || {})[o.product] = true; });
    index.badges = names;
  }
  var parts = product.split('.');
  return Object.keys(index.badges[parts[0]] || {}).length > 1 ? parts.join(' ') : parts[0];
}

export function objectLabel(id, many) {
  var o = index.byId[id];
  if (!o) {
    if (!index.list && !index.failed) loadIndex();
    return id.replace(/^api\.v2010\./, '');
  }
  return many ? plural(o.label) : o.label;
}

/** The product badge of an object outside api.v2010 ("verify"), '' otherwise or while loading. */
export function objectBadge(id) {
  var o = index.byId[id];
  return o ? productBadge(o.product) : '';
}
