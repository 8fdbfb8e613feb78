import { Logger } from '@nestjs/common';
import { Writable } from 'node:stream';
import { createRootLogger, PinoNestLogger } from './logger.js';

/** Nest's Logger over our pino adapter, writing to memory, as the relay and the batch runner log. */
function capture(): { lines: () => Record<string, unknown>[]; raw: () => string } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, callback) {
      chunks.push(chunk.toString('utf8'));
      callback();
    },
  });
  Logger.overrideLogger(new PinoNestLogger(createRootLogger('info', stream)));
  const raw = () => chunks.join('');
  return {
    raw,
    lines: () =>
      raw()
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as Record<string, unknown>),
  };
}

describe('PinoNestLogger', () => {
  afterEach(() => Logger.overrideLogger(false));

  it('logs a structured error with its message, stack and fields, once', () => {
    const log = capture();
    const err = new Error('Redis went away');
    new Logger('OutboxRelay').error({ err, failedRuns: 1 }, 'Outbox relay failed; retrying');
    new Logger('BatchRunProcessor').error({ err, batchId: 'b-1', attempt: 2 }, 'Batch run failed');
    const [relay, batch, ...rest] = log.lines();
    expect(rest).toEqual([]);
    expect(relay).toMatchObject({
      level: 50,
      context: 'OutboxRelay',
      msg: 'Outbox relay failed; retrying',
      failedRuns: 1,
      err: { type: 'Error', message: 'Redis went away', stack: expect.stringContaining('logger.spec') },
    });
    expect(batch).toMatchObject({
      context: 'BatchRunProcessor',
      msg: 'Batch run failed',
      batchId: 'b-1',
      attempt: 2,
    });
    expect(log.raw()).not.toContain('[object Object]');
  });

  it("takes Nest's own conventions: an Error, or a message with a stack trace", () => {
    const log = capture();
    new Logger('Bootstrap').error(new Error('bare error'));
    new Logger('ExceptionHandler').error('Something broke', 'Error: x\n    at somewhere');
    new Logger('Plain').log('hello');
    const [bare, withStack, plain] = log.lines();
    expect(bare).toMatchObject({ context: 'Bootstrap', msg: 'bare error', err: { message: 'bare error' } });
    expect(withStack).toMatchObject({ msg: 'Something broke', stack: 'Error: x\n    at somewhere' });
    expect(plain).toMatchObject({ level: 30, context: 'Plain', msg: 'hello' });
    expect(log.raw()).not.toContain('[object Object]');
  });

  it('never writes credentials, wherever they sit in the fields', () => {
    const log = capture();
    new Logger('Auth').warn(
      {
        headers: { authorization: 'Bearer s3cret-token' },
        body: { password: 'hunter2-hunter2' },
        token: 'tok-123',
      },
      'Login failed',
    );
    expect(log.raw()).not.toMatch(/s3cret-token|hunter2|tok-123/);
    expect(log.lines()[0]).toMatchObject({ msg: 'Login failed', body: { password: '[redacted]' } });
  });
});
