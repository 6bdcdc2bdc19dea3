// A node's status: messages in flight and queued, "waiting (429, n s)" while backing off,
// the last error in red, cleared when idle.
import { t } from '../common/i18n';
import type { RedNode } from '../common/untyped';

export class NodeActivity {
  private pending = 0;
  private running = 0;
  private waiting: { status?: number; seconds: number } | undefined;
  private lastError: string | undefined;
  private shown = '';

  constructor(private readonly node: RedNode) {}

  begin(): void {
    this.pending++;
    this.lastError = undefined;
    this.show();
  }

  end(error?: string): void {
    this.pending = Math.max(0, this.pending - 1);
    if (error !== undefined) this.lastError = error;
    this.show();
  }

  requestStarted(): void {
    this.running++;
    this.waiting = undefined;
    this.show();
  }

  requestEnded(): void {
    this.running = Math.max(0, this.running - 1);
    this.show();
  }

  backingOff(status: number | undefined, seconds: number): void {
    this.waiting = { status, seconds };
    this.show();
  }

  clear(): void {
    this.shown = '';
    this.node.status({});
  }

  private show(): void {
    let status: Record<string, string>;
    if (this.waiting && this.pending > 0) {
      status = { fill: 'yellow', shape: 'ring', text: t('status.waiting', { status: this.waiting.status || t('status.network'), seconds: this.waiting.seconds }) };
    } else if (this.pending > 0) {
      const queued = Math.max(0, this.pending - this.running);
      status = { fill: 'blue', shape: 'dot', text: t('status.busy', { inFlight: this.running, queued }) };
    } else if (this.lastError) {
      status = { fill: 'red', shape: 'ring', text: this.lastError };
    } else {
      status = {};
    }
    const key = JSON.stringify(status);
    if (key === this.shown) return;
    this.shown = key;
    this.node.status(status);
  }
}
