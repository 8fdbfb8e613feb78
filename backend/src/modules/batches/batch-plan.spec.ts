import { DomainError } from '../../common/errors/domain-error.js';
import { planBatch, type BatchSettings } from './batch-plan.js';
import type { CreateBatchDto } from './dto/batch.dto.js';

const project: BatchSettings = {
  maxBatchSize: 1000,
  bulkThreshold: 150,
  codeFormat: { kind: 'random', length: 12, groupSize: 4, checkChar: false },
};
const now = new Date('2026-11-29T12:00:00Z');

function request(over: Partial<CreateBatchDto> = {}): CreateBatchDto {
  return {
    productId: 'p',
    planId: 'q',
    count: 10,
    usageType: 'single',
    notify: false,
    ...over,
  } as CreateBatchDto;
}

/** The refusal planBatch throws, as the API reports it (code, field, field code). */
function refusal(settings: BatchSettings, dto: CreateBatchDto) {
  try {
    planBatch(settings, dto, now);
  } catch (err) {
    if (!(err instanceof DomainError)) throw err;
    return { code: err.code, field: err.errors?.[0]?.field, fieldCode: err.errors?.[0]?.code };
  }
  throw new Error('planBatch accepted the request');
}

describe('planBatch (a batch request against its project)', () => {
  it('makes small batches in the request and queues them from the bulk threshold on', () => {
    expect(planBatch(project, request({ count: 149 }), now).mode).toBe('standard');
    expect(planBatch(project, request({ count: 150 }), now).mode).toBe('bulk');
  });

  it("refuses more codes than the project's cap, naming the cap", () => {
    expect(refusal(project, request({ count: 1001 }))).toEqual({
      code: 'batch_too_large',
      field: 'count',
      fieldCode: 'too_large',
    });
    expect(planBatch(project, request({ count: 1000 }), now).mode).toBe('bulk');
  });

  it('gives a single-use code one redemption and refuses more; a multiple-use code any limit or none', () => {
    expect(planBatch(project, request(), now).maxRedemptions).toBe(1);
    expect(refusal(project, request({ maxRedemptions: 2 }))).toMatchObject({ field: 'maxRedemptions' });
    expect(
      planBatch(project, request({ usageType: 'multiple', maxRedemptions: 5 }), now).maxRedemptions,
    ).toBe(5);
    expect(planBatch(project, request({ usageType: 'multiple' }), now).maxRedemptions).toBeNull();
  });

  it("uses the project's default format unless the request names its own, and a Custom Name's prefix", () => {
    const prefixed: BatchSettings = {
      ...project,
      codeFormat: { kind: 'prefixed', prefix: 'SUMMER', length: 8, groupSize: 4, checkChar: false },
    };
    expect(planBatch(prefixed, request(), now).format).toMatchObject({ kind: 'prefixed', prefix: 'SUMMER' });
    // A kind of its own drops the project's prefix.
    expect(planBatch(prefixed, request({ format: { kind: 'random' } }), now).format).toEqual({
      kind: 'random',
      length: 8,
      groupSize: 4,
      checkChar: false,
    });
    expect(planBatch(project, request({ customName: 'maths' }), now).format).toMatchObject({
      kind: 'custom',
      prefix: 'MATHS',
    });
    expect(refusal(project, request({ customName: 'maths', format: { kind: 'random' } }))).toMatchObject({
      field: 'format',
    });
  });

  it('refuses validity that ends before it starts or is already over, and an address without notify', () => {
    expect(
      refusal(project, request({ validFrom: new Date('2027-01-02'), validTill: new Date('2027-01-01') })),
    ).toMatchObject({ field: 'validTill', fieldCode: 'before_start' });
    expect(refusal(project, request({ validTill: new Date('2026-11-29T11:59:59Z') }))).toMatchObject({
      field: 'validTill',
      fieldCode: 'in_the_past',
    });
    expect(refusal(project, request({ notifyEmail: 'a@example.com' }))).toMatchObject({
      field: 'notifyEmail',
    });
  });
});
