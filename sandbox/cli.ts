// `npm run sandbox`: the sandbox alone on SANDBOX_PORT (default 4010), loopback only.
import { SANDBOX_DEFAULTS, startSandbox } from './server';
import { checkPortFree, exitWith, portFrom } from './ports';

async function main(): Promise<void> {
  const port = portFrom('SANDBOX_PORT', SANDBOX_DEFAULTS.port);
  await checkPortFree(port, '127.0.0.1', 'the sandbox', 'SANDBOX_PORT', 'npm run sandbox');
  const authToken = process.env.SANDBOX_AUTH_TOKEN || SANDBOX_DEFAULTS.authToken;
  const apiKeySid = process.env.SANDBOX_API_KEY || undefined;
  const apiKeySecret = process.env.SANDBOX_API_SECRET || undefined;
  // SANDBOX_CONCURRENCY_LIMIT: answer 429 (20429) beyond this many requests in flight per account.
  const concurrencyLimit = Number(process.env.SANDBOX_CONCURRENCY_LIMIT || 0);
  const retryAfter = process.env.SANDBOX_RETRY_AFTER ? Number(process.env.SANDBOX_RETRY_AFTER) : 1;
  const sandbox = await startSandbox({ port, host: '127.0.0.1', authToken, apiKeySid, apiKeySecret, concurrencyLimit, retryAfter });
  const lines = [
    `Twilio sandbox listening on ${sandbox.url}`,
    `  Account SID: ${SANDBOX_DEFAULTS.accountSid} (any AC + 32 hex digits works)`,
    `  Auth Token:  ${authToken}`,
  ];
  if (concurrencyLimit) lines.push(`  Concurrency limit: ${concurrencyLimit} requests per account (429, Retry-After ${retryAfter} s)`);
  if (apiKeySid) lines.push(`  API key:     ${apiKeySid} (secret from SANDBOX_API_SECRET)`);
  lines.push(`  e.g. curl -u ${SANDBOX_DEFAULTS.accountSid}:${authToken} ${sandbox.url}/2010-04-01/Accounts/${SANDBOX_DEFAULTS.accountSid}/Messages.json`);
  console.log(lines.join('\n'));
  const stop = () => void sandbox.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err) => exitWith('sandbox', err));
