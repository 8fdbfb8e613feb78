import { describe, expect, it } from 'vitest';
import { formatDateTime, fromLocalInput, startOfLocalDay, toLocalInput } from './format';

describe('format', () => {
  it('shows a date and time with the name of the time zone', () => {
    expect(formatDateTime('2026-11-21T10:45:00Z')).toMatch(/2026.*(UTC|GMT|[A-Z]{2,5})/);
  });

  it('reads a datetime-local value as the viewer’s wall clock and sends UTC', () => {
    const iso = fromLocalInput('2027-03-01T09:30');
    expect(iso).toBe(new Date(2027, 2, 1, 9, 30).toISOString());
    expect(iso).toMatch(/Z$/);
    expect(toLocalInput(iso)).toBe('2027-03-01T09:30');
  });

  it('refuses what is not a date and time', () => {
    expect(fromLocalInput('')).toBeNull();
    expect(fromLocalInput('tomorrow')).toBeNull();
    expect(toLocalInput(null)).toBe('');
  });

  it('turns a local day into the instant it starts', () => {
    expect(startOfLocalDay('2027-01-31')).toBe(new Date(2027, 0, 31).toISOString());
    expect(startOfLocalDay('2027-01-31', 1)).toBe(new Date(2027, 1, 1).toISOString());
  });
});
