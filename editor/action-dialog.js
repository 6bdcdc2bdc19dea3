// The dialog of the five action nodes (markup: editor/action-dialog.html, assembled into each
// node's .html at build): picking an object loads its detail and fills the sections; saving
// reads the rows and checkboxes back into the node.
import { t, tn } from './texts';
import { loadDetail, objectLabel, objectBadge } from './catalog-client';
import { objectPicker } from './object-picker';
import { filterRow, paramRow, readFilterRow, readParamRow, readList } from './rows';
import { fieldsSection, readFields, fieldsChanged, samples, refreshProfile } from './fields';
import { rowsValidator, fieldsValidator } from './validators';
import { watchValue } from './value-check';

const SID_TYPES = ['msg', 'flow', 'global', 'env', 'str', 'jsonata'];
// the dialog each node being edited owns (dialogs stack: an account dialog over an action one)
const dialogs = new WeakMap();

function setStatus(root, text, cls) {
  root.find('.twilio-object-status').attr('class', 'twilio-object-status ' + (cls || '')).text(text || '');
}

/** Loads the picked object's detail and fills the sections; `fresh` drops the old rows. */
function loadObject(root, node, action, state, fresh) {
  setStatus(root, t('label.loading'));
  root.removeAttr('data-loaded');
  var wanted = state.object;
  loadDetail(state.object, action, function (err, detail) {
    if (state.object !== wanted) return;
    if (err) return setStatus(root, t('errors.loadDetail', { error: err }), 'twilio-error');
    state.detail = detail;
    setStatus(root, '');
    renderSections(root, node, action, detail, fresh ? 'fresh' : null);
    root.attr('data-loaded', detail.id);
  });
}

/** The chain hint, and the Sid default: msg.sid only where a Sid is needed. */
function sidSection(root, state, detail) {
  var hint = root.find('.twilio-chain-hint');
  if (!detail) return hint.text(state.object ? '' : t('label.importFirst'));
  hint.text(detail.needsSid ? t('hints.chain', { chain: detail.chainHint }) : t('hints.chainOptional', { chain: detail.chainHint }));
  var sid = $('#node-input-sid');
  if (detail.needsSid && sid.typedInput('type') === 'str' && sid.typedInput('value') === '') {
    sid.typedInput('type', 'msg');
    sid.typedInput('value', 'sid');
  } else if (!detail.needsSid && sid.typedInput('type') === 'msg' && sid.typedInput('value') === 'sid') {
    sid.typedInput('type', 'str');
    sid.typedInput('value', '');
  }
  sid.trigger('change');
}

/** Create/Update's body parameters, Get/Delete's query parameters. */
function paramsOf(detail) {
  return (detail && (detail.params || detail.query)) || [];
}

/** Required parameters, and the first of each "at least one of" group, for a fresh pick. */
function requiredRows(detail) {
  var rows = [];
  var seen = {};
  paramsOf(detail).forEach(function (p) { if (p.required) { rows.push({ name: p.name, value: '', valueType: 'str' }); seen[p.name] = true; } });
  (detail.conditional || []).forEach(function (g) {
    if (!g.some(function (n) { return seen[n]; }) && g[0]) { rows.push({ name: g[0], value: '', valueType: 'str' }); seen[g[0]] = true; }
  });
  return rows;
}

function fillList(list, items) {
  list.editableList('empty');
  items.forEach(function (i) { list.editableList('addItem', i); });
}

/** Get: "the record" or one of the content formats the object offers; hidden for others. */
function contentSection(root, node, detail, useNode) {
  var select = $('#node-input-content');
  var current = useNode ? (node.content || '') : (select.val() || '');
  var formats = (detail && detail.content) || [];
  select.empty();
  $('<option value="">').text(t('label.contentRecord')).appendTo(select);
  formats.forEach(function (f) { $('<option>').attr('value', f).text(t('label.contentAs', { format: f })).appendTo(select); });
  select.val(formats.indexOf(current) !== -1 ? current : '');
  root.find('.twilio-content-rows').toggle(formats.length > 0);
}

