/*
 * Editor code shared by the six Twilio nodes: loaded once by every node's .html from
 * resources/@nr-connectors/node-red-twilio/twilio-editor.js. Each .html registers its type
 * with TwilioEditor.actionNode(action, def) or TwilioEditor.accountNode(def).
 *
 * Texts: the message catalog of twilio-account ("editor" and "twilio-account" sections) for
 * what all nodes share; each action node's own catalog for its verb and palette label.
 */
(function ($) {
  'use strict';
  if (window.TwilioEditor) return;

  var MODULE = '@nr-connectors/node-red-twilio';
  var SHARED_NS = MODULE + '/twilio-account';
  var RESOURCES = 'resources/' + MODULE + '/';
  var VALUE_TYPES = ['str', 'num', 'bool', 'date', 'msg', 'flow', 'global', 'env', 'jsonata'];
  var PARAM_TYPES = ['str', 'num', 'bool', 'json', 'date', 'msg', 'flow', 'global', 'env', 'jsonata'];
  var SID_TYPES = ['msg', 'flow', 'global', 'env', 'str', 'jsonata'];
  var GROUP_ORDER = ['Messaging', 'Voice', 'Conferences', 'Phone numbers', 'Account', 'SIP', 'Usage'];

  /** A shared editor text: editor.<key> of the twilio-account catalog. */
  function t(key, vars) {
    return RED._(SHARED_NS + ':editor.' + key, vars);
  }
  /** A text of the config node's dialog. */
  function ta(key, vars) {
    return RED._(SHARED_NS + ':twilio-account.' + key, vars);
  }
  /** A text of one action node's own catalog. */
  function tn(action, key, vars) {
    return RED._(MODULE + '/twilio-' + action + ':twilio-' + action + '.' + key, vars);
  }
  /** Spec descriptions are Markdown; the dialog shows them as plain text. */
  function plain(s) {
    return String(s || '').replace(/\[([^\]]+)\]\([^)]+\)/g, '$1').replace(/`([^`]*)`/g, '$1');
  }
  function esc(s) {
    return $('<div>').text(s == null ? '' : String(s)).html();
  }
  function i18nAttr(key) {
    return ' data-i18n="' + SHARED_NS + ':' + key + '"';
  }
  function url(path) {
    return path; // relative to the editor, like the core nodes' admin calls
  }

  // ---- stylesheet, once ----
  if (!document.getElementById('twilio-editor-css')) {
    $('<link>', { id: 'twilio-editor-css', rel: 'stylesheet', type: 'text/css', href: (RED.settings.apiRootUrl || '') + RESOURCES + 'twilio-editor.css' }).appendTo('head');
  }

  // ---- the object list (for pickers and node labels), fetched once ----
  var index = { list: null, byId: {}, waiting: [], loading: false, failed: null };

  function loadIndex(cb) {
    if (index.list) return cb && cb(null, index.list);
    if (cb) index.waiting.push(cb);
    if (index.loading) return;
    index.loading = true;
    $.getJSON(url('twilio/objects'))
      .done(function (list) {
        index.list = list;
        list.forEach(function (o) { index.byId[o.id] = o; });
        index.loading = false;
        var waiting = index.waiting.splice(0);
        waiting.forEach(function (fn) { fn(null, list); });
        // Labels computed before the list arrived showed the object id; redraw them.
        var dirty = false;
        RED.nodes.eachNode(function (n) {
          if (/^twilio-/.test(n.type) && n.object && !n.name) { n.dirty = true; n.resize = true; dirty = true; }
        });
        if (dirty) RED.view.redraw(true);
      })
      .fail(function (xhr) {
        index.loading = false;
        index.failed = errorText(xhr);
        var waiting = index.waiting.splice(0);
        waiting.forEach(function (fn) { fn(index.failed); });
      });
  }

  var details = {};
  var pendingDetails = {};
  /** An object's detail for one action, fetched once (reload: fetch it again). */
  function loadDetail(id, action, cb, reload) {
    var key = id + '|' + action;
    if (reload) delete details[key];
    if (details[key]) return cb(null, details[key]);
    if (pendingDetails[key]) return pendingDetails[key].push(cb);
    pendingDetails[key] = [cb];
    $.getJSON(url('twilio/objects/' + encodeURIComponent(id)), { action: action })
      .done(function (d) {
        details[key] = d.actions[action];
        details[key].id = d.id;
        details[key].label = d.label;
        details[key].group = d.group;
        var waiting = pendingDetails[key];
        delete pendingDetails[key];
        waiting.forEach(function (fn) { fn(null, details[key]); });
      })
      .fail(function (xhr) {
        var waiting = pendingDetails[key];
        delete pendingDetails[key];
        waiting.forEach(function (fn) { fn(errorText(xhr)); });
      });
  }

  // ---- validators: rows must belong to the node's object, and some field must be chosen ----

  var checked = {};
  /** Validates again, once the object's detail is here, every node of this object and action. */
  function validateLater(node, action) {
    var key = node.object + '|' + action;
    if (checked[key]) return;
    checked[key] = true;
    loadDetail(node.object, action, function (err) {
      if (err) return;
      var again = false;
      RED.nodes.eachNode(function (n) {
        if (n.type === 'twilio-' + action && n.object === node.object) {
          RED.editor.validateNode(n);
          n.dirty = true;
          again = true;
        }
      });
      if (again) RED.view.redraw(true);
    });
  }

  /** Names in `rows` the object's detail does not know; null while the detail is loading. */
  function strangers(node, action, rows, kind) {
    if (!Array.isArray(rows) || !rows.length || !node.object) return [];
    var detail = details[node.object + '|' + action];
    if (!detail) {
      validateLater(node, action);
      return null;
    }
    var known = (detail[kind] || []).map(function (p) { return p.name; });
    return rows.map(function (r) { return kind === 'params' ? r.name : r.field; })
      .filter(function (n) { return known.indexOf(n) === -1; });
  }

  function rowsValidator(action, kind) {
    // two arguments: Node-RED shows the returned text as the reason
    return function (rows, opt) {
      var bad = strangers(this, action, rows, kind);
      if (!bad || !bad.length) return true;
      return t('errors.' + (kind === 'params' ? 'unknownParams' : 'unknownFilters'), { names: bad.join(', '), object: objectLabel(this.object) });
    };
  }

  /** fields: [] = all, a list = those, null = none checked (the dialog's "none"), which is invalid. */
  function fieldsValidator(fields, opt) {
    return fields === null ? t('errors.noFields') : true;
  }

  function errorText(xhr) {
    var body = xhr && xhr.responseJSON;
    if (body && body.error) return body.error;
    if (xhr && xhr.status) return xhr.status + ' ' + (xhr.statusText || '');
    return t('errors.network');
  }

  /** "Conference Participant" → "Conference Participants", "Usage Record (Daily)" → "Usage Records (Daily)". */
  function plural(label) {
    var m = /^(.*?)(\s*\(.*\))?$/.exec(label);
    var words = m[1];
    var suffix = m[2] || '';
    if (/(Media|Data|Feedback|Balance)$/.test(words)) return label;
    if (/(s|x|ch|sh)$/.test(words)) words += 'es';
    else if (/[^aeiou]y$/.test(words)) words = words.slice(0, -1) + 'ies';
    else words += 's';
    return words + suffix;
  }

  function objectLabel(id, many) {
    var o = index.byId[id];
    if (!o) {
      if (!index.list && !index.failed) loadIndex();
      return id.replace(/^api\.v2010\./, '');
    }
    return many ? plural(o.label) : o.label;
  }

  // ---- the object picker: searchable, grouped, label and id visible ----
  function objectPicker(container, action, current, onPick) {
    var search = $('<input type="text" class="twilio-object-search">').attr('placeholder', t('label.searchObjects')).appendTo(container);
    var list = $('<div class="twilio-object-list" tabindex="0"></div>').appendTo(container);
    var selected = current;

    function render() {
      var q = search.val().trim().toLowerCase();
      list.empty();
      if (!index.list) {
        list.append($('<div class="twilio-object-empty">').text(index.failed ? t('errors.loadObjects', { error: index.failed }) : t('label.loading')));
        return;
      }
      var groups = {};
      index.list.forEach(function (o) {
        if (o.actions.indexOf(action) === -1) return;
        if (q && (o.label + ' ' + o.id + ' ' + o.group).toLowerCase().indexOf(q) === -1) return;
        (groups[o.group] = groups[o.group] || []).push(o);
      });
      var names = Object.keys(groups).sort(function (a, b) {
        var ia = GROUP_ORDER.indexOf(a), ib = GROUP_ORDER.indexOf(b);
        return (ia === -1 ? 99 : ia) - (ib === -1 ? 99 : ib) || a.localeCompare(b);
      });
      if (!names.length) list.append($('<div class="twilio-object-empty">').text(t('label.noObjects')));
      names.forEach(function (g) {
        $('<div class="twilio-object-group">').text(g).appendTo(list);
        groups[g].forEach(function (o) {
          var item = $('<div class="twilio-object-item">').attr('data-object', o.id)
            .append($('<span class="twilio-object-label">').text(o.label))
            .append($('<code class="twilio-object-id">').text(o.id))
            .appendTo(list);
          if (o.id === selected) item.addClass('selected');
          item.on('click', function () {
            selected = o.id;
            list.find('.selected').removeClass('selected');
            item.addClass('selected');
            onPick(o);
          });
        });
      });
      var sel = list.find('.selected');
      if (sel.length) list.scrollTop(sel.position().top + list.scrollTop() - list.height() / 2);
    }
    // Keyboard: arrows move through the items shown, Enter picks (the only match needs no arrow).
    function onKey(e) {
      var items = list.find('.twilio-object-item');
      if (!items.length) return;
      var active = items.index(list.find('.twilio-active'));
      if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
        e.preventDefault();
        var next = e.key === 'ArrowDown' ? Math.min(items.length - 1, active + 1) : Math.max(0, active - 1);
        items.removeClass('twilio-active');
        var el = items.eq(next).addClass('twilio-active');
        el[0].scrollIntoView({ block: 'nearest' });
      } else if (e.key === 'Enter') {
        e.preventDefault();
        var pick = active >= 0 ? items.eq(active) : (items.length === 1 ? items.eq(0) : null);
        if (pick) pick.trigger('click');
      }
    }
    search.on('input', render).on('keydown', onKey);
    list.on('keydown', onKey);
    loadIndex(function () { render(); });
    render();
    return { refresh: render };
  }

  // ---- sections filled by Import ----

  function fieldsSection(root, detail, chosen) {
    var box = root.find('.twilio-fields').empty();
    if (!detail || !detail.fields || !detail.fields.length) {
      box.append($('<div class="twilio-muted">').text(detail ? t('label.noFields') : t('label.importFirst')));
      fieldsChanged(root);
      return;
    }
    var none = chosen === null; // saved with no field checked
    var all = !none && (!chosen || chosen.length === 0);
    detail.fields.forEach(function (f) {
      var row = $('<label class="twilio-field">').attr('title', plain(f.description));
      $('<input type="checkbox">').val(f.name).prop('checked', all || (!none && chosen.indexOf(f.name) !== -1)).appendTo(row);
      $('<code>').text(f.name).appendTo(row);
      $('<span class="twilio-type">').text(f.format ? f.type + ' · ' + f.format : f.type).appendTo(row);
      $('<span class="twilio-desc">').text(plain(f.description)).appendTo(row);
      box.append(row);
    });
    fieldsChanged(root);
  }

  /** The checked fields: [] = all, null = none (invalid), undefined = no field list shown. */
  function readFields(root) {
    var boxes = root.find('.twilio-fields input[type=checkbox]');
    if (!boxes.length) return undefined;
    var chosen = boxes.filter(':checked').map(function () { return this.value; }).get();
    if (!chosen.length) return null;
    return chosen.length === boxes.length ? [] : chosen;
  }

  /** After a checkbox changes: the "none checked" warning, and the response profile for these fields. */
  function fieldsChanged(root) {
    var fields = readFields(root);
    root.find('.twilio-fields').toggleClass('input-error', fields === null);
    root.find('.twilio-fields-hint').text(fields === null ? t('errors.noFields') : '').toggle(fields === null);
    var state = root.data('twilio-state');
    if (state && state.detail) refreshProfile(root, state.detail, fields);
  }

  // A date filter compares by GMT day, and its `eq` means `on`: it offers the three day operators.
  function opsFor(filter) {
    return filter && filter.dateOps ? ['before', 'on', 'after'] : ['eq'];
  }

  /** Twilio's description, first sentence only (the whole of it goes in the tooltip). */
  function firstSentence(s) {
    var m = /^(.*?[.!?])(\s|$)/.exec(s);
    return m ? m[1] : s;
  }

  function filterRow(row, data, detail) {
    var filters = (detail && detail.filters) || [];
    var line = $('<div class="twilio-row-line">').appendTo(row);
    var field = $('<select class="twilio-filter-field">').appendTo(line);
    filters.forEach(function (f) { field.append($('<option>').val(f.name).text(f.name + (f.dateOps ? ' ' + t('label.dateMark') : ''))); });
    if (data.field && !filters.some(function (f) { return f.name === data.field; })) {
      field.append($('<option>').val(data.field).text(data.field));
    }
    var op = $('<select class="twilio-filter-op">').appendTo(line);
    var value = $('<input type="text" class="twilio-filter-value" style="width:100%">').appendTo(line);
    var desc = $('<div class="twilio-row-desc">').appendTo(row);
    value.typedInput({ types: VALUE_TYPES, default: 'str' });
    function refreshOps(keep) {
      var f = filters.filter(function (x) { return x.name === field.val(); })[0];
      var current = keep || op.val();
      var ops = opsFor(f || { dateOps: !!current && current !== 'eq' });
      if (current === 'eq' && ops.indexOf('on') !== -1) current = 'on';
      op.empty();
      ops.forEach(function (o) { op.append($('<option>').val(o).text(t('ops.' + o))); });
      op.val(ops.indexOf(current) !== -1 ? current : ops[ops.indexOf('on') !== -1 ? ops.indexOf('on') : 0]);
      var twilio = f ? plain(f.description) : '';
      desc.attr('title', twilio);
      row.toggleClass('twilio-unknown', !!(field.val() && !f));
      if (!f) desc.text(field.val() ? t('hints.unknownFilter', { object: detail ? detail.label : '' }) : '');
      else if (f.dateOps) desc.text(t('hints.dateOp.' + op.val()) + ' ' + t('hints.dateValues'));
      else if (f.format === 'date' || f.format === 'date-time') desc.text(firstSentence(twilio) + ' ' + t('hints.relativeDates'));
      else desc.text(firstSentence(twilio));
    }
    if (data.field) field.val(data.field);
    refreshOps(data.op || 'eq');
    field.on('change', function () { refreshOps(); });
    op.on('change', function () { refreshOps(op.val()); });
    value.typedInput('type', data.valueType || 'str');
    value.typedInput('value', data.value == null ? '' : data.value);
  }

  function paramRow(row, data, detail) {
    var params = (detail && detail.params) || [];
    var name = $('<select class="twilio-param-name">').appendTo(row);
    params.forEach(function (p) {
      var mark = p.required ? ' *' : p.conditional ? ' †' : '';
      name.append($('<option>').val(p.name).text(p.name + mark));
    });
    if (data.name && !params.some(function (p) { return p.name === data.name; })) {
      name.append($('<option>').val(data.name).text(data.name));
    }
    var line = $('<div class="twilio-row-line">').appendTo(row);
    name.appendTo(line);
    var value = $('<input type="text" class="twilio-param-value" style="width:100%">').appendTo(line);
    var choice = $('<select class="twilio-param-enum">').appendTo(line).hide();
    var desc = $('<div class="twilio-row-desc">').appendTo(row);
    value.typedInput({ types: PARAM_TYPES, default: 'str' });
    /** The enum choice follows the value: a static value that is one of the choices shows selected. */
    function showChoice() {
      if (!choice.children().length) return;
      var v = value.typedInput('type') === 'str' ? value.typedInput('value') : '';
      choice.val(choice.find('option').filter(function () { return this.value === v; }).length ? v : '');
    }
    function refresh() {
      var p = params.filter(function (x) { return x.name === name.val(); })[0];
      choice.empty().hide();
      if (p && p.enum && p.enum.length) {
        choice.append($('<option>').val('').text(t('label.choose')));
        p.enum.forEach(function (v) { choice.append($('<option>').val(v).text(v)); });
        choice.show();
        showChoice();
      }
      var bits = [];
      if (p && p.required) bits.push(t('hints.required'));
      if (p && p.conditional) bits.push(t('hints.conditional', { group: conditionalGroup(detail, p.name) }));
      if (p && p.array) bits.push(t('hints.repeated'));
      var unknown = !!(name.val() && !p);
      desc.text(unknown ? t('hints.unknownParam', { object: detail ? detail.label : '' }) : (bits.length ? '[' + bits.join('; ') + '] ' : '') + plain(p && p.description));
      row.toggleClass('twilio-required', !!(p && p.required)).toggleClass('twilio-unknown', unknown);
      // a blank row is "not set": the request document may supply it (DESIGN §1)
      row.find('.red-ui-typedInput-input').attr('placeholder', p && (p.required || p.conditional) ? t('hints.fromDocument') : '');
    }
    choice.on('change', function () {
      if (choice.val()) {
        value.typedInput('type', 'str');
        value.typedInput('value', choice.val());
      }
    });
    value.on('change', showChoice);
    if (data.name) name.val(data.name);
    else {
      var used = row.closest('.red-ui-editableList-list').find('.twilio-param-name').not(name).map(function () { return $(this).val(); }).get();
      var next = params.filter(function (p) { return used.indexOf(p.name) === -1; })[0];
      if (next) name.val(next.name);
    }
    name.on('change', refresh);
    value.typedInput('type', data.valueType || 'str');
    value.typedInput('value', data.value == null ? '' : data.value);
    refresh();
  }

  function conditionalGroup(detail, paramName) {
    var g = (detail.conditional || []).filter(function (grp) { return grp.indexOf(paramName) !== -1; })[0];
    return g ? g.join(' | ') : '';
  }

  function readList(list, read) {
    var out = [];
    list.editableList('items').each(function () { out.push(read($(this))); });
    return out;
  }

  function samples(root, detail) {
    var box = root.find('.twilio-profiles').empty();
    if (!detail) {
      box.append($('<div class="twilio-muted">').text(t('label.importFirst')));
      return;
    }
    var any = false;
    ['request', 'response'].forEach(function (kind) {
      var xml = detail.samples && detail.samples[kind];
      if (!xml) return;
      any = true;
      var head = $('<div class="twilio-profile-head">').appendTo(box);
      $('<span>').text(t('label.' + kind + 'Profile')).appendTo(head);
      var copy = $('<button type="button" class="red-ui-button red-ui-button-small twilio-copy">')
        .append('<i class="fa fa-clipboard"></i> ').append($('<span>').text(t('label.copy'))).appendTo(head);
      var pre = $('<pre class="twilio-profile">').attr('data-profile', kind).text(xml).appendTo(box);
      copy.on('click', function (e) {
        e.preventDefault();
        RED.clipboard.copyText(pre.text(), copy, 'clipboard.copyMessageValue');
        RED.notify(t('label.copied'), { type: 'success', timeout: 1500 });
      });
    });
    if (!any) box.append($('<div class="twilio-muted">').text(t('label.noProfile')));
    refreshProfile(root, detail, readFields(root));
  }

  /** The response profile as the node will send it: the checked fields only, in its date style. */
  function refreshProfile(root, detail, fields) {
    var pre = root.find('.twilio-profile[data-profile="response"]');
    if (!pre.length || !detail.samples || !detail.samples.response) return;
    clearTimeout(root.data('twilio-profile-timer'));
    var dates = $('#node-input-dates').val() === 'iso' ? 'iso' : 'rfc2822';
    if (fields === null) return pre.text(t('errors.noFields'));
    if ((!fields || !fields.length) && dates === 'rfc2822') return pre.text(detail.samples.response);
    root.data('twilio-profile-timer', setTimeout(function () {
      $.getJSON(url('twilio/objects/' + encodeURIComponent(detail.id) + '/profile'), { action: detail.action, fields: (fields || []).join(','), dates: dates })
        .done(function (r) {
          var state = root.data('twilio-state');
          if (state && state.detail === detail) pre.text(r.response || '');
        });
    }, 120));
  }

  // ---- action node templates ----

  function row(icon, labelKey, forId, control) {
    return '<div class="form-row"><label' + (forId ? ' for="' + forId + '"' : '') + '><i class="fa ' + icon + '"></i> <span' + i18nAttr('editor.label.' + labelKey) + '></span></label>' + control + '</div>';
  }

  function selectOptions(group, values) {
    return values.map(function (v) { return '<option value="' + v + '"' + i18nAttr('editor.' + group + '.' + v) + '></option>'; }).join('');
  }

  function actionTemplate(action) {
    var writes = action === 'create' || action === 'update';
    var h = '<div class="twilio-editor" data-action="' + action + '">';
    h += row('fa-tag', 'name', 'node-input-name', '<input type="text" id="node-input-name"' + ' data-i18n="[placeholder]' + SHARED_NS + ':editor.label.name">');
    h += row('fa-user', 'account', 'node-input-account', '<input type="text" id="node-input-account">');
    h += '<div class="form-row twilio-object-row"><label><i class="fa fa-cube"></i> <span' + i18nAttr('editor.label.object') + '></span></label>' +
      '<div class="twilio-object-picker"><input type="hidden" id="node-input-object"></div></div>';
    h += '<div class="form-row"><label></label><button type="button" class="red-ui-button twilio-import"><i class="fa fa-refresh"></i> <span' + i18nAttr('editor.label.import') + '></span></button> <span class="twilio-import-status"></span></div>';
    h += row('fa-key', 'sid', 'node-input-sid', '<input type="text" id="node-input-sid" style="width:70%"><input type="hidden" id="node-input-sidType">');
    h += '<div class="form-row twilio-hint-row"><span class="twilio-chain-hint"></span></div>';
    if (writes) {
      h += row('fa-envelope-o', 'request', 'node-input-request', '<input type="text" id="node-input-request" style="width:70%"><input type="hidden" id="node-input-requestType">');
      h += '<div class="form-row twilio-section"><label><i class="fa fa-list"></i> <span' + i18nAttr('editor.label.params') + '></span></label><div class="twilio-hint-inline" ' + i18nAttr('editor.hints.params') + '></div></div>';
      h += '<div class="form-row node-input-twilio-params-row"><ol class="twilio-params"></ol></div>';
    }
    if (action === 'query') {
      h += '<div class="form-row twilio-section"><label><i class="fa fa-filter"></i> <span' + i18nAttr('editor.label.filters') + '></span></label><div class="twilio-hint-inline"' + i18nAttr('editor.hints.filters') + '></div></div>';
      h += '<div class="form-row node-input-twilio-filters-row"><ol class="twilio-filters"></ol></div>';
      h += row('fa-hashtag', 'limit', 'twilio-input-limit', '<input type="number" min="0" id="twilio-input-limit" style="width:100px"> <span class="twilio-muted"' + i18nAttr('editor.hints.limit') + '></span>');
      h += row('fa-files-o', 'pageSize', 'twilio-input-pageSize', '<input type="number" min="1" max="1000" id="twilio-input-pageSize" style="width:100px">');
      h += row('fa-sign-out', 'outputMode', 'node-input-outputMode', '<select id="node-input-outputMode">' + selectOptions('outputMode', ['record', 'page', 'array']) + '</select>');
    }
    if (action !== 'delete') {
      h += '<div class="form-row twilio-section"><label><i class="fa fa-check-square-o"></i> <span' + i18nAttr('editor.label.fields') + '></span></label>' +
        '<button type="button" class="red-ui-button red-ui-button-small twilio-all"' + i18nAttr('editor.label.selectAll') + '></button> ' +
        '<button type="button" class="red-ui-button red-ui-button-small twilio-none"' + i18nAttr('editor.label.selectNone') + '></button></div>';
      h += '<div class="form-row"><div class="twilio-fields"></div><div class="twilio-fields-hint twilio-error"></div></div>';
    }
    if (action === 'get') {
      // recordings, media, transcriptions: the content itself (docs/media.md)
      h += '<div class="twilio-content-rows">' + row('fa-file-audio-o', 'content', 'node-input-content', '<select id="node-input-content"></select>') +
        row('fa-compress', 'contentLimit', 'node-input-contentLimit', '<input type="number" min="1" id="node-input-contentLimit" style="width:100px"> <span class="twilio-muted">MB</span>') + '</div>';
    }
    h += row('fa-file-code-o', 'format', 'node-input-format', '<select id="node-input-format">' + selectOptions('format', ['json', 'xml']) + '</select>');
    if (action !== 'delete') {
      h += row('fa-calendar', 'dates', 'node-input-dates', '<select id="node-input-dates">' + selectOptions('dates', ['rfc2822', 'iso']) + '</select>');
    }
    h += '<div class="form-row"><label></label><label for="node-input-errorOutput" class="twilio-checkbox"><input type="checkbox" id="node-input-errorOutput"> <span' + i18nAttr('editor.label.errorOutput') + '></span></label><input type="hidden" id="node-input-outputs"></div>';
    h += row('fa-eye', 'tracking', 'node-input-tracking', '<select id="node-input-tracking">' + selectOptions('tracking', ['none', 'input', 'output']) + '</select>');
    h += '<div class="form-row twilio-section"><label><i class="fa fa-code"></i> <span' + i18nAttr('editor.label.profiles') + '></span></label></div>';
    h += '<div class="form-row"><div class="twilio-profiles"></div></div>';
    h += '</div>';
    return h;
  }

  function installTemplate(type, html) {
    if ($('script[data-template-name="' + type + '"]').length) return;
    var el = document.createElement('script');
    el.type = 'text/html';
    el.setAttribute('data-template-name', type);
    el.text = html;
    document.body.appendChild(el);
  }

  // ---- the action node dialog ----

  // the dialog each node being edited owns (dialogs stack: an account dialog over an action one)
  var dialogs = typeof WeakMap === 'function' ? new WeakMap() : null;

  function prepareAction(node, action) {
    var root = $('.twilio-editor').last();
    if (dialogs) dialogs.set(node, root);
    var state = { detail: null, object: node.object || '', imported: false };
    root.data('twilio-state', state);
    var writes = action === 'create' || action === 'update';

    if (!node.account) {
      // the only account there is is the one a person would pick
      var accounts = [];
      RED.nodes.eachConfig(function (c) { if (c.type === 'twilio-account') accounts.push(c); });
      if (accounts.length === 1) {
        setTimeout(function () {
          var sel = $('#node-input-account');
          if (sel.val() === '_ADD_' || !sel.val()) sel.val(accounts[0].id).trigger('change');
        }, 120);
      }
    }
    $('#node-input-sid').typedInput({ types: SID_TYPES, typeField: '#node-input-sidType', default: 'msg' });
    if (writes) {
      var none = { value: 'none', label: t('label.none'), hasValue: false };
      $('#node-input-request').typedInput({ types: ['msg', none], typeField: '#node-input-requestType', default: 'msg' });
    }
    if (action === 'query') {
      $('#twilio-input-limit').val(node.limit == null ? 0 : node.limit);
      $('#twilio-input-pageSize').val(node.pageSize == null ? 50 : node.pageSize);
    }

    $('#node-input-errorOutput').on('change', function () {
      $('#node-input-outputs').val(this.checked ? 2 : 1);
    });
    $('#node-input-outputs').val(node.errorOutput ? 2 : 1);

    // Picking an object imports it: the rows of the previous object go (they are not its
    // parameters or filters), the new one's required parameters come in.
    var picker = objectPicker(root.find('.twilio-object-picker'), action, state.object, function (o) {
      if (o.id === state.object) return;
      state.object = o.id;
      $('#node-input-object').val(o.id).trigger('change');
      state.detail = null;
      state.imported = false;
      renderSections(root, node, action, null, 'fresh');
      importObject(root, node, action, state, true);
    });
    root.data('twilio-picker', picker);

    // Import again: the object's detail fetched anew, the rows kept
    root.find('.twilio-import').on('click', function (e) {
      e.preventDefault();
      if (!state.object) return setStatus(root, t('label.pickObject'), 'twilio-warn');
      importObject(root, node, action, state, true, true);
    });
    root.find('.twilio-all').on('click', function (e) { e.preventDefault(); root.find('.twilio-fields input').prop('checked', true); fieldsChanged(root); });
    root.find('.twilio-none').on('click', function (e) { e.preventDefault(); root.find('.twilio-fields input').prop('checked', false); fieldsChanged(root); });
    root.on('change', '.twilio-fields input', function () { fieldsChanged(root); });
    $('#node-input-dates').on('change', function () { if (state.detail) refreshProfile(root, state.detail, readFields(root)); });

    if (writes) {
      root.find('.twilio-params').editableList({
        addItem: function (r, i, data) { paramRow(r, data || {}, state.detail); },
        removable: true,
        sortable: true,
        height: 'auto',
        addButton: t('label.addParam'),
      });
    }
    if (action === 'query') {
      root.find('.twilio-filters').editableList({
        addItem: function (r, i, data) { filterRow(r, data || {}, state.detail); },
        removable: true,
        sortable: true,
        height: 'auto',
        addButton: t('label.addFilter'),
      });
    }
    renderSections(root, node, action, null);
    if (state.object) importObject(root, node, action, state, false);
  }

  function setStatus(root, text, cls) {
    root.find('.twilio-import-status').attr('class', 'twilio-import-status ' + (cls || '')).text(text || '');
  }

  function importObject(root, node, action, state, fresh, reload) {
    setStatus(root, t('label.loading'));
    var wanted = state.object;
    loadDetail(state.object, action, function (err, detail) {
      if (state.object !== wanted) return;
      if (err) return setStatus(root, t('errors.loadDetail', { error: err }), 'twilio-error');
      var keep = !fresh || state.imported;
      state.detail = detail;
      state.imported = true;
      setStatus(root, t('label.imported', { label: detail.label, id: detail.id }), 'twilio-ok');
      renderSections(root, node, action, detail, keep ? null : 'fresh');
    }, reload);
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
    // chain hint and the Sid default (DESIGN §1: msg.sid only where a Sid is needed)
    var hint = root.find('.twilio-chain-hint');
    if (detail) {
      hint.text(detail.needsSid ? t('hints.chain', { chain: detail.chainHint }) : t('hints.chainOptional', { chain: detail.chainHint }));
      var sid = $('#node-input-sid');
      if (detail.needsSid && sid.typedInput('type') === 'str' && sid.typedInput('value') === '') {
        sid.typedInput('type', 'msg');
        sid.typedInput('value', 'sid');
      } else if (!detail.needsSid && sid.typedInput('type') === 'msg' && sid.typedInput('value') === 'sid') {
        sid.typedInput('type', 'str');
        sid.typedInput('value', '');
      }
    } else {
      hint.text(state.object ? '' : t('label.importFirst'));
    }
    // the current lists: from the node on first render, from the dialog afterwards
    var useNode = mode !== 'fresh' && !root.data('twilio-rendered');
    if (action === 'get') contentSection(root, node, detail, useNode);
    if (action !== 'delete') {
      var shown = readFields(root);
      var chosen = mode === 'fresh' ? [] : useNode ? node.fields : shown === undefined ? node.fields : shown;
      fieldsSection(root, detail, chosen);
    }
    if (action === 'query') {
      var fl = root.find('.twilio-filters');
      var filters = mode === 'fresh' ? [] : useNode ? node.filters || [] : readList(fl, readFilterRow);
      fl.editableList('empty');
      filters.forEach(function (f) { fl.editableList('addItem', f); });
    }
    if (action === 'create' || action === 'update') {
      var pl = root.find('.twilio-params');
      var params = mode === 'fresh' ? [] : useNode ? node.params || [] : readList(pl, readParamRow);
      if (mode === 'fresh' && detail && detail.params) {
        // required parameters, and the first of each "at least one of" group, are pre-added
        var seen = {};
        detail.params.forEach(function (p) { if (p.required) { params.push({ name: p.name, value: '', valueType: 'str' }); seen[p.name] = true; } });
        (detail.conditional || []).forEach(function (g) {
          if (!g.some(function (n) { return seen[n]; }) && g[0]) { params.push({ name: g[0], value: '', valueType: 'str' }); seen[g[0]] = true; }
        });
      }
      pl.editableList('empty');
      params.forEach(function (p) { pl.editableList('addItem', p); });
    }
    samples(root, detail);
    if (detail || useNode) root.data('twilio-rendered', true);
  }

  function readFilterRow(r) {
    var v = r.find('.twilio-filter-value');
    return { field: r.find('.twilio-filter-field').val(), op: r.find('.twilio-filter-op').val() || 'eq', value: v.typedInput('value'), valueType: v.typedInput('type') };
  }
  function readParamRow(r) {
    var v = r.find('.twilio-param-value');
    return { name: r.find('.twilio-param-name').val(), value: v.typedInput('value'), valueType: v.typedInput('type') };
  }

  function saveAction(node, action) {
    var root = (dialogs && dialogs.get(node)) || $('.twilio-editor').last();
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
    if (action === 'create' || action === 'update') {
      node.params = readList(root.find('.twilio-params'), readParamRow).filter(function (p) { return p.name; });
    }
    if (action !== 'delete' && state.detail) {
      var fields = readFields(root);
      if (fields !== undefined) node.fields = fields; // null: none checked, and the node says so
    } else if (action !== 'delete' && state.object !== undefined && state.object !== node.object) {
      node.fields = [];
    }
  }

  function actionNode(action, def) {
    var type = 'twilio-' + action;
    installTemplate(type, actionTemplate(action));
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
        return this.object ? verb + ' ' + objectLabel(this.object, action === 'query') : verb;
      },
      labelStyle: function () { return this.name ? 'node_label_italic' : ''; },
      inputLabels: function () { return tn(action, 'inputLabel'); },
      outputLabels: function (i) { return i === 0 ? tn(action, 'outputLabel') : t('label.errorPort'); },
      oneditprepare: function () { prepareAction(this, action); },
      oneditsave: function () { saveAction(this, action); },
      oneditresize: function () {},
    }, def);
  }

  // ---- the account config node ----

  function accountTemplate() {
    function crow(icon, key, id, control) {
      return '<div class="form-row"><label for="' + id + '"><i class="fa ' + icon + '"></i> <span' + i18nAttr('twilio-account.label.' + key) + '></span></label>' + control + '</div>';
    }
    var h = '<div class="twilio-account-editor">';
    h += crow('fa-tag', 'name', 'node-config-input-name', '<input type="text" id="node-config-input-name" data-i18n="[placeholder]' + SHARED_NS + ':twilio-account.label.name">');
    h += crow('fa-lock', 'authType', 'node-config-input-authType', '<select id="node-config-input-authType">' +
      '<option value="token"' + i18nAttr('twilio-account.authType.token') + '></option>' +
      '<option value="apikey"' + i18nAttr('twilio-account.authType.apikey') + '></option></select>');
    h += crow('fa-user', 'accountSid', 'node-config-input-accountSid', '<input type="text" id="node-config-input-accountSid" placeholder="AC…" autocomplete="off">');
    h += '<div class="twilio-auth-token">' + crow('fa-key', 'authToken', 'node-config-input-authToken', '<input type="password" id="node-config-input-authToken" autocomplete="new-password">') + '</div>';
    h += '<div class="twilio-auth-apikey">' +
      crow('fa-id-badge', 'apiKeySid', 'node-config-input-apiKeySid', '<input type="text" id="node-config-input-apiKeySid" placeholder="SK…" autocomplete="off">') +
      crow('fa-key', 'apiKeySecret', 'node-config-input-apiKeySecret', '<input type="password" id="node-config-input-apiKeySecret" autocomplete="new-password">') + '</div>';
    h += crow('fa-globe', 'region', 'node-config-input-region', '<input type="text" id="node-config-input-region" list="twilio-regions" data-i18n="[placeholder]' + SHARED_NS + ':twilio-account.placeholder.region">' +
      '<datalist id="twilio-regions"><option value="us1"><option value="ie1"><option value="au1"></datalist>');
    h += crow('fa-map-marker', 'edge', 'node-config-input-edge', '<input type="text" id="node-config-input-edge" list="twilio-edges" data-i18n="[placeholder]' + SHARED_NS + ':twilio-account.placeholder.edge">' +
      '<datalist id="twilio-edges">' + ['ashburn', 'dublin', 'frankfurt', 'singapore', 'sydney', 'tokyo', 'umatilla', 'sao-paulo'].map(function (e) { return '<option value="' + e + '">'; }).join('') + '</datalist>');
    h += crow('fa-link', 'baseUrl', 'node-config-input-baseUrl', '<input type="text" id="node-config-input-baseUrl" data-i18n="[placeholder]' + SHARED_NS + ':twilio-account.placeholder.baseUrl">');
    h += '<div class="form-row twilio-hint-row"><span class="twilio-muted"' + i18nAttr('twilio-account.hints.baseUrl') + '></span></div>';
    // Sending defaults and the proxy (docs/phone-numbers.md, docs/proxies.md).
    h += crow('fa-flag', 'defaultCountry', 'node-config-input-defaultCountry', '<input type="text" id="node-config-input-defaultCountry" maxlength="2" style="width:80px" data-i18n="[placeholder]' + SHARED_NS + ':twilio-account.placeholder.defaultCountry"> <span class="twilio-muted"' + i18nAttr('twilio-account.hints.defaultCountry') + '></span>');
    h += crow('fa-paper-plane', 'defaultSender', 'node-config-input-defaultSender', '<input type="text" id="node-config-input-defaultSender" data-i18n="[placeholder]' + SHARED_NS + ':twilio-account.placeholder.defaultSender">');
    h += crow('fa-globe', 'proxy', 'node-config-input-proxy', '<input type="text" id="node-config-input-proxy">');
    h += '<div class="form-row"><label></label><button type="button" class="red-ui-button twilio-test-connection"><i class="fa fa-plug"></i> <span' + i18nAttr('twilio-account.test.button') + '></span></button></div>';
    h += '<div class="form-row"><div class="twilio-test-result"></div></div>';
    h += '<div class="form-row twilio-advanced-toggle"><a href="#" class="twilio-advanced-link"><i class="fa fa-caret-right"></i> <span' + i18nAttr('twilio-account.label.advanced') + '></span></a></div>';
    h += '<div class="twilio-advanced">';
    h += crow('fa-clock-o', 'timeout', 'twilio-config-timeout', '<input type="number" min="1" id="twilio-config-timeout" style="width:120px"> <span class="twilio-muted">ms</span>');
    h += crow('fa-repeat', 'maxRetries', 'twilio-config-maxRetries', '<input type="number" min="0" id="twilio-config-maxRetries" style="width:120px">');
    h += crow('fa-hourglass-half', 'retryMaxWait', 'twilio-config-retryMaxWait', '<input type="number" min="0" id="twilio-config-retryMaxWait" style="width:120px"> <span class="twilio-muted">ms</span>');
    h += crow('fa-tasks', 'maxConcurrent', 'twilio-config-maxConcurrent', '<input type="number" min="1" id="twilio-config-maxConcurrent" style="width:120px">');
    h += crow('fa-tachometer', 'maxPerSecond', 'twilio-config-maxPerSecond', '<input type="number" min="0" id="twilio-config-maxPerSecond" style="width:120px"> <span class="twilio-muted"' + i18nAttr('twilio-account.hints.maxPerSecond') + '></span>');
    h += '</div></div>';
    return h;
  }

  var NUMBERS = { timeout: 30000, maxRetries: 3, retryMaxWait: 60000, maxConcurrent: 10, maxPerSecond: 0 };

  function prepareAccount(node) {
    var root = $('.twilio-account-editor').last();
    var authType = $('#node-config-input-authType');
    function showAuth() {
      var apikey = authType.val() === 'apikey';
      root.find('.twilio-auth-token').toggle(!apikey);
      root.find('.twilio-auth-apikey').toggle(apikey);
    }
    if (!authType.val()) authType.val('token');
    authType.on('change', showAuth);
    showAuth();
    Object.keys(NUMBERS).forEach(function (k) {
      $('#twilio-config-' + k).val(node[k] == null || node[k] === '' ? NUMBERS[k] : node[k]);
    });
    var adv = root.find('.twilio-advanced').hide();
    root.find('.twilio-advanced-link').on('click', function (e) {
      e.preventDefault();
      adv.toggle();
      $(this).find('i').toggleClass('fa-caret-right', !adv.is(':visible')).toggleClass('fa-caret-down', adv.is(':visible'));
    });
    root.find('.twilio-test-connection').on('click', function (e) {
      e.preventDefault();
      testConnection(node, root);
    });
  }

  function testConnection(node, root) {
    var out = root.find('.twilio-test-result').attr('class', 'twilio-test-result').text(ta('test.testing'));
    var body = {
      id: node.id,
      authType: $('#node-config-input-authType').val(),
      accountSid: $('#node-config-input-accountSid').val(),
      authToken: $('#node-config-input-authToken').val(),
      apiKeySid: $('#node-config-input-apiKeySid').val(),
      apiKeySecret: $('#node-config-input-apiKeySecret').val(),
      baseUrl: $('#node-config-input-baseUrl').val(),
      region: $('#node-config-input-region').val(),
      edge: $('#node-config-input-edge').val(),
      timeout: Number($('#twilio-config-timeout').val()) || undefined,
    };
    $.ajax({ url: url('twilio/test-connection'), method: 'POST', contentType: 'application/json', data: JSON.stringify(body), dataType: 'json' })
      .done(function (r) {
        if (r.ok && r.kind === 'account') {
          out.addClass('twilio-ok').text(ta('test.account', { name: r.account.friendlyName || r.account.sid, type: r.account.type, status: r.account.status, sid: r.account.sid }));
        } else if (r.ok && r.kind === 'limited') {
          out.addClass('twilio-ok').text(ta('test.limited'));
        } else if (r.ok && r.kind === 'testCredentials') {
          out.addClass('twilio-ok').text(ta('test.testCredentials'));
        } else {
          out.addClass('twilio-error').text(ta('test.failed', { status: r.status, code: r.code == null ? '-' : r.code, message: r.message }));
          if (r.moreInfo) out.append(' ').append($('<a target="_blank" rel="noopener">').attr('href', r.moreInfo).text(r.moreInfo));
        }
      })
      .fail(function (xhr) {
        var body = xhr && xhr.responseJSON;
        // 502 "transport": the request was sent and Twilio (or the base URL) could not be reached
        out.addClass('twilio-error').text(ta(body && body.key === 'transport' ? 'test.unreachable' : 'test.refused', { error: errorText(xhr) }));
      });
  }

  function saveAccount(node) {
    Object.keys(NUMBERS).forEach(function (k) {
      var v = Number($('#twilio-config-' + k).val());
      node[k] = $('#twilio-config-' + k).val() === '' || isNaN(v) || v < 0 ? NUMBERS[k] : v;
    });
  }

  function accountNode(def) {
    installTemplate('twilio-account', accountTemplate());
    return $.extend({
      category: 'config',
      paletteLabel: function () { return ta('label.default'); },
      label: function () { return this.name || ta('label.default'); },
      oneditprepare: function () { prepareAccount(this); },
      oneditsave: function () { saveAccount(this); },
    }, def);
  }

  /** DESIGN §6: credentials only go to https://*.twilio.com or a loopback address. */
  function validBaseUrl(v) {
    if (!v) return true;
    var m = /^(https?):\/\/(\[[^\]]+\]|[^/:?#]+)(:\d+)?(\/[^?#]*)?$/i.exec(String(v).trim());
    if (!m) return false;
    var host = m[2].replace(/^\[|\]$/g, '').toLowerCase();
    if (host === 'localhost' || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host)) return true;
    return m[1].toLowerCase() === 'https' && (host === 'twilio.com' || /\.twilio\.com$/.test(host));
  }

  window.TwilioEditor = { actionNode: actionNode, accountNode: accountNode, validBaseUrl: validBaseUrl, plural: plural, t: t };
})(jQuery);
