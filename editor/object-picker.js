// The object picker: the picked object shown as the field's value (label, id in small print),
// and below it a searchable list grouped by product area. Typing then Enter picks the first
// match; arrows move through the list.
import { t } from './texts';
import { loadIndex, objectIndex } from './catalog-client';

const GROUP_ORDER = ['Messaging', 'Voice', 'Conferences', 'Phone numbers', 'Account', 'SIP', 'Usage'];

/** The objects that support `action` and match `q`, by group in the usual order. */
function grouped(action, q) {
  var groups = {};
  objectIndex().list.forEach(function (o) {
    if (o.actions.indexOf(action) === -1) return;
    if (q && (o.label + ' ' + o.id + ' ' + o.group).toLowerCase().indexOf(q) === -1) return;
    (groups[o.group] = groups[o.group] || []).push(o);
  });
  var names = Object.keys(groups).sort(function (a, b) {
    var ia = GROUP_ORDER.indexOf(a), ib = GROUP_ORDER.indexOf(b);
    return (ia === -1 ? 99 : ia) - (ib === -1 ? 99 : ib) || a.localeCompare(b);
  });
  return names.map(function (g) { return { name: g, objects: groups[g] }; });
}

/** Shows the picked object as the field's value. */
function showValue(box, id) {
  var o = id && objectIndex().byId[id];
  box.empty().attr('data-object', id || null).toggleClass('twilio-object-none', !id);
  if (!id) return box.text(t('label.importFirst'));
  box.append($('<span class="twilio-object-value-label">').text(o ? o.label : id));
  if (o) box.append(' ').append($('<small class="twilio-object-value-id">').text(id));
}

function onKey(list, e) {
  var items = list.find('.twilio-object-item');
  if (!items.length) return;
  var active = items.index(list.find('.twilio-active'));
  if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
    e.preventDefault();
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

  function item(o) {
    var el = $('<div class="twilio-object-item">').attr('data-object', o.id)
      .append($('<span class="twilio-object-label">').text(o.label))
      .append($('<code class="twilio-object-id">').text(o.id));
    if (o.id === selected) el.addClass('selected');
    el.on('click', function () {
      selected = o.id;
      list.find('.selected').removeClass('selected');
      el.addClass('selected');
      showValue(value, o.id);
      onPick(o);
    });
    return el;
  }
  function render() {
    list.empty();
    var index = objectIndex();
    if (!index.list) {
      list.append($('<div class="twilio-object-empty">').text(index.failed ? t('errors.loadObjects', { error: index.failed }) : t('label.loading')));
      return;
    }
    var groups = grouped(action, search.val().trim().toLowerCase());
    if (!groups.length) list.append($('<div class="twilio-object-empty">').text(t('label.noObjects')));
    groups.forEach(function (g) {
      $('<div class="twilio-object-group">').text(g.name).appendTo(list);
      g.objects.forEach(function (o) { list.append(item(o)); });
    });
    var sel = list.find('.selected');
    if (sel.length) list.scrollTop(sel.position().top + list.scrollTop() - list.height() / 2);
  }
  search.on('input', render).on('keydown', function (e) { onKey(list, e); });
  list.on('keydown', function (e) { onKey(list, e); });
  loadIndex(function () { render(); showValue(value, selected); });
  render();
  showValue(value, selected);
  return { refresh: render };
}
