import { ValidateIf } from 'class-validator';

/**
 * A field that may be left out but, when given, must be valid: unlike `@IsOptional()`, `null` is
 * validated (and refused by the field's own rules) instead of slipping through to a NOT NULL
 * column. For fields where `null` means "clear it", use `@IsOptional()` with
 * `@ValidateIf((_, v) => v !== null)`.
 */
export const OptionalField = () => ValidateIf((_object: object, value: unknown) => value !== undefined);
