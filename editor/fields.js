// The "Fields to return" checklist and the profile preview (sample XML of the request and of
// the response as the node will shape it: the checked fields only, in its date style; JSON for
// an operation with a JSON body).
import { t, plain } from './texts';

export function fieldsSection(root, detail, chosen) {
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
export function readFields(root) {
  var boxes = root.find('.twilio-fields input[type=checkbox]');
  if (!boxes.length) return undefined;
  var chosen = boxes.filter(':checked').map(function () { return this.value; }).get();
  if (!chosen.length) return null;
  return chosen.length === boxes.length ? [] : chosen;
}

/** After a checkbox changes: the "none checked" warning, and the response profile for these fields. */
export function fieldsChanged(root) {
  var fields = readFields(root);
  root.find('.twilio-fields').toggleClass('input-error', fields === null);
  root.find('.twilio-fields-hint').text(fields === null ? t('errors.noFields') : '').toggle(fields === null);
  var state = root.data('twilio-state');
  if (state && state.detail) refreshProfile(root, state.detail, fields);
}

function profileBlock(box, kind, xml, json) {
  var head = $('<div class="twilio-profile-head">').appendTo(box);
  $('<span>').text(t('label.' + kind + 'Profile' + (json ? 'Json' : ''))).appendTo(head);
  var copy = $('<button type="button" class="red-ui-button red-ui-button-small twilio-copy">')
    .append('<i class="fa fa-clipboard"></i> ').append($('<span>').text(t('label.copy'))).appendTo(head);
  var pre = $('<pre class="twilio-profile">').attr('data-profile', kind).text(xml).appendTo(box);
  if (json) pre.attr('data-format', 'json');
  copy.on('click', function (e) {
    e.preventDefault();
    RED.clipboard.copyText(pre.text(), copy, 'clipboard.copyMessageValue');
    RED.notify(t('label.copied'), { type: 'success', timeout: 1500 });
  });
}

export function samples(root, detail) {
  var box = root.find('.twilio-profiles').empty();
  if (!detail) {
    box.append($('<div class="twilio-muted">').text(t('label.importFirst')));
    return;
  }
  var kinds = ['request', 'response'].filter(function (k) { return detail.samples && detail.samples[k]; });
  kinds.forEach(function (k) { profileBlock(box, k, detail.samples[k], detail.bodyType === 'json'); });
  if (!kinds.length) box.append($('<div class="twilio-muted">').text(t('label.noProfile')));
  refreshProfile(root, detail, readFields(root));
}

/** The response profile as the node will send it: the checked fields only, in its date style. */
export function refreshProfile(root, detail, fields) {
  var pre = root.find('.twilio-profile[data-profile="response"]');
  if (!pre.length || !detail.samples || !detail.samples.response) return;
  clearTimeout(root.data('twilio-profile-timer'));
  var dates = root.find('#node-input-dates').val() === 'iso' ? 'iso' : 'rfc2822';
  if (fields === null) return pre.text(t('errors.noFields'));
  if ((!fields || !fields.length) && dates === 'rfc2822') return pre.text(detail.samples.response);
  root.data('twilio-profile-timer', setTimeout(function () {
    $.getJSON('twilio/objects/' + encodeURIComponent(detail.id) + '/profile', { action: detail.action, fields: (fields || []).join(','), dates: dates, format: detail.bodyType === 'json' ? 'json' : 'xml' })
      .done(function (r) {
        var state = root.data('twilio-state');
        if (state && state.detail === detail) pre.text(r.response || '');
      });
  }, 120));
}
