import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PROJECT_ROLES, type ProjectRole } from '@admit/shared';
import { Type } from 'class-transformer';
import {
  IsBoolean,
  IsEmail,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  IsObject,
  ValidateNested,
} from 'class-validator';
import { OptionalField } from '../../../common/http/optional-field.js';
import { DEFAULT_FORMAT_KINDS, type DefaultFormatKind, MAX_BATCH_SIZE_LIMIT } from '../project.entity.js';

export class CodeFormatDto {
  @ApiPropertyOptional({
    enum: DEFAULT_FORMAT_KINDS,
    default: 'random',
    description: 'random, or prefixed (prefix + random); Custom Name is chosen per batch',
  })
  @IsOptional()
  @IsIn(DEFAULT_FORMAT_KINDS)
  kind?: DefaultFormatKind;
  @ApiProperty({ minimum: 6, maximum: 32, example: 12 }) @IsInt() @Min(6) @Max(32) length: number;
  @ApiProperty({ minimum: 0, maximum: 8, example: 4 }) @IsInt() @Min(0) @Max(8) groupSize: number;
  @ApiProperty() @IsBoolean() checkChar: boolean;
  @ApiPropertyOptional({ description: 'For kind prefixed: 1–16 letters and digits, e.g. MATHS' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(16)
  prefix?: string;
}

export class ProjectSettingsDto {
  @ApiProperty({ example: 150 }) bulkThreshold: number;
  @ApiProperty({ example: 2000 }) maxBatchSize: number;
  @ApiProperty({
    example: MAX_BATCH_SIZE_LIMIT,
    description: "The operator's ceiling: the largest batch cap this server allows (read-only)",
  })
  maxBatchSizeLimit: number;
  @ApiProperty({ type: CodeFormatDto }) codeFormat: CodeFormatDto;
}

export class ProjectDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() slug: string;
  @ApiProperty() name: string;
  @ApiProperty({ type: ProjectSettingsDto }) settings: ProjectSettingsDto;
  @ApiProperty({ enum: PROJECT_ROLES }) role: ProjectRole;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class ProjectListDto {
  @ApiProperty({ type: [ProjectDto] }) items: ProjectDto[];
  @ApiProperty({ type: String, nullable: true }) nextCursor: string | null;
}

const SLUG = /^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/;

export class CreateProjectDto {
  @ApiProperty({ example: 'Maths academy' }) @IsString() @MinLength(1) @MaxLength(200) name: string;
  @ApiPropertyOptional({ example: 'maths-academy', description: 'Lower-case letters, digits and dashes' })
  @IsOptional()
  @Matches(SLUG, { message: 'slug must be lower-case letters, digits and dashes (1–64)' })
  slug?: string;
}

export class UpdateProjectSettingsDto {
  @ApiPropertyOptional({ minimum: 1, maximum: MAX_BATCH_SIZE_LIMIT })
  @OptionalField()
  @IsInt()
  @Min(1)
  @Max(MAX_BATCH_SIZE_LIMIT)
  bulkThreshold?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: MAX_BATCH_SIZE_LIMIT })
  @OptionalField()
  @IsInt()
  @Min(1)
  @Max(MAX_BATCH_SIZE_LIMIT)
  maxBatchSize?: number;

  @ApiPropertyOptional({ type: CodeFormatDto })
  @OptionalField()
  @ValidateNested()
  @IsObject()
  @Type(() => CodeFormatDto)
  codeFormat?: CodeFormatDto;
}

export class UpdateProjectDto {
  @ApiPropertyOptional() @OptionalField() @IsString() @MinLength(1) @MaxLength(200) name?: string;

  @ApiPropertyOptional({ type: UpdateProjectSettingsDto })
  @OptionalField()
  @ValidateNested()
  @IsObject()
  @Type(() => UpdateProjectSettingsDto)
  settings?: UpdateProjectSettingsDto;
}

export class MemberDto {
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty() email: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: PROJECT_ROLES }) role: ProjectRole;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class MemberListDto {
  @ApiProperty({ type: [MemberDto] }) items: MemberDto[];
  @ApiProperty({ type: String, nullable: true }) nextCursor: string | null;
}

export class AddMemberDto {
  @ApiProperty() @IsEmail({ require_tld: false }) @MaxLength(320) email: string;
  @ApiProperty({ enum: PROJECT_ROLES }) @IsIn(PROJECT_ROLES) role: ProjectRole;
  @ApiPropertyOptional({ description: 'Needed when the email has no account yet' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name?: string;
  @ApiPropertyOptional({
    description:
      'Initial password when the email has no account yet: at least 12 characters, not a common ' +
      'password, not close to the email (a 400 names the field with code too_short, too_common or too_similar)',
  })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(1000)
  password?: string;
}

export class UpdateMemberDto {
  @ApiProperty({ enum: PROJECT_ROLES }) @IsIn(PROJECT_ROLES) role: ProjectRole;
}
