/** Examples of the service endpoints in the OpenAPI document (the same values docs/api.md shows). */
const PRODUCT = { id: '0b6f2c1e-5d4a-4c8e-9f2a-3e1d7c6b5a49', name: 'Algebra course' };
const PLAN = { id: '7d3e9a2b-1c4f-4e6d-8a5b-2f9c0e1d3b7a', name: 'Monthly', accessDays: 30 };

export const REDEEM_BODY_EXAMPLES = {
  redeem: {
    summary: 'Redeem for a learner of your platform',
    value: {
      code: 'K7QX-M2PD-9VHT',
      learner: { externalId: 'learner-42', email: 'ada@example.com', name: 'Ada Lovelace' },
    },
  },
};

export const REDEEMED_EXAMPLE = {
  redemption: {
    id: '3c9d7e1a-4b2f-4a6c-8d5e-9f0a1b2c3d4e',
    code: 'K7QXM2PD9VHT',
    product: PRODUCT,
    plan: PLAN,
    learner: { externalId: 'learner-42', email: 'ada@example.com', name: 'Ada Lovelace' },
    channel: 'api',
    accessUntil: '2026-12-29T10:15:00.000Z',
    redeemedAt: '2026-11-29T10:15:00.000Z',
    revokedAt: null,
    revokeReason: null,
  },
};

export const VALIDATE_BODY_EXAMPLES = {
  code: { summary: 'Can this code be redeemed now?', value: { code: 'K7QX-M2PD-9VHT' } },
  forLearner: {
    summary: 'For one learner (also says already_redeemed_by_learner)',
    value: { code: 'K7QX-M2PD-9VHT', learner: { externalId: 'learner-42' } },
  },
};

export const VALIDATION_EXAMPLES = {
  valid: { summary: 'Redeemable', value: { valid: true, product: PRODUCT, plan: PLAN } },
  refused: {
    summary: 'Not redeemable, with the reason',
    value: {
      valid: false,
      reason: 'code_already_redeemed',
      message: 'This code has already been redeemed.',
      product: PRODUCT,
      plan: PLAN,
    },
  },
};
