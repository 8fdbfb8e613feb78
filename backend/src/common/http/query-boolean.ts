import { applyDecorators } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { IsBoolean } from 'class-validator';

/**
 * A boolean in the query string: exactly `true` or `false`; anything else (`maybe`, `1`, empty)
 * is a 400 naming the parameter, never read as false.
 */
export const QueryBoolean = () =>
  applyDecorators(
    Transform(({ value }: { value: unknown }) =>
      value === 'true' ? true : value === 'false' ? false : value,
    ),
    IsBoolean({ message: ({ property }) => `${property} must be true or false` }),
  );
