// The parameter rows (create, update) and filter rows (query) of the editable lists: a name
// picked from the object's detail, an operator or an enum choice, and a typedInput value.
import { t, plain, firstSentence } from './texts';
import { watchValue } from './value-check';

const VALUE_TYPES = ['str', 'num', 'bool', 'date', 'msg', 'flow', 'global', 'env', 'jsonata'];
const PARAM_TYPES = ['str', 'num', 'bool', 'json', 'date', 'msg', 'flow', 'global', 'env', 'jsonata'];

// A date filter compares by GMT day, and its `eq` means `on`: it offers the three day operators.
function opsFor(filter) {
  return filter && filter.dateOps ? ['before', 'on', 'after'] : ['eq'];
}

function nameSelect(cls, items, current, mark) {
  var sel = $('<select>').addClass(cls);
  items.forEach(function (p) { sel.append($('<option>').val(p.name).text(p.name + mark(p))); });
  if (current && !items.some(function (p) { return p.name === current; })) sel.append($('<option>').val(current).text(current));
  return sel;
}

/** What the filter row's hint says for field `f` and operator `op`. */
function filterHint(f, op, detail, name) {
  if (!f) return name ? t('hints.unknownFilter', { object: detail ? detail.label : '' }) : '';
  if (f.dateOps) return t('hints.dateOp.' + op) + ' ' + t('hints.dateValues');
  var twilio = plain(f.description);
  if (f.format === 'date' || f.format === 'date-time') return firstSentence(twilio) + ' ' + t('hints.relativeDates');
  return firstSentence(twilio);
}

export function filterRow(row, data, detail) {
  var filters = (detail && detail.filters) || [];
  var line = $('<div class="twilio-row-line">').appendTo(row);
  var field = nameSelect('twilio-filter-field', filters, data.field, function (f) { return f.dateOps ? ' ' + t('label.dateMark') : ''; }).appendTo(line);
  var op = $('<select class="twilio-filter-op">').appendTo(line);
  var value = $('<input type="text" class="twilio-filter-value" style="width:100%">').appendTo(line);
  var desc = $('<div class="twilio-row-desc">').appendTo(row);
  value.typedInput({ types: VALUE_TYPES, default: 'str' });
  var recheck = function () {};
  function refreshOps(keep) {
    var f = filters.filter(function (x) { return x.name === field.val(); })[0];
    var current = keep || op.val();
    var ops = opsFor(f || { dateOps: !!current && current !== 'eq' });
    if (current === 'eq' && ops.indexOf('on') !== -1) current = 'on';
    op.empty();
    ops.forEach(function (o) { op.append($('<option>').val(o).text(t('ops.' + o))); });
    op.val(ops.indexOf(current) !== -1 ? current : ops[Math.max(0, ops.indexOf('on'))]);
    desc.attr('title', f ? plain(f.description) : '').text(filterHint(f, op.val(), detail, field.val()));
    row.toggleClass('twilio-unknown', !!(field.val() && !f));
    recheck();
  }
  if (data.field) field.val(data.field);
  refreshOps(data.op || 'eq');
  field.on('change', function () { refreshOps(); });
  op.on('change', function () { refreshOps(op.val()); });
  value.typedInput('type', data.valueType || 'str');
  value.typedInput('value', data.value == null ? '' : data.value);
  recheck = watchValue(value, function () {
    return detail && { object: detail.id, action: detail.action, check: { kind: 'filter', name: field.val(), op: op.val() } };
  });
}

function conditionalGroup(detail, paramName) {
  var g = (detail.conditional || []).filter(function (grp) { return grp.indexOf(paramName) !== -1; })[0];
  return g ? g.join(' | ') : '';
}

/** The parameter row's hint: [required; at least one of …; repeatable] and Twilio's description. */
function paramHint(p, detail) {
  var bits = [];
  if (p.required) bits.push(t('hints.required'));
  if (p.conditional) bits.push(t('hints.conditional', { group: conditionalGroup(detail, p.name) }));
  if (p.array) bits.push(t('hints.repeated'));
  return (bits.length ? '[' + bits.join('; ') + '] ' : '') + plain(p.description);
}

/** The enum choice beside the value: picking one sets a static value. */
function enumChoice(line, value) {
  var choice = $('<select class="twilio-param-enum">').appendTo(line).hide();
  choice.on('change', function () {
    if (!choice.val()) return;
    value.typedInput('type', 'str');
    value.typedInput('value', choice.val());
  });
  return choice;
}

/** The choice follows the value: a static value that is one of the choices shows selected. */
function showChoice(choice, value) {
  if (!choice.children().length) return;
  var v = value.typedInput('type') === 'str' ? value.typedInput('value') : '';
  choice.val(choice.find('option').filter(function () { return this.value === v; }).length ? v : '');
}

export function paramRow(row, data, detail) {
  var params = (detail && (detail.params || detail.query)) || [];
  var line = $('<div class="twilio-row-line">').appendTo(row);
  var name = nameSelect('twilio-param-name', params, data.name, function (p) { return p.required ? ' *' : p.conditional ? ' †' : ''; }).appendTo(line);
  var value = $('<input type="text" class="twilio-param-value" style="width:100%">').appendTo(line);
  var choice = enumChoice(line, value);
  var desc = $('<div class="twilio-row-desc">').appendTo(row);
  value.typedInput({ types: PARAM_TYPES, default: 'str' });
  var recheck = function () {};
  function refresh() {
    var p = params.filter(function (x) { return x.name === name.val(); })[0];
    choice.empty().hide();
    if (p && p.enum && p.enum.length) {
      choice.append($('<option>').val('').text(t('label.choose')));
      p.enum.forEach(function (v) { choice.append($('<option>').val(v).text(v)); });
      choice.show();
      showChoice(choice, value);
    }
    var unknown = !!(name.val() && !p);
    desc.text(unknown ? t('hints.unknownParam', { object: detail ? detail.label : '' }) : p ? paramHint(p, detail) : '');
    row.toggleClass('twilio-required', !!(p && p.required)).toggleClass('twilio-unknown', unknown);
    // a blank row is "not set": the request document may supply it
    row.find('.red-ui-typedInput-input').attr('placeholder', p && (p.required || p.conditional) ? t('hints.fromDocument') : '');
    recheck();
  }
  value.on('change', function () { showChoice(choice, value); });
  if (data.name) name.val(data.name);
  else {
    var used = row.closest('.red-ui-editableList-list').find('.twilio-param-name').not(name).map(function () { return $(this).val(); }).get();
    var next = params.filter(function (p) { return used.indexOf(p.name) === -1; })[0];
    if (next) name.val(next.name);
  }
  name.on('change', refresh);
  value.typedInput('type', data.valueType || 'str');
  value.typedInput('value', data.value == null ? '' : data.value);
  recheck = watchValue(value, function () {
    return detail && { object: detail.id, action: detail.action, check: { kind: 'param', name: name.val() } };
  });
  refresh();
}

export function readFilterRow(r) {
  var v = r.find('.twilio-filter-value');
  return { field: r.find('.twilio-filter-field').val(), op: r.find('.twilio-filter-op').val() || 'eq', value: v.typedInput('value'), valueType: v.typedInput('type') };
}
export function readParamRow(r) {
  var v = r.find('.twilio-param-value');
  return { name: r.find('.twilio-param-name').val(), value: v.typedInput('value'), valueType: v.typedInput('type') };
}
export function readList(list, read) {
  var out = [];
  list.editableList('items').each(function () { out.push(read($(this))); });
  return out;
}
