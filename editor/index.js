// Editor code shared by the six Twilio nodes, bundled by scripts/bundle-editor.ts (esbuild)
// into resources/twilio-editor.js, which every node's .html loads. Each .html registers its type
// with TwilioEditor.actionNode(action, def) or TwilioEditor.accountNode(def); the dialogs are
// markup in the .html (editor/action-dialog.html is assembled into each action node's .html).
import { t } from './texts';
import { plural } from './catalog-client';
import { actionNode } from './action-dialog';
import { accountNode, validBaseUrl } from './account-dialog';
import { moreInfo } from './test-connection';

if (!window.TwilioEditor) {
  if (!document.getElementById('twilio-editor-css')) {
    $('<link>', { id: 'twilio-editor-css', rel: 'stylesheet', type: 'text/css', href: (RED.settings.apiRootUrl || '') + 'resources/@nr-connectors/node-red-twilio/twilio-editor.css' }).appendTo('head');
  }
  window.TwilioEditor = { actionNode: actionNode, accountNode: accountNode, validBaseUrl: validBaseUrl, plural: plural, t: t, moreInfo: moreInfo };
}
