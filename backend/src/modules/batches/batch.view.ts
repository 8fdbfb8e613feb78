import type { BatchSnapshot } from '../access-codes/batch-codes.service.js';
import type { Batch } from './batch.entity.js';
import type { BatchDto } from './dto/batch.dto.js';

export function toBatchDto(
  batch: Batch,
  extra: { redeemedCount?: number; codeCount?: number } = {},
): BatchDto {
  return {
    id: batch.id,
    projectId: batch.project.id,
    productId: batch.product.id,
    productName: batch.product.name,
    planId: batch.plan.id,
    planName: batch.plan.name,
    mode: batch.mode,
    status: batch.status,
    requestedCount: batch.requestedCount,
    generatedCount: batch.generatedCount,
    usageType: batch.usageType,
    maxRedemptions: batch.maxRedemptions ?? null,
    validFrom: batch.validFrom?.toISOString() ?? null,
    validTill: batch.validTill?.toISOString() ?? null,
    customName: batch.customName ?? null,
    format: { ...batch.format },
    notify: batch.notify,
    notifyEmail: batch.notifyEmail ?? null,
    createdBy: batch.createdBy?.id ?? null,
    createdByName: batch.createdBy?.name ?? null,
    createdAt: batch.createdAt.toISOString(),
    completedAt: batch.completedAt?.toISOString() ?? null,
    error: batch.error ?? null,
    deactivatedAt: batch.deactivatedAt?.toISOString() ?? null,
    ...(extra.redeemedCount !== undefined ? { redeemedCount: extra.redeemedCount } : {}),
    ...(extra.codeCount !== undefined ? { codeCount: extra.codeCount } : {}),
    ...(batch.format.kind === 'custom'
      ? { warning: 'Custom Name codes are numbered in order: anyone who sees one can guess others.' }
      : {}),
  };
}

/** What writing a batch's codes needs of it, on both paths (the request's entity, a bulk chunk's row mapped to one). */
export function snapshotOf(batch: Batch): BatchSnapshot {
  return {
    projectId: batch.project.id,
    batchId: batch.id,
    productId: batch.product.id,
    planId: batch.plan.id,
    usageType: batch.usageType,
    maxRedemptions: batch.maxRedemptions ?? null,
    validFrom: batch.validFrom ?? null,
    validTill: batch.validTill ?? null,
    format: batch.format,
    customName: batch.customName ?? null,
  };
}
