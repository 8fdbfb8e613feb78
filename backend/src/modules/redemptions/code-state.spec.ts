import { codeStatus } from '../access-codes/access-code.types.js';
import { refusalOf } from './code-state.js';
import type { CodeStateRow } from './redemptions.repository.js';

/** A redeemable single-use code; each case changes what it is about. */
function state(over: Partial<CodeStateRow> = {}): CodeStateRow {
  return {
    id: 'c',
    batch_id: 'b',
    code: 'ABCD',
    product_id: 'p',
    plan_id: 'q',
    product_name: null,
    plan_name: null,
    access_days: null,
    usage_type: 'single',
    max_redemptions: 1,
    redemption_count: 0,
    valid_from: null,
    valid_till: null,
    active: true,
    created_at: new Date(0),
    display: 'ABCD',
    not_yet_valid: false,
    expired: false,
    used_up: false,
    held_by_learner: false,
    held_since: null,
    ...over,
  };
}

describe('the redemption refusal rule (refusalOf)', () => {
  it('lets a live code through', () => {
    expect(refusalOf(state())).toBeNull();
  });

  it('names one reason, in the order the API documents', () => {
    expect(refusalOf(state({ active: false }))).toBe('code_inactive');
    expect(refusalOf(state({ not_yet_valid: true }))).toBe('code_not_yet_valid');
    expect(refusalOf(state({ expired: true }))).toBe('code_expired');
    expect(refusalOf(state({ used_up: true }))).toBe('code_already_redeemed');
    expect(refusalOf(state({ used_up: true, usage_type: 'multiple' }))).toBe('code_exhausted');
    // The learner's own redemption first, then inactivity before validity and use.
    expect(refusalOf(state({ held_by_learner: true, active: false, used_up: true }))).toBe(
      'already_redeemed_by_learner',
    );
    expect(refusalOf(state({ active: false, expired: true, used_up: true }))).toBe('code_inactive');
    expect(refusalOf(state({ not_yet_valid: true, used_up: true }))).toBe('code_not_yet_valid');
  });
});

describe('the code-status rule (codeStatus)', () => {
  it('is unused until redeemed, exhausted only for a multiple-use code at its limit', () => {
    expect(codeStatus('single', 0, 1)).toBe('unused');
    expect(codeStatus('single', 1, 1)).toBe('used');
    expect(codeStatus('multiple', 2, 3)).toBe('used');
    expect(codeStatus('multiple', 3, 3)).toBe('exhausted');
    expect(codeStatus('multiple', 5, null)).toBe('used');
  });
});
