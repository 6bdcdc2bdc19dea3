// Twilio's retries carry the same I-Twilio-Idempotency-Token. A token is remembered only
// once a signed request was answered 2xx by the flow, with that answer, so a retry gets the
// same answer and is not emitted twice; bounded by count and age (docs/webhooks.md).

export interface RememberedAnswer {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

export class IdempotencyCache {
  private readonly answers = new Map<string, { at: number; answer: RememberedAnswer }>();

  constructor(private readonly maxEntries = 10000, private readonly maxAgeMs = 3600 * 1000) {}

  get(token: string | undefined, now = Date.now()): RememberedAnswer | undefined {
    if (!token) return undefined;
    const hit = this.answers.get(token);
    if (!hit) return undefined;
    if (now - hit.at > this.maxAgeMs) {
      this.answers.delete(token);
      return undefined;
    }
    return hit.answer;
  }

  remember(token: string | undefined, answer: RememberedAnswer, now = Date.now()): void {
    if (!token) return;
    this.answers.delete(token);
    this.answers.set(token, { at: now, answer });
    // A Map iterates in insertion order: the first entries are the oldest.
    while (this.answers.size > this.maxEntries) this.answers.delete(this.answers.keys().next().value as string);
  }

  get size(): number {
    return this.answers.size;
  }

  clear(): void {
    this.answers.clear();
  }
}
