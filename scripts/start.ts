// `npm start`: the sandbox (a local Twilio) plus Node-RED on 127.0.0.1 with these nodes and
// the examples deployed against the sandbox. Nothing here needs a Twilio account.
import * as fs from 'fs';
import * as path from 'path';
import { startNodeRed } from './embed-node-red';
import { seedExampleData } from './example-data';
import { prepareWebhookExamples } from './example-webhooks';
import { checkPortFree, exitWith, portFrom } from '../sandbox/ports';

/** A node of a flow file, as saved. */
type FlowNode = Record<string, unknown>;

const root = path.join(__dirname, '..', '..');
const userDir = path.join(root, '.node-red-data');
const ACCOUNT_NODE_ID = 'sandbox-account';

// The editor opens on the first tab: what a newcomer tries first comes first (send, then read,
// then calls and conferences, then account administration); examples not listed follow by name.
const FIRST_EXAMPLES = [
  'send-an-sms.json', 'send-a-whatsapp-message.json', 'query-and-get-messages.json', 'place-a-call-with-twiml.json',
  'mute-every-participant.json', 'remove-a-participant.json', 'create-and-close-a-subaccount.json',
];

export function exampleOrder(files: string[]): string[] {
  const rank = (f: string) => (FIRST_EXAMPLES.includes(f) ? FIRST_EXAMPLES.indexOf(f) : FIRST_EXAMPLES.length);
  return [...files].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}

/** Every example's flow, with its twilio-account nodes replaced by one that points at the sandbox. */
export function exampleFlows(baseUrl: string): FlowNode[] {
  const dir = path.join(root, 'examples');
  const flows: FlowNode[] = [{
    id: ACCOUNT_NODE_ID, type: 'twilio-account', name: 'Local sandbox', authType: 'token', baseUrl,
    region: '', edge: '', timeout: 30000, maxRetries: 3, retryMaxWait: 60000, maxConcurrent: 10, maxPerSecond: 0,
  }];
  for (const file of exampleOrder(fs.readdirSync(dir).filter((f) => f.endsWith('.json')))) {
    const nodes: FlowNode[] = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8'));
    const accounts = new Set(nodes.filter((n) => n.type === 'twilio-account').map((n) => n.id));
    for (const n of nodes) {
      if (accounts.has(n.id)) continue;
      if (accounts.has(n.account)) n.account = ACCOUNT_NODE_ID;
      flows.push(n);
    }
  }
  return flows;
}

function readJson<T>(file: string, fallback: T): T {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as T;
  } catch {
    return fallback;
  }
}

/**
 * The flows of an earlier `npm start` (edits kept), with the sandbox account pointed at this
 * run's sandbox; the examples on a first start (or after deleting .node-red-data).
 */
function flowsToRun(baseUrl: string): FlowNode[] {
  const saved = readJson<FlowNode[] | null>(path.join(userDir, 'flows.json'), null);
  const account = Array.isArray(saved) && saved.find((n) => n && n.id === ACCOUNT_NODE_ID);
  if (!account) return exampleFlows(baseUrl);
  account.baseUrl = baseUrl;
  return saved as FlowNode[];
}

async function main(): Promise<void> {
  const PORT = portFrom('PORT', 1880);
  const SANDBOX_PORT = portFrom('SANDBOX_PORT', 4010);
  // Both checked before either starts: nothing half-started to clean up, flows left untouched.
  await checkPortFree(SANDBOX_PORT, '127.0.0.1', 'the sandbox', 'SANDBOX_PORT', 'npm start');
  await checkPortFree(PORT, '127.0.0.1', 'the Node-RED editor', 'PORT', 'npm start');
  const { startSandbox, SANDBOX_DEFAULTS } = await import('../sandbox/server');
  const authToken = process.env.SANDBOX_AUTH_TOKEN || SANDBOX_DEFAULTS.authToken;
  const accountSid = SANDBOX_DEFAULTS.accountSid;
  const sandbox = await startSandbox({ port: SANDBOX_PORT, authToken });
  seedExampleData(sandbox, accountSid);
  prepareWebhookExamples(sandbox, accountSid, `http://127.0.0.1:${PORT}/api`);

  // The sandbox's own token, in plain text: this folder is a local playground (gitignored).
  const nodeRed = await startNodeRed({
    userDir, port: PORT, flows: flowsToRun(sandbox.url),
    credentials: { ...readJson(path.join(userDir, 'flows_cred.json'), {}), [ACCOUNT_NODE_ID]: { accountSid, authToken } },
    settings: {
      logging: { console: { level: 'info', metrics: false, audit: false } },
      externalModules: { autoInstall: false, palette: { allowInstall: true } },
    },
  });
  console.log(`\nSandbox (a local Twilio):  ${sandbox.url}   account ${accountSid}, auth token ${authToken}`);
  console.log(`Node-RED editor:           http://127.0.0.1:${PORT}/\n`);
  const stop = async () => {
    await nodeRed.stop();
    await sandbox.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

if (require.main === module) {
  main().catch((err) => exitWith('npm start', err));
}
