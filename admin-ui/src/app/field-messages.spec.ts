import { FIELD_ERROR_CODES } from '@admit/shared';
import { describe, expect, it } from 'vitest';
import type { FieldError } from '@admit/api-client';
import { ApiError } from './api-client';
import { errorMessage } from './error-messages';
import { fieldLabel, fieldMessage } from './field-messages';

/** The developer English class-validator and the services write; none of it may reach people. */
const RAW = [
  'name must be longer than or equal to 1 characters',
  'email must be an email',
  'validTill is in the past',
  'validTill must be after validFrom',
  'count must not be greater than 10000000',
];

function validationProblem(errors: FieldError[]) {
  return new ApiError({
    type: 'about:blank',
    title: 'Bad Request',
    status: 400,
    code: 'validation_failed',
    detail: `Invalid request: check ${errors.map((e) => e.field).join(', ')}`,
    errors,
  });
}

describe('field messages', () => {
  it.each([
    [
      'name',
      'too_short',
      'name must be longer than or equal to 1 characters',
      'Enter a name; this is too short.',
    ],
    ['name', 'required', 'name should not be empty', 'Enter a name.'],
    ['email', 'invalid_email', 'email must be an email', 'Enter an email address like name@example.com.'],
    [
      'learner.email',
      'invalid_email',
      'learner.email must be an email',
      'Enter an email address like name@example.com.',
    ],
    ['validTill', 'in_the_past', 'validTill is in the past', 'Choose a date and time in the future.'],
    [
      'validTill',
      'before_start',
      'validTill must be after validFrom',
      'Valid Till must come after Valid From.',
    ],
    ['password', 'too_short', 'password must be at least 12 characters', 'Use at least 12 characters.'],
    [
      'url',
      'address_not_allowed',
      'resolves to 127.0.0.1',
      'This address is not on the public internet, so webhooks cannot reach it.',
    ],
    [
      'format.length',
      'too_short',
      'Codes of 6 characters…',
      'Too short for this many codes: they would be easy to guess. Use longer codes.',
    ],
  ])('%s %s reads as a sentence, not "%s"', (field, code, raw, sentence) => {
    const error = validationProblem([{ field, code: code as FieldError['code'], message: raw }]);
    const key = field.split('.')[0]!;
    expect(error.fieldErrors[key]).toBe(sentence);
    expect(errorMessage(error)).toBe(`${fieldLabel(field)}: ${sentence}`);
    expect(errorMessage(error)).not.toContain(raw);
  });

  it('has a sentence for every field code the server can send, for any field', () => {
    for (const code of FIELD_ERROR_CODES) {
      for (const field of ['name', 'email', 'validTill', 'count', 'somethingNew']) {
        const sentence = fieldMessage(field, code);
        expect(sentence).toMatch(/^[A-Z0-9].*\.$/);
        expect(sentence).not.toMatch(/must be|should not|Invalid request/);
      }
    }
  });

  it('never shows the server detail "Invalid request: check …" or raw field text', () => {
    const error = validationProblem([
      { field: 'name', code: 'too_short', message: RAW[0]! },
      { field: 'notifyEmail', code: 'invalid_email', message: RAW[1]! },
      { field: 'validTill', code: 'in_the_past', message: RAW[2]! },
    ]);
    const shown = [errorMessage(error), ...Object.values(error.fieldErrors)].join(' ');
    expect(shown).toBe(
      'Some details need correcting; see the marked fields. Enter a name; this is too short. ' +
        'Enter an email address like name@example.com. Choose a date and time in the future.',
    );
    for (const raw of RAW) expect(shown).not.toContain(raw);
    expect(shown).not.toContain('Invalid request');
  });

  it('names the batch cap from the problem', () => {
    const error = new ApiError({
      type: 'about:blank',
      title: 'Bad Request',
      status: 400,
      code: 'batch_too_large',
      detail: 'At most 2000 codes can be made in one batch',
      errors: [{ field: 'count', code: 'too_large', message: RAW[4]! }],
      maxBatchSize: 2000,
    });
    expect(error.fieldErrors.count).toBe(`At most ${(2000).toLocaleString()} codes per batch.`);
    expect(errorMessage(error)).toContain('At most 2,000 codes can be made in one batch');
  });
});
