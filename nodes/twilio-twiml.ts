// twilio-twiml: builds the TwiML answer to a webhook; nodes/twiml/ holds the verb table and builder.
import { registerTwimlNode } from './twiml/twiml-node';

export = function (RED: unknown) {
  registerTwimlNode(RED);
};
