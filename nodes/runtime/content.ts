// Get with the "content" option: a recording's audio, a message's media, a transcription's
// text as a Buffer in msg.payload, with msg.contentType and a suggested msg.filename. The
// content URL comes from the catalog (a generator table); Twilio answers it directly or
// redirects to a storage host, which content-fetch.ts follows without credentials.
// See docs/media.md.
import { ErrorCodes, TwilioNodeError } from '../common/errors';
import { t } from '../common/i18n';
import { formatChain, type ParsedChain } from '../request/sid-chain';
import { followContent } from '../twilio/content-fetch';
import type { HttpResponse } from '../twilio/transport';
import type { ActionContext, Job } from './action-context';
import { answeredError, gaveUpNote } from './outcome';

/* eslint-disable @typescript-eslint/no-explicit-any */
export const DEFAULT_CONTENT_MB = 50;

const EXTENSIONS: Record<string, string> = {
  'audio/mpeg': 'mp3', 'audio/mp3': 'mp3', 'audio/wav': 'wav', 'audio/x-wav': 'wav', 'audio/ogg': 'ogg',
  'image/jpeg': 'jpg', 'image/png': 'png', 'image/gif': 'gif', 'image/webp': 'webp', 'video/mp4': 'mp4',
  'video/3gpp': '3gp', 'text/plain': 'txt', 'text/vcard': 'vcf', 'text/x-vcard': 'vcf', 'application/pdf': 'pdf',
};

export interface ContentRequest {
  chain: ParsedChain;
  accountSid: string;
}

type Send = (path: string, maxBytes: number) => Promise<{ response: HttpResponse; gaveUp?: unknown }>;

/** The format asked for, checked against what the object offers. */
function formatOf(ctx: ActionContext): string {
  const spec = ctx.op.content;
  if (!spec) throw new TwilioNodeError(t('errors.contentNone', { object: ctx.obj.label }), ErrorCodes.invalidRequest);
  const asked = String(ctx.config.content || '').trim();
  if (asked === 'content') return spec.formats[0];
  if (!spec.formats.includes(asked)) {
    throw new TwilioNodeError(t('errors.contentFormat', { format: asked, object: ctx.obj.label, formats: spec.formats.join(', ') }), ErrorCodes.invalidRequest);
  }
  return asked;
}

/** The most bytes accepted: the node's limit in MB, default 50 MB. */
export function contentLimitBytes(value: unknown): number {
  if (value === undefined || value === null || String(value).trim() === '') return DEFAULT_CONTENT_MB * 1024 * 1024;
  const mb = Number(String(value).trim());
  if (!Number.isFinite(mb) || mb <= 0) throw new TwilioNodeError(t('errors.contentLimit', { value: String(value) }), ErrorCodes.invalidRequest);
  return Math.round(mb * 1024 * 1024);
}

/** The content URL path: the catalog's template with the account, the Sid chain and the format. */
export function contentPath(template: string, chainNames: string[], accountSid: string, parts: string[], format: string): string {
  return template.replace(/\{([^}]+)\}/g, (_m, name: string) => {
    if (name === 'AccountSid') return encodeURIComponent(accountSid);
    if (name === 'format') return format;
    return encodeURIComponent(parts[chainNames.indexOf(name)]);
  });
}

function fileExtension(format: string, contentType: string): string {
  if (format !== 'media') return format;
  return EXTENSIONS[contentType.split(';')[0].trim().toLowerCase()] || 'bin';
}

/** Fetches one record's content and sends it on. */
export async function runContentJob(ctx: ActionContext, job: Job, req: ContentRequest, request: Send, send: (m: any) => void): Promise<void> {
  const format = formatOf(ctx);
  const maxBytes = contentLimitBytes(ctx.config.contentLimit);
  const spec = ctx.op.content as NonNullable<typeof ctx.op.content>;
  const path = contentPath(spec.path, ctx.op.chain.map((p) => p.name), req.accountSid, req.chain.parts, format);
  const { response, gaveUp } = await request(path, maxBytes);
  let body: Buffer;
  let contentType: string;
  if (response.status >= 300 && response.status < 400 && response.headers.location) {
    const base = ctx.service.options.baseUrl || 'https://api.twilio.com';
    const loopbackBase = /^https?:\/\/(127\.\d+\.\d+\.\d+|localhost|\[::1\])(:\d+)?(\/|$)/i.test(base);
    ({ body, contentType } = await followContent(response.headers.location, base + path, {
      loopbackBase, maxBytes, timeout: ctx.service.options.timeout || 30000, signal: job.cancel.toAbortSignal(),
    }));
  } else if (response.status >= 300) {
    throw answeredError(response.status, response.body, true, gaveUpNote(ctx.service, gaveUp as any));
  } else {
    body = Buffer.isBuffer(response.body) ? response.body : Buffer.from(String(response.body ?? ''), 'utf8');
    contentType = response.headers['content-type'] || 'application/octet-stream';
  }
  const parts = req.chain.parts;
  const sid = parts[parts.length - 1];
  const chain = formatChain(req.chain.accountSid, parts);
  const msg = job.msg;
  msg.payload = body;
  msg.contentType = contentType;
  msg.filename = `${sid}.${fileExtension(format, contentType)}`;
  msg.sid = chain;
  msg.twilio = { object: ctx.obj.id, action: 'get', sid, chain, accountSid: req.accountSid, statusCode: 200, content: format };
  ctx.track('output', { sid: chain, status: 200 });
  send(msg);
}
