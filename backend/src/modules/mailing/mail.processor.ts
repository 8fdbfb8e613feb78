import { Injectable } from '@nestjs/common';
import { WorkerHost } from '@nestjs/bullmq';
import type { Job } from 'bullmq';
import { assertHandlers, runJob } from '../../common/queue/jobs.js';
import { QueueName } from '../../common/queue/queue-names.js';
import { MailingService } from './mailing.service.js';

/** Thin switch over the mail queue; registered in worker processes by MailingModule. */
@Injectable()
export class MailProcessor extends WorkerHost {
  constructor(private readonly mailing: MailingService) {
    super();
  }

  /** One handler per job of the mail queue (see common/queue/jobs.ts). */
  private readonly handlers = assertHandlers(QueueName.mail, {
    'batch-codes': ({ batchId, resend }, job) =>
      this.mailing.sendBatchCodes(batchId, job.attemptsMade + 1, resend),
  });

  async process(job: Job): Promise<unknown> {
    return runJob(QueueName.mail, this.handlers, job);
  }
}
