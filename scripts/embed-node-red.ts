// A real Node-RED in this process with this checkout installed as a package: used by
// `npm start`, the browser tests and the benchmark (never benchmark through the test helper).
import * as fs from 'fs';
import * as http from 'http';
import * as os from 'os';
import * as path from 'path';

const root = path.join(__dirname, '..', '..');

/** The part of the `node-red` module used here. */
interface NodeRedModule {
  init(server: http.Server, settings: Record<string, unknown>): void;
  start(): Promise<void>;
  stop(): Promise<void>;
  httpAdmin: http.RequestListener;
  httpNode: http.RequestListener;
  events: { once(event: string, listener: () => void): void };
}

export interface EmbedOptions {
  /** folder for flows and the package link; a fresh temp folder when absent */
  userDir?: string;
  port?: number;
  flows?: unknown[];
  /** node id → credentials, written in plain text (credentialSecret: false) */
  credentials?: Record<string, unknown>;
  /** extra Node-RED settings (adminAuth, logging, …) */
  settings?: Record<string, unknown>;
}

export interface EmbeddedNodeRed {
  /** http://127.0.0.1:<port> (the admin API is at this URL + settings.httpAdminRoot) */
  url: string;
  userDir: string;
  /** Node-RED's runtime module (untyped: Node-RED ships no types) */
  RED: NodeRedModule;
  stop(): Promise<void>;
}

/** Node-RED finds node packages in <userDir>/node_modules: link this checkout there. */
function linkPackage(userDir: string): void {
  const scope = path.join(userDir, 'node_modules', '@nr-connectors');
  fs.mkdirSync(scope, { recursive: true });
  const link = path.join(scope, 'node-red-twilio');
  fs.rmSync(link, { force: true, recursive: false });
  fs.symlinkSync(root, link, 'dir');
}

export async function startNodeRed(opts: EmbedOptions = {}): Promise<EmbeddedNodeRed> {
  const temporary = !opts.userDir;
  const userDir = opts.userDir || fs.mkdtempSync(path.join(os.tmpdir(), 'nr-twilio-'));
  fs.mkdirSync(userDir, { recursive: true });
  linkPackage(userDir);
  fs.writeFileSync(path.join(userDir, 'flows.json'), JSON.stringify(opts.flows || [], null, 2));
  fs.writeFileSync(path.join(userDir, 'flows_cred.json'), JSON.stringify(opts.credentials || {}));
  const settings: Record<string, unknown> = {
    userDir,
    flowFile: 'flows.json',
    credentialSecret: false,
    httpAdminRoot: '/',
    httpNodeRoot: '/api',
    uiHost: '127.0.0.1',
    logging: { console: { level: 'warn', metrics: false, audit: false } },
    editorTheme: { tours: false, projects: { enabled: false } },
    externalModules: { autoInstall: false, palette: { allowInstall: false } },
    telemetry: { enabled: false },
    diagnostics: { enabled: false },
    ...(opts.settings || {}),
  };
  // Node-RED's own express (4): the http-in node reaches into the parent app's router, and
  // another dev tool may have hoisted express 5, which has none.
  const nrDir = path.dirname(require.resolve('node-red/package.json'));
  /* eslint-disable @typescript-eslint/no-require-imports -- resolved at run time (express) and untyped (both) */
  const express = require(require.resolve('express', { paths: [nrDir] }));
  const RED: NodeRedModule = require('node-red');
  /* eslint-enable @typescript-eslint/no-require-imports */
  const app = express();
  const server = http.createServer(app);
  RED.init(server, settings);
  if (settings.httpAdminRoot !== false) app.use(settings.httpAdminRoot, RED.httpAdmin);
  if (settings.httpNodeRoot !== false) app.use(settings.httpNodeRoot, RED.httpNode);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port || 0, '127.0.0.1', () => { server.removeListener('error', reject); resolve(); });
  });
  // RED.start() resolves before the first flows (and their credentials) are loaded; a deploy
  // made before then would lose its credentials to that load.
  const flowsStarted = new Promise<void>((resolve) => RED.events.once('flows:started', () => resolve()));
  await RED.start();
  await flowsStarted;
  const address = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${address.port}`,
    userDir,
    RED,
    async stop() {
      try { await RED.stop(); } catch { /* already stopping */ }
      await new Promise((resolve) => {
        server.close(resolve);
        server.closeAllConnections();
      });
      if (temporary) fs.rmSync(userDir, { recursive: true, force: true });
    },
  };
}
