// The webhook's route on Node-RED's httpNode (like the core http in node, so httpNodeAuth
// and httpNodeMiddleware apply): one route per method and path, refused when another
// webhook or http in node holds it, and a body reader placed before any body parser.

/* eslint-disable @typescript-eslint/no-explicit-any */
type App = any;
type Handler = (req: any, res: any, next: (err?: unknown) => void) => void;

/** method:full-path of every deployed webhook, for the front body reader. */
const held = new Map<string, string>();
const installed = new WeakSet<object>();

export function normalisePath(url: string): string {
  const p = ('/' + String(url || '').trim()).replace(/\/{2,}/g, '/');
  return p.length > 1 ? p.replace(/\/$/, '') : p;
}

/** express 4 keeps its router in `_router` (and throws on `router`); express 5 in `router`. */
function stackOf(app: App): any[] {
  if (app?._router) return app._router.stack;
  try {
    return app?.router?.stack ?? [];
  } catch {
    return [];
  }
}

function rootApp(app: App): App {
  let a = app;
  while (a && a.parent) a = a.parent;
  return a;
}

function routeKey(method: string, fullPath: string): string {
  return `${method.toUpperCase()}:${normalisePath(fullPath)}`;
}

/** Another node's route on this method and path (a webhook, or a core http in). */
export function routeTaken(httpNode: App, method: string, path: string): boolean {
  const m = method.toLowerCase();
  return stackOf(httpNode).some((layer) => layer.route && normalisePath(layer.route.path) === path && layer.route.methods?.[m]);
}

/**
 * Reads the body of webhook requests before any middleware does (Node-RED's own http in
 * node places its raw-body reader the same way), so a JSON parser in httpNodeMiddleware
 * cannot take the bytes bodySHA256 covers.
 */
function installFrontReader(httpNode: App, reader: Handler): void {
  const root = rootApp(httpNode);
  if (!root || installed.has(root) || typeof root.use !== 'function') return;
  const front: Handler = (req, res, next) => {
    const path = String(req.originalUrl ?? req.url ?? '').split('?')[0];
    if (!held.has(routeKey(req.method, path))) return next();
    reader(req, res, next);
  };
  root.use(front);
  const stack = stackOf(root);
  const i = stack.findIndex((l) => l.handle === front);
  if (i > 0) stack.unshift(stack.splice(i, 1)[0]);
  installed.add(root);
}

export interface HeldRoute {
  release(): void;
}

/** Registers the route; throws 'duplicate' when the method and path are taken. */
export function holdRoute(httpNode: App, method: 'GET' | 'POST', path: string, reader: Handler, handlers: Handler[]): HeldRoute {
  if (routeTaken(httpNode, method, path)) throw new Error('duplicate');
  const mount = typeof httpNode.path === 'function' ? httpNode.path() : '';
  const key = routeKey(method, (mount === '/' ? '' : mount) + path);
  installFrontReader(httpNode, reader);
  held.set(key, path);
  httpNode[method.toLowerCase()](path, reader, ...handlers);
  const mine = new Set<Handler>([handlers[handlers.length - 1]]);
  return {
    release() {
      held.delete(key);
      const stack = stackOf(httpNode);
      for (let i = stack.length - 1; i >= 0; i--) {
        const route = stack[i].route;
        if (route && route.stack?.some((l: any) => mine.has(l.handle))) stack.splice(i, 1);
      }
    },
  };
}
