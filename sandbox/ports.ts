// The local ports `npm start` and `npm run sandbox` listen on: read from the environment and
// checked before anything starts, so a busy port (a user's own Node-RED on 1880) ends with one
// line saying which port and how to choose another, not a stack trace.
import * as net from 'net';

/** A user's mistake in starting a tool: printed as its message alone, exit code 1. */
export class StartupError extends Error {}

/** The port in `variable` (0 = any free port), or `dflt` when unset. */
export function portFrom(variable: string, dflt: number): number {
  const raw = process.env[variable];
  if (raw === undefined || raw.trim() === '') return dflt;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new StartupError(`${variable}=${raw} is not a port: expected a whole number from 0 to 65535 (0 picks a free port)`);
  }
  return port;
}

/** Resolves when `port` is free on `host`; a StartupError naming it and how to choose another when not. */
export function checkPortFree(port: number, host: string, what: string, variable: string, command: string): Promise<void> {
  if (port === 0) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'EADDRINUSE') {
        reject(new StartupError(`Port ${port} (${what}) is already in use, perhaps by another Node-RED or an earlier run. `
          + `Stop that program, or choose another port: ${variable}=${port + 1} ${command}`));
      } else if (err.code === 'EACCES') {
        reject(new StartupError(`Port ${port} (${what}) may not be used by this user; choose another: ${variable}=${port > 1024 ? port + 1 : 8080} ${command}`));
      } else {
        reject(err);
      }
    });
    probe.listen(port, host, () => probe.close(() => resolve()));
  });
}

/** Ends a tool's failed start: a StartupError as its message alone, anything else as it is. */
export function exitWith(tool: string, err: unknown): never {
  const e = err as NodeJS.ErrnoException & { port?: number };
  // Taken between the check and the listen: still no stack trace.
  const text = err instanceof StartupError ? err.message
    : e && e.code === 'EADDRINUSE' ? `port ${e.port ?? ''} is already in use; choose another (PORT=…, SANDBOX_PORT=…)`
      : err instanceof Error ? (err.stack || err.message) : String(err);
  console.error(`${tool}: ${text}`);
  process.exit(1);
}
