import { CodeFormatError, resolveFormat } from '@admit/codes';
import { codeFormatFieldCode } from '../../common/errors/code-format-error.js';
import { DomainError } from '../../common/errors/domain-error.js';
import type { ProjectCodeFormat } from '../projects/project.types.js';
import type { BatchFormat, BatchMode } from './batch.entity.js';
import type { CreateBatchDto } from './dto/batch.dto.js';

/** What a new batch needs of its project (ProjectsService.batchSettings). */
export interface BatchSettings {
  maxBatchSize: number;
  bulkThreshold: number;
  codeFormat: ProjectCodeFormat;
}

/** How a batch request will be made, decided before anything is written. */
export interface BatchPlan {
  /** `bulk` at or above the project's threshold: queued (202), made by workers in chunks. */
  mode: BatchMode;
  maxRedemptions: number | null;
  format: BatchFormat;
}

/**
 * The rules of a batch request against its project's settings, in the order the API reports
 * them: the cap (400 `batch_too_large`), usage, format (the request's, else the project's
 * default), validity dates and notify. Throws the DomainError the API answers with.
 */
export function planBatch(project: BatchSettings, dto: CreateBatchDto, now = new Date()): BatchPlan {
  if (dto.count > project.maxBatchSize) {
    throw new DomainError(
      'batch_too_large',
      400,
      `At most ${project.maxBatchSize} codes can be made in one batch`,
      [
        {
          field: 'count',
          code: 'too_large',
          message: `must be at most ${project.maxBatchSize} (this project's batch cap)`,
        },
      ],
      undefined,
      { maxBatchSize: project.maxBatchSize },
    );
  }
  const { maxRedemptions } = usageOf(dto);
  const format = formatOf(project, dto);
  if (dto.validFrom && dto.validTill && dto.validFrom >= dto.validTill) {
    throw DomainError.validation('validTill', 'validTill must be after validFrom', 'before_start');
  }
  if (dto.validTill && dto.validTill <= now)
    throw DomainError.validation('validTill', 'validTill is in the past', 'in_the_past');
  if (dto.notifyEmail && !dto.notify)
    throw DomainError.validation('notifyEmail', 'notifyEmail needs notify: true');
  return { mode: dto.count >= project.bulkThreshold ? 'bulk' : 'standard', maxRedemptions, format };
}

function usageOf(dto: CreateBatchDto): { maxRedemptions: number | null } {
  if (dto.usageType === 'single') {
    if (dto.maxRedemptions !== undefined && dto.maxRedemptions !== 1) {
      throw DomainError.validation(
        'maxRedemptions',
        'A single-use code is redeemed once; use usageType multiple for more',
        'too_large',
      );
    }
    return { maxRedemptions: 1 };
  }
  return { maxRedemptions: dto.maxRedemptions ?? null };
}

function formatOf(project: BatchSettings, dto: CreateBatchDto): BatchFormat {
  if (dto.customName && dto.format)
    throw DomainError.validation('format', 'Give either customName or format, not both');
  try {
    if (dto.customName) {
      const resolved = resolveFormat({ kind: 'custom', prefix: dto.customName });
      return { kind: 'custom', length: 0, groupSize: 0, checkChar: false, prefix: resolved.prefix };
    }
    const defaults = project.codeFormat;
    // The project's default kind and prefix hold unless the request names a kind of its own.
    const kind = dto.format?.kind ?? defaults.kind ?? 'random';
    const prefix =
      dto.format?.prefix ?? (kind === 'prefixed' && !dto.format?.kind ? defaults.prefix : undefined);
    const resolved = resolveFormat({
      kind,
      length: dto.format?.length ?? defaults.length,
      groupSize: dto.format?.groupSize ?? defaults.groupSize,
      checkChar: dto.format?.checkChar ?? defaults.checkChar,
      ...(prefix ? { prefix } : {}),
    });
    return {
      kind: resolved.kind,
      length: resolved.length,
      groupSize: resolved.groupSize,
      checkChar: resolved.checkChar,
      ...(resolved.prefix ? { prefix: resolved.prefix } : {}),
    };
  } catch (err) {
    if (err instanceof CodeFormatError) {
      const field = dto.customName ? 'customName' : `format.${err.field}`;
      throw DomainError.validation(field, err.message, codeFormatFieldCode(err));
    }
    throw err;
  }
}
