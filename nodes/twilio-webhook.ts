// twilio-webhook: Twilio calls Node-RED; nodes/webhook/ verifies the signature and emits.
import { registerWebhookNode } from './webhook/webhook-node';

export = function (RED: unknown) {
  registerWebhookNode(RED);
};
