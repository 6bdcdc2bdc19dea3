// A webhook's body: raw bytes read once (64 KiB at most), kept on the request for the
// bodySHA256 check, and parsed as a form or JSON. Other content types are refused.
import type { IncomingMessage } from 'http';
import type { Params } from './signature';

export const MAX_BODY = 64 * 1024;

export type BodyReq = IncomingMessage & { twilioRawBody?: Buffer; rawBody?: unknown; _body?: boolean; body?: unknown };

export class BodyError extends Error {
  constructor(readonly status: 413 | 415 | 400, readonly key: 'tooLarge' | 'contentType' | 'badJson' | 'consumed') {
    super(key);
  }
}

export function contentKind(req: IncomingMessage): 'form' | 'json' | 'none' | 'other' {
  const type = String(req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
  if (type === '') return 'none';
  if (type === 'application/x-www-form-urlencoded') return 'form';
  if (type === 'application/json') return 'json';
  return 'other';
}

/** Reads the body once; a middleware that ran first (and kept `rawBody`) is honoured. */
export async function readRawBody(req: BodyReq): Promise<Buffer> {
  if (req.twilioRawBody) return req.twilioRawBody;
  if (Buffer.isBuffer(req.rawBody) || typeof req.rawBody === 'string') {
    req.twilioRawBody = Buffer.from(req.rawBody as Buffer);
  } else if (req._body || req.readableEnded) {
    // A body parser consumed the stream and kept no bytes: they cannot be verified.
    throw new BodyError(400, 'consumed');
  } else {
    req.twilioRawBody = await collect(req);
  }
  if (req.twilioRawBody.length > MAX_BODY) throw new BodyError(413, 'tooLarge');
  // Body parsers that run after this one see a handled body and leave the bytes alone.
  req._body = true;
  return req.twilioRawBody;
}

function collect(req: IncomingMessage): Promise<Buffer> {
  const declared = Number(req.headers['content-length']);
  if (declared > MAX_BODY) return Promise.reject(new BodyError(413, 'tooLarge'));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        req.removeAllListeners('data');
        req.resume();
        reject(new BodyError(413, 'tooLarge'));
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** Form text → parameters; a repeated key becomes an array (as Twilio sends MediaUrl0…). */
export function parseForm(text: string): Params {
  const out: Params = {};
  for (const [k, v] of new URLSearchParams(text)) {
    const prev = out[k];
    out[k] = prev === undefined ? v : Array.isArray(prev) ? [...prev, v] : [prev, v];
  }
  return out;
}

export function parseJson(raw: Buffer): unknown {
  try {
    return raw.length ? JSON.parse(raw.toString('utf8')) : {};
  } catch {
    throw new BodyError(400, 'badJson');
  }
}
