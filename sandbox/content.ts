// Recording audio, message media and transcription text, as Twilio serves them: the content
// URL (not in the spec; see the generator's content table) answers 302 to a storage host.
// The sandbox's storage host is a second loopback listener that records the headers it
// receives, so tests can prove no credentials reach it. Tests may point the redirect
// elsewhere (a private address the node must refuse) and set the content size.
import * as http from 'http';
import type { AddressInfo, Socket } from 'net';

export interface ContentRoute {
  /** the record's JSON path, which must exist for the caller */
  jsonPath: string;
  /** the file name on the storage host */
  file: string;
}

const ROUTES: Array<[RegExp, (m: RegExpExecArray) => ContentRoute]> = [
  [/^(\/2010-04-01\/Accounts\/[^/]+\/Recordings\/(RE[0-9a-fA-F]{32}))\.(mp3|wav)$/, (m) => ({ jsonPath: `${m[1]}.json`, file: `${m[2]}.${m[3]}` })],
  [/^(\/2010-04-01\/Accounts\/[^/]+\/Transcriptions\/(TR[0-9a-fA-F]{32}))\.txt$/, (m) => ({ jsonPath: `${m[1]}.json`, file: `${m[2]}.txt` })],
  [/^(\/2010-04-01\/Accounts\/[^/]+\/Messages\/[^/]+\/Media\/(ME[0-9a-fA-F]{32}))$/, (m) => ({ jsonPath: `${m[1]}.json`, file: `${m[2]}.jpg` })],
];

/** The content route a GET path names, if any. */
export function contentRoute(path: string): ContentRoute | undefined {
  for (const [re, make] of ROUTES) {
    const m = re.exec(path);
    if (m) return make(m);
  }
  return undefined;
}

const TYPES: Record<string, string> = { mp3: 'audio/mpeg', wav: 'audio/x-wav', txt: 'text/plain; charset=utf-8', jpg: 'image/jpeg' };
const MAGIC: Record<string, Buffer> = {
  mp3: Buffer.from('ID3\u0004\u0000', 'latin1'), wav: Buffer.from('RIFF', 'latin1'), jpg: Buffer.from([0xff, 0xd8, 0xff, 0xe0]),
};

export interface StorageSeen {
  path: string;
  headers: http.IncomingHttpHeaders;
}

/** The second listener: serves /media/<file> and records what it was sent. */
export class StorageHost {
  url = '';
  seen: StorageSeen[] = [];
  /** bytes of audio/media served (a test may raise it to try the size cap) */
  size = 2048;
  /** a test may send the redirect elsewhere */
  redirectTo?: string;
  private readonly server = http.createServer((req, res) => this.serve(req, res));
  private readonly sockets = new Set<Socket>();

  constructor() {
    this.server.on('connection', (s: Socket) => {
      this.sockets.add(s);
      s.on('close', () => this.sockets.delete(s));
    });
  }

  listen(host: string): Promise<void> {
    return new Promise((resolve) => this.server.listen(0, host, () => {
      const a = this.server.address() as AddressInfo;
      this.url = `http://${host.includes(':') ? `[${host}]` : host}:${a.port}`;
      resolve();
    }));
  }

  reset(): void {
    this.seen = [];
    this.size = 2048;
    this.redirectTo = undefined;
  }

  locationOf(route: ContentRoute): string {
    return this.redirectTo || `${this.url}/media/${route.file}`;
  }

  private serve(req: http.IncomingMessage, res: http.ServerResponse): void {
    const path = (req.url || '/').split('?')[0];
    this.seen.push({ path, headers: { ...req.headers } });
    const m = /^\/media\/([A-Za-z0-9]+)\.(mp3|wav|txt|jpg)$/.exec(path);
    if (!m || req.method !== 'GET') {
      res.writeHead(404, { 'Content-Type': 'text/plain' });
      res.end('not found');
      return;
    }
    const body = m[2] === 'txt'
      ? Buffer.from(`Transcription ${m[1]}: hello from the sandbox.`, 'utf8')
      : Buffer.concat([MAGIC[m[2]], Buffer.alloc(Math.max(0, this.size - MAGIC[m[2]].length), 0x2a)]);
    res.writeHead(200, { 'Content-Type': TYPES[m[2]], 'Content-Length': String(body.length) });
    res.end(body);
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      this.server.close(() => resolve());
      for (const s of this.sockets) s.destroy();
    });
  }
}
