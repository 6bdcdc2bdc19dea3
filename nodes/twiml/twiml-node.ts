// placeholder
/* eslint-disable @typescript-eslint/no-explicit-any */
export function registerTwimlNode(RED: any): void {
  RED.nodes.registerType('twilio-twiml', function (this: any, config: any) { RED.nodes.createNode(this, config); });
}
