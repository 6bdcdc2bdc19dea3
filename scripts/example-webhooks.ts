// What the webhook examples need offline (`npm start` and their test): the sandbox's number
// +15005550006 with its SMS and voice webhooks pointing at Node-RED, and two environment
// variables the flows read: TWILIO_SANDBOX_URL (to simulate an incoming SMS) and
// TWILIO_WEBHOOK_BASE (Node-RED's HTTP root as Twilio reaches it, for StatusCallback).
/* eslint-disable @typescript-eslint/no-explicit-any */

export const SANDBOX_NUMBER = '+15005550006';

export function prepareWebhookExamples(sandbox: any, accountSid: string, nodeRedHttpRoot: string): void {
  process.env.TWILIO_SANDBOX_URL = sandbox.url;
  if (!process.env.TWILIO_WEBHOOK_BASE) process.env.TWILIO_WEBHOOK_BASE = nodeRedHttpRoot;
  sandbox.seed(accountSid, 'api.v2010.IncomingPhoneNumbers', [{
    phone_number: SANDBOX_NUMBER, friendly_name: 'Sandbox number',
    sms_url: `${nodeRedHttpRoot}/twilio/sms`, sms_method: 'POST',
    voice_url: `${nodeRedHttpRoot}/twilio/voice`, voice_method: 'POST',
  }]);
}
