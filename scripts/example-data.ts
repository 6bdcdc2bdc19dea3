// Records the examples work on, put into the sandbox by `npm start` (and by the examples' tests).
import type { Sandbox } from '../sandbox/server';

const DAY = 86400000;

function rfc2822(ms: number): string {
  return new Date(ms).toUTCString().replace('GMT', '+0000');
}

export function seedExampleData(sandbox: Pick<Sandbox, 'seed'>, accountSid: string, now = Date.now()): { conferenceSid: string } {
  const messages = [];
  for (let i = 0; i < 30; i++) {
    const at = rfc2822(now - i * 8 * 3600000);
    messages.push({
      to: '+15558675310', from: '+15005550006', body: `Example message ${i + 1}`,
      status: i % 7 === 3 ? 'failed' : 'delivered', direction: 'outbound-api',
      date_created: at, date_updated: at, date_sent: at,
    });
  }
  sandbox.seed(accountSid, 'api.v2010.Messages', messages);
  const calls = [];
  for (let i = 0; i < 10; i++) {
    const start = now - i * DAY;
    calls.push({
      to: '+15558675310', from: '+15005550006', status: 'completed', direction: 'outbound-api',
      start_time: rfc2822(start), end_time: rfc2822(start + 120000), duration: '120',
      date_created: rfc2822(start), date_updated: rfc2822(start + 120000),
    });
  }
  sandbox.seed(accountSid, 'api.v2010.Calls', calls);
  const [conference] = sandbox.seed(accountSid, 'api.v2010.Conferences', [{
    friendly_name: 'Team stand-up', status: 'in-progress', date_created: rfc2822(now - 600000), date_updated: rfc2822(now),
  }]);
  sandbox.seed(accountSid, 'api.v2010.Conferences.Participants', [
    { label: 'alice', muted: false, hold: false, status: 'connected' },
    { label: 'bob', muted: false, hold: false, status: 'connected' },
    { label: 'carol', muted: false, hold: false, status: 'connected' },
  ], [conference.sid as string]);
  return { conferenceSid: conference.sid as string };
}
