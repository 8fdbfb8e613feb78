// Evaluate the ESM @nestjs/common before any CommonJS plugin (@nestjs-modules/mailer) require()s it;
// otherwise jest-runtime fails with "Cannot require() ES Module … in a cycle".
import '@nestjs/common';
import 'reflect-metadata';

process.env.NODE_ENV ??= 'test';
process.env.LOG_LEVEL ??= 'silent';
process.env.DATABASE_URL ??= 'postgres://postgres@127.0.0.1:5432/admit_test';
// Each test file its own queues (`<prefix>:f<random>`, still under the runner's prefix, which
// `npm test` deletes afterwards): a job one file leaves behind (a resend, a retry) is never run by
// the next file's worker, where it would count in that file's metrics and mails.
process.env.QUEUE_PREFIX = `${process.env.QUEUE_PREFIX ?? 'admit_test'}:f${Math.random().toString(36).slice(2, 10)}`;
// Tests stand in for many clients by sending X-Forwarded-For.
process.env.TRUST_PROXY ??= 'true';
