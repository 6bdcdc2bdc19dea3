// The object id rule (docs/catalog.md, "Object ids"): ids are stored in users' flows, so this
// file pins them. domain = the host's first label; then the version; then the static path
// segments. v2010 drops its Accounts/{AccountSid} prefix; the versionless preview API keeps its
// first segment in the version's place. Where two different paths would give one id, the path
// with fewer path parameters gets the COLLISION_SUFFIX.

/** Appended to the variant without the inner path parameter when two paths share an id. */
export const COLLISION_SUFFIX = 'All';

/** Description files left out, with the reason the generator prints. */
export const EXCLUDED_FILES: Record<string, string> = {
  'twilio_iam_organizations.json': 'OAuth-only organizations API (bearer tokens, SCIM): an Account SID and Auth Token or API key cannot call it',
  'twilio_oauth_v1.json': 'OAuth token and authorize endpoints: they issue tokens instead of managing Twilio objects',
};

/** The version label of a path's first segment: v1, v2010 for 2010-04-01; undefined when versionless. */
export function versionOf(seg: string): string | undefined {
  if (/^v\d+$/.test(seg)) return seg;
  if (seg === '2010-04-01') return 'v2010';
  return undefined;
}

export function domainOf(host: string): string {
  return host.split('.')[0];
}

/** The id's segments after the domain for a path, before any collision suffix. */
export function baseIdOf(domain: string, p: string): string {
  let segs = p.split('/').slice(1);
  const version = versionOf(segs[0]);
  if (version) segs = segs.slice(1);
  if (version === 'v2010' && segs[0] === 'Accounts' && segs[1] === '{AccountSid}') segs = segs.slice(2);
  const statics = segs.map((s) => s.replace(/\.json$/, '')).filter((s) => s && !s.startsWith('{'));
  return [domain, ...(version ? [version] : []), ...statics].join('.');
}

/** The path an instance path's list shares: the trailing `/{X}` and `.json` removed. */
function collectionOf(p: string): string {
  return p.replace(/\.json$/, '').replace(/\/\{[^}]+\}$/, '');
}

const paramCount = (p: string) => (p.match(/\{/g) || []).length;

export interface IdAssignment {
  /** path → object id */
  ids: Map<string, string>;
  /** ids that two different paths gave, with the paths */
  collisions: Array<{ id: string; paths: string[]; suffixed: string }>;
}

/** Ids for every path of one description file, collisions resolved by the suffix rule. */
export function assignIds(domain: string, paths: string[]): IdAssignment {
  const byId = new Map<string, Set<string>>();
  for (const p of paths) {
    const id = baseIdOf(domain, p);
    if (!byId.has(id)) byId.set(id, new Set());
    byId.get(id)!.add(collectionOf(p));
  }
  const ids = new Map<string, string>();
  const collisions: IdAssignment['collisions'] = [];
  for (const p of paths) {
    const id = baseIdOf(domain, p);
    const collections = [...byId.get(id)!];
    if (collections.length === 1) {
      ids.set(p, id);
      continue;
    }
    const most = Math.max(...collections.map(paramCount));
    const mine = collectionOf(p);
    const suffixed = `${id}.${COLLISION_SUFFIX}`;
    ids.set(p, paramCount(mine) < most ? suffixed : id);
    if (!collisions.some((c) => c.id === id)) collisions.push({ id, paths: collections.sort(), suffixed });
  }
  return { ids, collisions };
}
