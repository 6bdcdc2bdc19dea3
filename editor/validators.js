// Node validation Node-RED runs on every node (not only in the dialog): rows must belong to the
// node's object, and some field must be checked. The object's detail may still be loading: the
// node is then validated again once it is here.
import { t } from './texts';
import { cachedDetail, loadDetail, objectLabel } from './catalog-client';

const checked = {};

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
  var detail = cachedDetail(node.object, action);
  if (!detail) {
    validateLater(node, action);
    return null;
  }
  // Get and Delete rows are the operation's query parameters
  var known = (detail[kind] || (kind === 'params' && detail.query) || []).map(function (p) { return p.name; });
  return rows.map(function (r) { return kind === 'params' ? r.name : r.field; })
    .filter(function (n) { return known.indexOf(n) === -1; });
}

export function rowsValidator(action, kind) {
  // two arguments: Node-RED shows the returned text as the reason
  return function (rows, _opt) {
    var bad = strangers(this, action, rows, kind);
    if (!bad || !bad.length) return true;
    return t('errors.' + (kind === 'params' ? 'unknownParams' : 'unknownFilters'), { names: bad.join(', '), object: objectLabel(this.object) });
  };
}

/** fields: [] = all, a list = those, null = none checked (the dialog's "none"), which is invalid. */
export function fieldsValidator(fields, _opt) {
  return fields === null ? t('errors.noFields') : true;
}
