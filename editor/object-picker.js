// The object picker: the picked object shown as the field's value (label, id in small print),
// and below it a searchable list grouped by product, then by the id's path hierarchy (an object
// under the one it lives in). ~480 objects: the rows are computed once per action, a keystroke
// filters strings only, and the DOM gets one batch of rows at a time, more as the list scrolls.
// Typing then Enter picks the first match; arrows move through the list.
import { t } from './texts';
import { loadIndex, objectIndex } from './catalog-client';

const GROUP_ORDER = ['Messaging', 'Voice', 'Conferences', 'Phone numbers', 'Account', 'SIP', 'Usage'];
const BATCH = 60;
const entriesByAction = {};

function groupRank(g) {
  var i = GROUP_ORDER.indexOf(g);
  return i === -1 ? 99 : i;
}

/** Objects of one product (or v2010 group) in tree order: each parent followed by its children. */
function treeOrder(objects) {
  var ids = {};
  objects.forEach(function (o) { ids[o.id] = true; });
  var children = {};
  var roots = [];
  objects.forEach(function (o) {
    if (o.parent && ids[o.parent]) (children[o.parent] = children[o.parent] || []).push(o);
    else roots.push(o);
  });
  var out = [];
  function walk(list, depth) {
    list.sort(function (a, b) { return a.label.localeCompare(b.label); }).forEach(function (o) {
      out.push({ o: o, depth: depth });
      if (children[o.id]) walk(children[o.id], Math.min(depth + 1, 4));
    });
  }
  walk(roots, 0);
  return out;
}

/** Every object that supports `action`, in display order, with its headers and search text. */
function entries(action) {
  var index = objectIndex();
  if (entriesByAction[action] && entriesByAction[action].list === index.list) return entriesByAction[action].rows;
  var products = {};
  var order = [];
  index.list.forEach(function (o) {
    if (o.actions.indexOf(action) === -1) return;
    var key = o.product || 'api.v2010';
    if (!products[key]) { products[key] = {}; order.push(key); }
    var sub = o.group !== o.productLabel ? o.group : '';
    (products[key][sub] = products[key][sub] || []).push(o);
  });
  var rows = [];
  order.forEach(function (key) {
    var subs = Object.keys(products[key]).sort(function (a, b) { return groupRank(a) - groupRank(b) || a.localeCompare(b); });
    var productLabel = products[key][subs[0]][0].productLabel || key;
    subs.forEach(function (sub) {
      treeOrder(products[key][sub]).forEach(function (e) {
        var o = e.o;
        rows.push({
          o: o, depth: e.depth, product: productLabel, sub: sub,
          text: [o.label, o.id, productLabel, o.group, (o.path || []).join(' ')].join(' ').toLowerCase(),
          own: [o.label, (o.path || []).join(' ')].join(' ').toLowerCase(),
        });
      });
    });
  });
  entriesByAction[action] = { list: index.list, rows: rows };
  return rows;
}

function hasAll(text, words) {
  for (var i = 0; i < words.length; i++) if (text.indexOf(words[i]) === -1) return false;
  return true;
}

/**
 * The rows matching every word of `q`. Inside a product, the objects the words name (label, id,
 * path) come before those found by the product's name alone; products naming none come last.
 */
function matching(action, q) {
  var words = q.split(/\s+/).filter(Boolean);
  var rows = entries(action);
  if (!words.length) return rows;
  var byProduct = {};
  var order = [];
  rows.forEach(function (r) {
    if (!hasAll(r.text, words)) return;
    if (!byProduct[r.product]) { byProduct[r.product] = { strong: [], weak: [] }; order.push(r.product); }
    byProduct[r.product][hasAll(r.own, words) ? 'strong' : 'weak'].push(r);
  });
  var named = order.filter(function (p) { return byProduct[p].strong.length; });
  var rest = order.filter(function (p) { return !byProduct[p].strong.length; });
  var out = [];
  named.concat(rest).forEach(function (p) { out.push.apply(out, byProduct[p].strong.concat(byProduct[p].weak)); });
  return out;
}

