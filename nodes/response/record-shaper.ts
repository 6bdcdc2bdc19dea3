// Turns raw Twilio records into what the node emits: fields and dates (output.ts), then
// JSON or Twilio's XML.
import type { RecordSchema } from '../catalog/types';
import { recordShaper } from './record-fields';
import { pageToTwilioXml, toTwilioXml, listElementOf } from './twilio-xml';

export interface ShapeOptions {
  fields: string[];
  dates: 'rfc2822' | 'iso';
  format: 'json' | 'xml';
  /** keep credential fields (off: they read REDACTED, in JSON and XML alike) */
  revealCredentials?: boolean;
}

export type Record_ = Record<string, unknown>;

export class RecordShaper {
  /** the JSON record: fields kept, dates converted */
  readonly record: (raw: Record_) => Record_;

  constructor(private readonly schema: RecordSchema | undefined, private readonly options: ShapeOptions) {
    this.record = recordShaper(schema, options);
  }

  /** credential fields are output as Twilio sent them (the node's revealCredentials) */
  get reveals(): boolean {
    return this.options.revealCredentials === true;
  }

  /** One record as the node's payload. */
  payload(raw: Record_): unknown {
    const rec = this.record(raw);
    return this.options.format === 'xml' && this.schema ? toTwilioXml(rec, this.schema) : rec;
  }

  /** Several records (a page, or array mode) as one payload. */
  list(raws: Record_[], recordKey: string, attrs: Record<string, unknown> = {}): unknown {
    const recs = raws.map(this.record);
    if (this.options.format !== 'xml' || !this.schema) return recs;
    return pageToTwilioXml(recs, this.schema, listElementOf(recordKey), attrs);
  }
}
