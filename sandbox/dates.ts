// Dates as Twilio writes and reads them: records carry RFC 2822 GMT strings
// (`Mon, 17 Sep 2012 01:13:42 +0000`); filters compare whole GMT days. Everything
// here works in UTC so the machine's time zone never matters.

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const MS_PER_DAY = 86_400_000;

function pad(n: number): string {
  return n < 10 ? '0' + n : String(n);
}

export function toRfc2822(ms: number): string {
  const d = new Date(ms);
  return (
    `${DAYS[d.getUTCDay()]}, ${pad(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ` +
    `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} +0000`
  );
}

/** `YYYY-MM-DD` of a GMT day number. */
export function dayToIsoDate(day: number): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

export function dayOf(ms: number): number {
  return Math.floor(ms / MS_PER_DAY);
}

/**
 * The GMT day of a value stored in a record: RFC 2822 (Date.parse reads the zone
 * it carries), `YYYY-MM-DD`, or ISO 8601. Undefined when the value is no date.
 */
export function recordDay(value: unknown): number | undefined {
  if (typeof value !== 'string' || value === '') return undefined;
  const ms = parseAsGmt(value);
  return ms === undefined ? undefined : dayOf(ms);
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/i;

/** Milliseconds of a date string, reading a zone-less value as GMT. */
export function parseAsGmt(value: string): number | undefined {
  const v = value.trim();
  const m = ISO_DATE.exec(v);
  if (m) {
    const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
    // Date.UTC rolls 2024-02-31 over into March; Twilio refuses such a day.
    return new Date(ms).toISOString().slice(0, 10) === v ? ms : undefined;
  }
  if (ISO_DATE_TIME.test(v)) {
    const hasZone = /(Z|[+-]\d{2}:?\d{2})$/i.test(v);
    const ms = Date.parse(v.replace(' ', 'T') + (hasZone ? '' : 'Z'));
    return Number.isNaN(ms) ? undefined : ms;
  }
  // RFC 2822 always names its zone (`+0000`, `GMT`); refuse anything without one.
  if (/^[A-Za-z]{3}, \d{1,2} [A-Za-z]{3} \d{4} \d{2}:\d{2}(:\d{2})? ([+-]\d{4}|GMT|UTC|UT)$/.test(v)) {
    const ms = Date.parse(v);
    return Number.isNaN(ms) ? undefined : ms;
  }
  return undefined;
}

/** The GMT day a filter value names: `YYYY-MM-DD` or an ISO date-time (its GMT day). */
export function filterDay(value: string): number | undefined {
  const ms = parseAsGmt(value);
  return ms === undefined ? undefined : dayOf(ms);
}

/**
 * Usage `StartDate`/`EndDate` also take offsets from today (`-30days`, `+30days`),
 * per the spec's parameter description.
 */
export function usageDay(value: string, now: number = Date.now()): number | undefined {
  const rel = /^([+-])(\d+)days?$/i.exec(value.trim());
  if (rel) return dayOf(now) + (rel[1] === '-' ? -1 : 1) * Number(rel[2]);
  return filterDay(value);
}
