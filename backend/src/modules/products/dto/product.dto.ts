import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { QueryBoolean } from '../../../common/http/query-boolean.js';
import {
  IsBoolean,
  IsInt,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
} from 'class-validator';
import { OptionalField } from '../../../common/http/optional-field.js';

export class PlanDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) productId: string;
  @ApiProperty() name: string;
  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'Days of access from redemption; null = lifetime',
  })
  accessDays: number | null;
  @ApiProperty() archived: boolean;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class ProductDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ type: String, nullable: true }) description: string | null;
  @ApiProperty() archived: boolean;
  @ApiProperty({ type: [PlanDto] }) plans: PlanDto[];
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class ProductListDto {
  @ApiProperty({ type: [ProductDto] }) items: ProductDto[];
  @ApiProperty({ type: String, nullable: true }) nextCursor: string | null;
}

export class PlanListDto {
  @ApiProperty({ type: [PlanDto] }) items: PlanDto[];
  @ApiProperty({ type: String, nullable: true }) nextCursor: string | null;
}

export class CreateProductDto {
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(200) name: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(2000) description?: string;
}

export class UpdateProductDto {
  @ApiPropertyOptional() @OptionalField() @IsString() @MinLength(1) @MaxLength(200) name?: string;
  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsString()
  @MaxLength(2000)
  description?: string | null;
  @ApiPropertyOptional() @OptionalField() @IsBoolean() archived?: boolean;
}

export class CreatePlanDto {
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(200) name: string;
  @ApiPropertyOptional({ type: Number, nullable: true, minimum: 1, maximum: 36500 })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsInt()
  @Min(1)
  @Max(36500)
  accessDays?: number | null;
}

export class UpdatePlanDto {
  @ApiPropertyOptional() @OptionalField() @IsString() @MinLength(1) @MaxLength(200) name?: string;
  @ApiPropertyOptional({ type: Number, nullable: true, minimum: 1, maximum: 36500 })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsInt()
  @Min(1)
  @Max(36500)
  accessDays?: number | null;
  @ApiPropertyOptional() @OptionalField() @IsBoolean() archived?: boolean;
}

export class ListProductsQueryDto {
  @ApiPropertyOptional({ description: 'Also list archived products and plans' })
  @IsOptional()
  @QueryBoolean()
  includeArchived?: boolean;
}
