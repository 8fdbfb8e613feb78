/**
 * Dates are shown in the viewer's own time zone, always with the zone's name, so that an expiry
 * never reads as if it were in some other zone (the API speaks UTC).
 */
const dateTime = new Intl.DateTimeFormat(undefined, {
  year: 'numeric',
  month: 'short',
  day: 'numeric',
  hour: 'numeric',
  minute: '2-digit',
  timeZoneName: 'short',
});
const dateOnly = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });
const timeWithZone = new Intl.DateTimeFormat(undefined, {
  hour: 'numeric',
  minute: '2-digit',
  timeZoneName: 'short',
});

function parse(iso: string | null | undefined): Date | null {
  if (!iso) return null;
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** Local date and time with the zone, e.g. "Nov 21, 2026, 10:45 AM GMT+1". */
export function formatDateTime(iso: string | null | undefined): string {
  const date = parse(iso);
  return date ? dateTime.format(date) : (iso ?? '');
}

export function formatDate(iso: string | null | undefined): string {
  const date = parse(iso);
  return date ? dateOnly.format(date) : (iso ?? '');
}

/** The time of day with the zone, e.g. "10:45 AM GMT+1", for a second line under the date. */
export function formatTime(iso: string | null | undefined): string {
  const date = parse(iso);
  return date ? timeWithZone.format(date) : '';
}

export function formatCount(n: number): string {
  return n.toLocaleString();
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** The viewer's zone as people read it: "Europe/Berlin (GMT+1)". */
export function localTimeZoneLabel(at: Date = new Date()): string {
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const offset =
    new Intl.DateTimeFormat(undefined, { timeZoneName: 'shortOffset' })
      .formatToParts(at)
      .find((part) => part.type === 'timeZoneName')?.value ?? '';
  return offset && offset !== zone ? `${zone} (${offset})` : zone;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** An ISO instant as the value of a `datetime-local` input, in the viewer's zone. */
export function toLocalInput(iso: string | null | undefined): string {
  const date = parse(iso);
  if (!date) return '';
  return (
    `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}` +
    `T${pad(date.getHours())}:${pad(date.getMinutes())}`
  );
}

/** The value of a `datetime-local` input (the viewer's wall clock) as an ISO instant in UTC. */
export function fromLocalInput(value: string): string | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(value.trim());
  if (!match) return null;
  const [, y, mo, d, h, mi, s] = match.map(Number) as number[];
  const date = new Date(y!, mo! - 1, d!, h!, mi!, s || 0);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

/** The start of a local calendar day (`YYYY-MM-DD` from a date input) as an ISO instant. */
export function startOfLocalDay(value: string, plusDays = 0): string | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value.trim());
  if (!match) return null;
  const [, y, mo, d] = match.map(Number) as number[];
  const date = new Date(y!, mo! - 1, d! + plusDays);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}
