// Maps a request path to a catalog operation by matching it against every
// operation's path template. Literal segments beat `{Param}` segments, so
// `IncomingPhoneNumbers/Local.json` is the Local list, not an instance Sid.
import type { Catalog, CatalogObject, Operation } from '../nodes/catalog/types';

export interface Route {
  object: CatalogObject;
  op: Operation;
  /** path parameter values by name (AccountSid included), percent-decoded */
  params: Record<string, string>;
}

interface CompiledRoute {
  object: CatalogObject;
  op: Operation;
  /** one entry per segment: a literal, or the parameter name when `param` */
  segments: Array<{ literal?: string; param?: string }>;
  /** literal segments count; more literals = more specific */
  specificity: number;
  /** v2010 paths end in .json; the product APIs' do not */
  json: boolean;
}

export type RouteResult =
  | { kind: 'found'; route: Route }
  | { kind: 'method-not-allowed' }
  | { kind: 'not-found' };

const JSON_SUFFIX = '.json';

function splitTemplate(template: string): CompiledRoute['segments'] {
  const path = template.endsWith(JSON_SUFFIX) ? template.slice(0, -JSON_SUFFIX.length) : template;
  return path
    .split('/')
    .filter(Boolean)
    .map((s) => {
      const m = /^\{(\w+)\}$/.exec(s);
      return m ? { param: m[1] } : { literal: s };
    });
}

export class Router {
  /** compiled routes by segment count, most specific first */
  private readonly bySize = new Map<number, CompiledRoute[]>();
  readonly operationCount: number;

  constructor(catalog: Catalog) {
    let count = 0;
    for (const object of Object.values(catalog.objects)) {
      for (const op of Object.values(object.actions)) {
        if (!op) continue;
        const segments = splitTemplate(op.path);
        const compiled: CompiledRoute = {
          object,
          op,
          segments,
          specificity: segments.filter((s) => s.literal !== undefined).length,
          json: op.path.endsWith(JSON_SUFFIX),
        };
        const list = this.bySize.get(segments.length) ?? [];
        list.push(compiled);
        this.bySize.set(segments.length, list);
        count++;
      }
    }
    for (const list of this.bySize.values()) list.sort((a, b) => b.specificity - a.specificity);
    this.operationCount = count;
  }

  /** `path` without the query string: v2010's end in `.json` (the sandbox speaks JSON), the products' do not. */
  match(method: string, path: string): RouteResult {
    const json = path.endsWith(JSON_SUFFIX);
    const raw = (json ? path.slice(0, -JSON_SUFFIX.length) : path).split('/').filter(Boolean);
    let parts: string[];
    try {
      parts = raw.map((p) => decodeURIComponent(p));
    } catch {
      return { kind: 'not-found' };
    }
    const candidates = this.bySize.get(parts.length) ?? [];
    // Only the most specific templates that match the path count: GET `Local.json`
    // must not fall through to a `{Sid}` template just because the method differs.
    let topSpecificity = -1;
    let best: CompiledRoute | undefined;
    let bestParams: Record<string, string> = {};
    for (const c of candidates) {
      if (topSpecificity >= 0 && c.specificity < topSpecificity) break;
      if (c.json !== json) continue;
      const params = matchSegments(c.segments, parts);
      if (!params) continue;
      topSpecificity = c.specificity;
      if (c.op.method === method) {
        best = c;
        bestParams = params;
        break;
      }
    }
    const pathMatched = topSpecificity >= 0;
    if (best) return { kind: 'found', route: { object: best.object, op: best.op, params: bestParams } };
    return pathMatched ? { kind: 'method-not-allowed' } : { kind: 'not-found' };
  }
}

function matchSegments(segments: CompiledRoute['segments'], parts: string[]): Record<string, string> | undefined {
  const params: Record<string, string> = {};
  for (let i = 0; i < segments.length; i++) {
    const s = segments[i];
    if (s.literal !== undefined) {
      if (s.literal !== parts[i]) return undefined;
    } else if (parts[i] === '') {
      return undefined;
    } else {
      params[s.param as string] = parts[i];
    }
  }
  return params;
}
