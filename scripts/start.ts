// `npm start`: the sandbox (a local Twilio) plus Node-RED on 127.0.0.1 with these nodes and
// the examples deployed against the sandbox. Nothing here needs a Twilio account.
import * as fs from 'fs';
import * as http from 'http';
import * as path from 'path';
import { seedExampleData } from './example-data';

/* eslint-disable @typescript-eslint/no-explicit-any */
const root = path.join(__dirname, '..', '..');
const PORT = Number(process.env.PORT || 1880);
const SANDBOX_PORT = Number(process.env.SANDBOX_PORT || 4010);
const userDir = path.join(root, '.node-red-data');
const ACCOUNT_NODE_ID = 'sandbox-account';

/** Every example's flow, with its twilio-account nodes replaced by one that points at the sandbox. */
export function exampleFlows(baseUrl: string): any[] {
  const dir = path.join(root, 'examples');
  const flows: any[] = [{
    id: ACCOUNT_NODE_ID, type: 'twilio-account', name: 'Local sandbox', authType: 'token', baseUrl,
    region: '', edge: '', timeout: 30000, maxRetries: 3, retryMaxWait: 60000, maxConcurrent: 10, maxPerSecond: 0,
  }];
  for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.json')).sort()) {
    const nodes: any[] = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8'));
    const accounts = new Set(nodes.filter((n) => n.type === 'twilio-account').map((n) => n.id));
    for (const n of nodes) {
      if (accounts.has(n.id)) continue;
      if (accounts.has(n.account)) n.account = ACCOUNT_NODE_ID;
      flows.push(n);
    }
  }
  return flows;
}

function linkPackage(): void {
  // Node-RED finds node packages in <userDir>/node_modules; link this checkout there.
  const scope = path.join(userDir, 'node_modules', '@nr-connectors');
  fs.mkdirSync(scope, { recursive: true });
  const link = path.join(scope, 'node-red-twilio');
  try { fs.unlinkSync(link); } catch { /* not there yet */ }
  fs.symlinkSync(root, link, 'dir');
}

async function main(): Promise<void> {
  const { startSandbox, SANDBOX_DEFAULTS } = require('../sandbox/server');
  const authToken = process.env.SANDBOX_AUTH_TOKEN || SANDBOX_DEFAULTS.authToken;
  const accountSid = SANDBOX_DEFAULTS.accountSid;
  const sandbox = await startSandbox({ port: SANDBOX_PORT, authToken });
  seedExampleData(sandbox, accountSid);

  fs.mkdirSync(userDir, { recursive: true });
  linkPackage();
  fs.writeFileSync(path.join(userDir, 'flows.json'), JSON.stringify(exampleFlows(sandbox.url), null, 2));
  // The sandbox's own token, in plain text: this folder is a local playground (gitignored).
  fs.writeFileSync(path.join(userDir, 'flows_cred.json'), JSON.stringify({ [ACCOUNT_NODE_ID]: { accountSid, authToken } }));

  // The express Node-RED itself uses (4.x); another package may have hoisted express 5.
  const express = require(require.resolve('express', { paths: [path.dirname(require.resolve('node-red'))] }));
  const RED = require('node-red');
  const app = express();
  const server = http.createServer(app);
  RED.init(server, {
    userDir,
    flowFile: 'flows.json',
    credentialSecret: false,
    httpAdminRoot: '/',
    httpNodeRoot: '/api',
    uiHost: '127.0.0.1',
    logging: { console: { level: 'info', metrics: false, audit: false } },
    editorTheme: { tours: false, projects: { enabled: false } },
  });
  app.use('/', RED.httpAdmin);
  app.use('/api', RED.httpNode);
  await new Promise<void>((resolve) => server.listen(PORT, '127.0.0.1', resolve));
  await RED.start();
  console.log(`\nSandbox (a local Twilio):  ${sandbox.url}   account ${accountSid}, auth token ${authToken}`);
  console.log(`Node-RED editor:           http://127.0.0.1:${PORT}/\n`);
  const stop = async () => {
    await RED.stop();
    server.close();
    await sandbox.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

if (require.main === module) {
  main().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