/** Shows the picked object as the field's value. */
function showValue(box, id) {
  var o = id && objectIndex().byId[id];
  box.empty().attr('data-object', id || null).toggleClass('twilio-object-none', !id);
  if (!id) return box.text(t('label.importFirst'));
  box.append($('<span class="twilio-object-value-label">').text(o ? o.label : id));
  if (o && o.productLabel && o.product !== 'api.v2010') box.append(' ').append($('<span class="twilio-object-value-product">').text(o.productLabel));
  if (o) box.append(' ').append($('<small class="twilio-object-value-id">').text(id));
}

function onKey(list, e, more) {
  var items = list.find('.twilio-object-item');
  if (!items.length) return;
  var active = items.index(list.find('.twilio-active'));
  if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
    e.preventDefault();
    if (e.key === 'ArrowDown' && active >= items.length - 2 && more()) items = list.find('.twilio-object-item');
    var next = e.key === 'ArrowDown' ? Math.min(items.length - 1, active + 1) : Math.max(0, active - 1);
    items.removeClass('twilio-active');
    items.eq(next).addClass('twilio-active')[0].scrollIntoView({ block: 'nearest' });
  } else if (e.key === 'Enter') {
    e.preventDefault();
    items.eq(active >= 0 ? active : 0).trigger('click');
  }
}

export function objectPicker(container, action, current, onPick) {
  var value = container.find('.twilio-object-value');
  var search = container.find('.twilio-object-search').attr('placeholder', t('label.searchObjects'));
  var list = container.find('.twilio-object-list');
  var selected = current;
  var shown = { rows: [], done: 0, product: null, sub: null };

  function item(r) {
    var o = r.o;
    var el = $('<div class="twilio-object-item">').attr('data-object', o.id).css('padding-left', 16 + r.depth * 14)
      .append($('<span class="twilio-object-label">').text(o.label))
      .append($('<code class="twilio-object-id">').text(o.id));
    if (o.id === selected) el.addClass('selected');
    return el;
  }
  /** Appends the next batch (or up to row `upTo`); false when every row is shown. */
  function more(upTo) {
    if (shown.done >= shown.rows.length) return false;
    var end = Math.min(shown.rows.length, Math.max(shown.done + BATCH, (upTo || 0) + 1));
    var frag = document.createDocumentFragment();
    for (var i = shown.done; i < end; i++) {
      var r = shown.rows[i];
      if (r.product !== shown.product) {
        shown.product = r.product;
        shown.sub = null;
        frag.appendChild($('<div class="twilio-object-group">').text(r.product)[0]);
      }
      if (r.sub && r.sub !== shown.sub) frag.appendChild($('<div class="twilio-object-subgroup">').text(r.sub)[0]);
      shown.sub = r.sub;
      frag.appendChild(item(r)[0]);
    }
    shown.done = end;
    list[0].appendChild(frag);
    return true;
  }
  function render() {
    list.empty();
    var index = objectIndex();
    if (!index.list) {
      list.append($('<div class="twilio-object-empty">').text(index.failed ? t('errors.loadObjects', { error: index.failed }) : t('label.loading')));
      return;
    }
    shown = { rows: matching(action, search.val().trim().toLowerCase()), done: 0, product: null, sub: null };
    if (!shown.rows.length) return list.append($('<div class="twilio-object-empty">').text(t('label.noObjects')));
    var at = -1;
    if (selected) shown.rows.some(function (r, i) { if (r.o.id === selected) { at = i; return true; } return false; });
    more(at);
    var sel = list.find('.selected');
    if (sel.length) list.scrollTop(sel.position().top + list.scrollTop() - list.height() / 2);
  }
  list.on('click', '.twilio-object-item', function () {
    var o = objectIndex().byId[$(this).attr('data-object')];
    if (!o) return;
    selected = o.id;
    list.find('.selected').removeClass('selected');
    $(this).addClass('selected');
    showValue(value, o.id);
    onPick(o);
  });
  list.on('scroll', function () {
    if (list[0].scrollTop + list[0].clientHeight > list[0].scrollHeight - 80) more();
  });
  search.on('input', render).on('keydown', function (e) { onKey(list, e, more); });
  list.on('keydown', function (e) { onKey(list, e, more); });
  loadIndex(function () { render(); showValue(value, selected); });
  render();
  showValue(value, selected);
  return { refresh: render };
}
