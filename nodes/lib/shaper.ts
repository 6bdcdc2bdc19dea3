// Turns a raw Twilio record into what the node emits: selected fields, dates, JSON or XML.
import type { RecordSchema } from './catalog-types';
import { convertRecordDates } from './dates';
import { pageToTwilioXml, toTwilioXml, listElementOf } from './xml';

export interface ShapeOptions {
  fields: string[];
  dates: 'rfc2822' | 'iso';
  format: 'json' | 'xml';
}

export type Record_ = Record<string, unknown>;

export class RecordShaper {
  private readonly keep: string[] | undefined;

  constructor(private readonly schema: RecordSchema | undefined, private readonly options: ShapeOptions) {
    this.keep = options.fields && options.fields.length ? options.fields.slice() : undefined;
  }

  /** The JSON record: fields kept, dates converted. */
  record(raw: Record_): Record_ {
    let out: Record_ = raw;
    if (this.keep) {
      out = {};
      for (const f of this.keep) if (f in raw) out[f] = raw[f];
    }
    if (this.options.dates === 'iso' && this.schema) out = convertRecordDates(out, this.schema) as Record_;
    return out;
  }

  /** One record as the node's payload. */
  payload(raw: Record_): unknown {
    const rec = this.record(raw);
    return this.options.format === 'xml' && this.schema ? toTwilioXml(rec, this.schema) : rec;
  }

  /** Several records (a page, or array mode) as one payload. */
  list(raws: Record_[], recordKey: string, attrs: Record<string, unknown> = {}): unknown {
    const recs = raws.map((r) => this.record(r));
    if (this.options.format !== 'xml' || !this.schema) return recs;
    return pageToTwilioXml(recs, this.schema, listElementOf(recordKey), attrs);
  }
}
