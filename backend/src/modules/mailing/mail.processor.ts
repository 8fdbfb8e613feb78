import { Injectable } from '@nestjs/common';
import { WorkerHost } from '@nestjs/bullmq';
import type { Job } from 'bullmq';
import { MAIL_BATCH_CODES_JOB } from '../batches/batch-completion.js';
import { type BatchMailResend, MailingService } from './mailing.service.js';

/** Thin switch over the mail queue; registered in worker processes by MailingModule. */
@Injectable()
export class MailProcessor extends WorkerHost {
  constructor(private readonly mailing: MailingService) {
    super();
  }

  async process(job: Job<{ batchId: string; resend?: BatchMailResend }>): Promise<void> {
    switch (job.name) {
      case MAIL_BATCH_CODES_JOB:
        return this.mailing.sendBatchCodes(job.data.batchId, job.attemptsMade + 1, job.data.resend);
      default:
        throw new Error(`No handler for mail job ${job.name}`);
    }
  }
}