function renderSections(root, node, action, detail, mode) {
  var state = root.data('twilio-state');
  sidSection(root, state, detail);
  // the current lists: from the node on first render, from the dialog afterwards
  var useNode = mode !== 'fresh' && !root.data('twilio-rendered');
  if (action === 'get') contentSection(root, node, detail, useNode);
  if (action !== 'delete') {
    var shown = readFields(root);
    fieldsSection(root, detail, mode === 'fresh' ? [] : useNode || shown === undefined ? node.fields : shown);
  }
  if (action === 'query') {
    var fl = root.find('.twilio-filters');
    fillList(fl, mode === 'fresh' ? [] : useNode ? node.filters || [] : readList(fl, readFilterRow));
  }
  if (action === 'get' || action === 'delete') {
    // the parameter rows and the request only for an operation with query parameters
    root.find('.twilio-params-rows').toggle(!!(detail && detail.query && detail.query.length) || (!detail && useNode && !!(node.params && node.params.length)));
  }
  if (action !== 'query') {
    var pl = root.find('.twilio-params');
    var params = mode === 'fresh' ? (detail ? requiredRows(detail) : []) : useNode ? node.params || [] : readList(pl, readParamRow);
    fillList(pl, params);
  }
  samples(root, detail);
  if (detail || useNode) root.data('twilio-rendered', true);
}

/** The only account there is is the one a person would pick. */
function pickOnlyAccount(node) {
  if (node.account) return;
  var accounts = [];
  RED.nodes.eachConfig(function (c) { if (c.type === 'twilio-account') accounts.push(c); });
  if (accounts.length !== 1) return;
  var sel = $('#node-input-account');
  // Node-RED fills the config select after oneditprepare
  var tries = 0;
  (function setWhenReady() {
    if (sel.find('option[value="' + accounts[0].id + '"]').length) {
      if (sel.val() === '_ADD_' || !sel.val()) sel.val(accounts[0].id).trigger('change');
    } else if (tries++ < 50) setTimeout(setWhenReady, 20);
  })();
}

function typedInputs(node, action, state) {
  var sid = $('#node-input-sid').typedInput({ types: SID_TYPES, typeField: '#node-input-sidType', default: 'msg' });
  watchValue(sid, function () { return state.detail && { object: state.detail.id, action: action, check: { kind: 'sid' } }; });
  if (action !== 'query') {
    var none = { value: 'none', label: t('label.none'), hasValue: false };
    var request = $('#node-input-request').typedInput({ types: ['msg', none], typeField: '#node-input-requestType', default: 'msg' });
    // a Get/Delete saved before it had a request reads none: it keeps behaving the same
    if (node.requestType === undefined && (action === 'get' || action === 'delete')) request.typedInput('type', 'none');
    var hint = action === 'get' || action === 'delete' ? 'hints.queryParams' : 'hints.params';
    $('.twilio-editor').last().find('.twilio-params-hint').text(t(hint));
  }
  if (action === 'query') {
    $('#twilio-input-limit').val(node.limit == null ? 0 : node.limit);
    $('#twilio-input-pageSize').val(node.pageSize == null ? 50 : node.pageSize);
  }
  $('#node-input-errorOutput').on('change', function () { $('#node-input-outputs').val(this.checked ? 2 : 1); });
  $('#node-input-outputs').val(node.errorOutput ? 2 : 1);
}

function editableLists(root, action, state) {
  var lists = { params: [['create', 'update', 'get', 'delete'], paramRow, 'label.addParam'], filters: [['query'], filterRow, 'label.addFilter'] };
  Object.keys(lists).forEach(function (k) {
    var l = lists[k].slice(1);
    if (lists[k][0].indexOf(action) === -1) return;
    root.find('.twilio-' + k).editableList({
      addItem: function (r, i, data) { l[0](r, data || {}, state.detail); },
      removable: true,
      sortable: true,
      height: 'auto',
      addButton: t(l[1]),
    });
  });
}

