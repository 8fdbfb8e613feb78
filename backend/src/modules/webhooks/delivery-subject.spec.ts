import { deliverySubject } from './webhooks.controller.js';

describe('deliverySubject', () => {
  it('names the batch of batch.completed with its size', () => {
    expect(
      deliverySubject('batch.completed', {
        id: 'e',
        type: 'batch.completed',
        data: { batchId: 'b-1', productId: 'p', planId: 'q', mode: 'bulk', count: 500 },
      }),
    ).toEqual({ type: 'batch', id: 'b-1', count: 500 });
  });

  it('names the code and learner of code.redeemed and the redemption of redemption.revoked', () => {
    const data = { redemption: { id: 'r-1', code: 'ABCD1234', learner: { externalId: 'ada' } } };
    expect(deliverySubject('code.redeemed', { data })).toEqual({
      type: 'code',
      id: 'r-1',
      code: 'ABCD1234',
      learnerExternalId: 'ada',
    });
    expect(deliverySubject('redemption.revoked', { data })).toMatchObject({ type: 'redemption', id: 'r-1' });
  });

  it('says nothing rather than guess when the body has no subject', () => {
    expect(deliverySubject('code.redeemed', { data: {} })).toBeNull();
    expect(deliverySubject('batch.completed', null)).toBeNull();
  });
});
