// A node's status: messages in flight and queued, "retrying (429) in n s" while backing off,
// the last error in red as a short text (the full text is in the error), cleared when idle.
import { STATUS_CODES } from 'http';
import { ErrorCodes, TwilioNodeError } from '../common/errors';
import { t } from '../common/i18n';
import type { RedNode } from '../common/untyped';

// Node-RED draws status text on one line under the node: longer texts run over the canvas.
const MAX_STATUS = 40;

const CODE_STATUS: Record<string, string> = {
  [ErrorCodes.invalidSidChain]: 'invalidSid',
  [ErrorCodes.invalidObject]: 'invalidObject',
  [ErrorCodes.invalidRequest]: 'invalidRequest',
  [ErrorCodes.missingParameter]: 'missingParameter',
  [ErrorCodes.unknownParameter]: 'unknownParameter',
  [ErrorCodes.invalidParameter]: 'invalidValue',
  [ErrorCodes.invalidFilter]: 'invalidFilter',
  [ErrorCodes.invalidDate]: 'invalidDate',
  [ErrorCodes.invalidXml]: 'invalidXml',
  [ErrorCodes.hostRefused]: 'hostRefused',
  [ErrorCodes.credentials]: 'noCredentials',
  [ErrorCodes.transport]: 'connectionFailed',
  [ErrorCodes.timeout]: 'timeout',
  [ErrorCodes.mayHaveBeenProcessed]: 'mayHaveBeenProcessed',
  [ErrorCodes.closed]: 'closed',
  [ErrorCodes.badResponse]: 'badResponse',
};

function clip(text: string): string {
  return text.length <= MAX_STATUS ? text : text.slice(0, MAX_STATUS - 1) + '…';
}

/** What a failed message shows under its node: "invalid Sid", "missing To", "404 not found". */
export function shortStatus(err: unknown): string {
  if (!(err instanceof TwilioNodeError)) return t('status.failed');
  if (err.statusText) return clip(err.statusText);
  if (err.twilio && err.code !== ErrorCodes.mayHaveBeenProcessed) {
    const reason = (STATUS_CODES[err.twilio.status] || '').toLowerCase();
    return clip(t('status.answered', { status: err.twilio.status, reason }).trim());
  }
  const key = CODE_STATUS[String(err.code)];
  return clip(key ? t(`status.${key}`) : t('status.failed'));
}

// "2 in flight, 5 queued" changes with every message: each count pair is translated once.
const busyTexts = new Map<string, string>();
function busyText(inFlight: number, queued: number): string {
  const key = `${inFlight} ${queued}`;
  let text = busyTexts.get(key);
  if (text === undefined) {
    if (busyTexts.size >= 1000) busyTexts.clear();
    busyTexts.set(key, (text = t('status.busy', { inFlight, queued })));
  }
  return text;
}

/**
 * The status is redrawn at most this often. Each redraw goes through Node-RED's status event to
 * every open editor: three per message cost a stream of fast Gets ~10 µs each, a few percent of
 * its speed (bench/run.js, get-vs-handwritten), for changes no one can read at that rate. The
 * first change after a quiet spell shows at once, the latest state always within this time.
 */
export const STATUS_EVERY_MS = 100;

/** One message's part in the node's status: queued until its first request starts, then in flight. */
export interface MessageActivity {
  requestStarted(): void;
  backingOff(status: number | undefined, seconds: number): void;
  end(error?: unknown): void;
}

export class NodeActivity {
  private queued = 0;
  private inFlight = 0;
  private waiting: { status?: number; seconds: number } | undefined;
  private lastError: string | undefined;
  private shown = '';
  private shownAt = -Infinity;
  private redraw: NodeJS.Timeout | undefined;

  constructor(private readonly node: RedNode) {}

  /** A message arrived: it is queued until its first request starts, in flight until it ends. */
  begin(): MessageActivity {
    let state: 'queued' | 'inFlight' | 'ended' = 'queued';
    this.queued++;
    this.lastError = undefined;
    this.show();
    return {
      requestStarted: () => {
        if (state === 'queued') {
          state = 'inFlight';
          this.queued--;
          this.inFlight++;
        }
        this.waiting = undefined;
        this.show();
      },
      backingOff: (status, seconds) => {
        this.waiting = { status, seconds };
        this.show();
      },
      end: (error) => {
        if (state === 'ended') return;
        if (state === 'queued') this.queued--;
        else this.inFlight--;
        state = 'ended';
        if (this.queued + this.inFlight === 0) this.waiting = undefined;
        if (error !== undefined) this.lastError = shortStatus(error);
        this.show();
      },
    };
  }

  /** A problem every message would hit (no credentials, a bad setting): red until a message arrives. */
  problem(error: unknown): void {
    this.lastError = shortStatus(error);
    this.show();
  }

  clear(): void {
    if (this.redraw) clearTimeout(this.redraw);
    this.redraw = undefined;
    this.shown = '';
    this.node.status({});
  }

  /** Something changed: redraw now, or when STATUS_EVERY_MS has passed since the last redraw. */
  private show(): void {
    if (this.redraw) return;
    const wait = this.shownAt + STATUS_EVERY_MS - Date.now();
    if (wait <= 0) {
      this.draw();
      return;
    }
    this.redraw = setTimeout(() => {
      this.redraw = undefined;
      this.draw();
    }, wait);
    this.redraw.unref();
  }

  private draw(): void {
    // The state decides first; texts are made (translated) only when it changed.
    const pending = this.queued + this.inFlight;
    const waiting = this.waiting && pending > 0 ? this.waiting : undefined;
    const state = waiting ? `w ${waiting.status} ${waiting.seconds}`
      : pending > 0 ? `b ${this.inFlight} ${this.queued}`
        : this.lastError ? `e ${this.lastError}` : '';
    if (state === this.shown) return;
    this.shown = state;
    this.shownAt = Date.now();
    if (waiting) {
      const cause = waiting.status || t('status.network');
      this.node.status({ fill: 'yellow', shape: 'ring', text: t('status.retrying', { status: cause, seconds: waiting.seconds }) });
    } else if (pending > 0) {
      this.node.status({ fill: 'blue', shape: 'dot', text: busyText(this.inFlight, this.queued) });
    } else if (this.lastError) {
      this.node.status({ fill: 'red', shape: 'ring', text: this.lastError });
    } else {
      this.node.status({});
    }
  }
}