function fieldButtons(root, state) {
  root.find('.twilio-all').on('click', function (e) { e.preventDefault(); root.find('.twilio-fields input').prop('checked', true); fieldsChanged(root); });
  root.find('.twilio-none').on('click', function (e) { e.preventDefault(); root.find('.twilio-fields input').prop('checked', false); fieldsChanged(root); });
  root.on('change', '.twilio-fields input', function () { fieldsChanged(root); });
  $('#node-input-dates').on('change', function () { if (state.detail) refreshProfile(root, state.detail, readFields(root)); });
}

function prepareAction(node, action) {
  var root = $('.twilio-editor').last();
  dialogs.set(node, root);
  var state = { detail: null, object: node.object || '' };
  root.data('twilio-state', state);
  pickOnlyAccount(node);
  typedInputs(node, action, state);
  // Picking an object loads it: the rows of the previous object go (they are not its
  // parameters or filters), the new one's required parameters come in.
  objectPicker(root.find('.twilio-object-picker'), action, state.object, function (o) {
    if (o.id === state.object) return;
    state.object = o.id;
    $('#node-input-object').val(o.id).trigger('change');
    state.detail = null;
    renderSections(root, node, action, null, 'fresh');
    loadObject(root, node, action, state, true);
  });
  fieldButtons(root, state);
  editableLists(root, action, state);
  renderSections(root, node, action, null);
  if (state.object) loadObject(root, node, action, state, false);
}

function saveAction(node, action) {
  var root = dialogs.get(node) || $('.twilio-editor').last();
  var state = root.data('twilio-state') || {};
  if (action === 'query') {
    var limit = parseInt($('#twilio-input-limit').val(), 10);
    var pageSize = parseInt($('#twilio-input-pageSize').val(), 10);
    node.limit = isNaN(limit) || limit < 0 ? 0 : limit;
    node.pageSize = isNaN(pageSize) ? 50 : Math.min(1000, Math.max(1, pageSize));
    if (state.detail || root.data('twilio-rendered')) {
      node.filters = readList(root.find('.twilio-filters'), readFilterRow).filter(function (f) { return f.field; });
    }
  }
  if (action !== 'query') {
    node.params = readList(root.find('.twilio-params'), readParamRow).filter(function (p) { return p.name; });
  }
  if (action !== 'delete' && state.detail) {
    var fields = readFields(root);
    if (fields !== undefined) node.fields = fields; // null: none checked, and the node says so
  } else if (action !== 'delete' && state.object !== undefined && state.object !== node.object) {
    node.fields = [];
  }
}

/** The registerType definition of an action node: shared behaviour around its own defaults. */
export function actionNode(action, def) {
  var defaults = def.defaults || {};
  if (defaults.params && !defaults.params.validate) defaults.params.validate = rowsValidator(action, 'params');
  if (defaults.filters && !defaults.filters.validate) defaults.filters.validate = rowsValidator(action, 'filters');
  if (defaults.fields && !defaults.fields.validate) defaults.fields.validate = fieldsValidator;
  return $.extend({
    category: 'Twilio',
    color: '#F7A8B1',
    inputs: 1,
    outputs: 1,
    icon: 'twilio.svg',
    paletteLabel: function () { return tn(action, 'paletteLabel'); },
    label: function () {
      if (this.name) return this.name;
      var verb = tn(action, 'verb');
      if (!this.object) return verb;
      var badge = objectBadge(this.object);
      return (badge ? badge + ' · ' : '') + verb + ' ' + objectLabel(this.object, action === 'query');
    },
    labelStyle: function () { return this.name ? 'node_label_italic' : ''; },
    inputLabels: function () { return tn(action, 'inputLabel'); },
    outputLabels: function (i) { return i === 0 ? tn(action, 'outputLabel') : t('label.errorPort'); },
    oneditprepare: function () { prepareAction(this, action); },
    oneditsave: function () { saveAction(this, action); },
    oneditresize: function () {},
  }, def);
}
