// twilio-create: the create action on any catalog object; the shared runner does the work.
import { registerActionNode } from './runtime/action-node';

export = function (RED: unknown) {
  registerActionNode(RED, 'twilio-create', 'create');
};
