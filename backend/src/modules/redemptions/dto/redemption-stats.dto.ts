import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';

export const STATS_BUCKETS = ['day', 'week'] as const;
export type StatsBucket = (typeof STATS_BUCKETS)[number];

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export class RedemptionStatsQueryDto {
  @ApiPropertyOptional({
    format: 'date',
    example: '2026-11-01',
    description: 'First day, in `tz` (inclusive); default: 29 days (day) or 11 weeks (week) before `to`',
  })
  @IsOptional()
  @Matches(DATE, { message: 'from must be a date (YYYY-MM-DD)' })
  from?: string;

  @ApiPropertyOptional({
    format: 'date',
    example: '2026-11-30',
    description: 'Last day, in `tz` (inclusive); default: today in `tz`',
  })
  @IsOptional()
  @Matches(DATE, { message: 'to must be a date (YYYY-MM-DD)' })
  to?: string;

  @ApiPropertyOptional({ enum: STATS_BUCKETS, default: 'day', description: 'Weeks start on Monday' })
  @IsOptional()
  @IsIn(STATS_BUCKETS)
  bucket?: StatsBucket;

  @ApiPropertyOptional({
    example: 'Europe/Berlin',
    default: 'UTC',
    description: 'IANA time zone the days are cut in',
  })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  tz?: string;

  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() productId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() planId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() batchId?: string;
}

export class RedemptionStatsBucketDto {
  @ApiProperty({ format: 'date', description: 'First day of the bucket, in the time zone asked for' })
  start: string;
  @ApiProperty({ description: 'Codes generated in batches created in this bucket' }) issued: number;
  @ApiProperty({ description: 'Redemptions made in this bucket and not revoked' }) redeemed: number;
}

export class RedemptionStatsTotalsDto {
  @ApiProperty() issued: number;
  @ApiProperty() redeemed: number;
}

export class RedemptionStatsDto {
  @ApiProperty({ format: 'date' }) from: string;
  @ApiProperty({ format: 'date' }) to: string;
  @ApiProperty({ enum: STATS_BUCKETS }) bucket: StatsBucket;
  @ApiProperty() tz: string;
  @ApiProperty({ type: [RedemptionStatsBucketDto], description: 'Every bucket of the range, empty ones too' })
  buckets: RedemptionStatsBucketDto[];
  @ApiProperty({ type: RedemptionStatsTotalsDto }) totals: RedemptionStatsTotalsDto;
}
