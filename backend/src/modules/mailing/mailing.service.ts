import { Inject, Injectable, Logger } from '@nestjs/common';
import { MailerService } from '@nestjs-modules/mailer';
import { EntityManager } from '@mikro-orm/postgresql';
import type { AppConfig } from '../../config/app-config.js';
import { APP_CONFIG } from '../../config/config.module.js';
import type { BatchMailResend } from '../../common/queue/jobs.js';
import { CodeListService } from '../access-codes/code-list.service.js';
import { BatchCodesService } from '../access-codes/batch-codes.service.js';
import { BatchesService } from '../batches/batches.service.js';
import { batchMailHtml, type BatchMailInput, batchMailSubject, batchMailText } from './batch-codes.mail.js';
import { MailMessage } from './mail-message.entity.js';
import { untilDatabaseAnswers } from '../../common/database/until-database-answers.js';
import { Metrics } from '../../common/metrics/metrics.js';

export type { BatchMailResend };

/** Bulk batches up to this size also get the CSV attached; larger ones only the download link. */
export const MAX_ATTACHED_CODES = 100_000;

@Injectable()
export class MailingService {
  private readonly logger = new Logger('MailingService');
  @Inject(Metrics) private readonly metrics!: Metrics;

  constructor(
    private readonly em: EntityManager,
    private readonly mailer: MailerService,
    private readonly batchCodes: BatchCodesService,
    private readonly codes: CodeListService,
    private readonly batches: BatchesService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * "Send Notification": the codes of a batch to whoever was named when it was made; or, with
   * `resend`, once more to the address a console user gave ("Resend email").
   */
  async sendBatchCodes(batchId: string, attempt: number, resend?: BatchMailResend): Promise<void> {
    const em = this.em.fork();
    const batch = await this.batches.mailFacts(batchId);
    const recipient = resend ? resend.recipient : batch?.notify ? batch.notifyEmail : null;
    if (!batch || !recipient) return;
    // A job run again after its mail went out (its completion was lost with Redis) sends nothing.
    const earlier = resend
      ? await em.findOne(MailMessage, resend.mailId)
      : await em.findOne(MailMessage, { batchId, kind: 'batch_codes', status: 'sent' });
    if (earlier?.status === 'sent') return;
    const input: BatchMailInput = {
      projectName: batch.projectName,
      productName: batch.productName,
      planName: batch.planName,
      count: batch.generatedCount,
      validTill: batch.validTill,
    };
    const attachments = [];
    if (batch.mode === 'standard') {
      const rows = await this.batchCodes.codesOf(em, batch.projectId, batch.id);
      input.codes = rows.map((r) => ({
        display: r.display,
        activateUrl: `${this.config.http.publicUrl}/activate/${encodeURIComponent(batch.projectSlug)}/${encodeURIComponent(r.code)}`,
      }));
    } else {
      const link = this.batches.signedCsvLink(batch);
      input.downloadUrl = link.url;
      input.downloadExpires = link.expiresAt;
      if (batch.generatedCount <= MAX_ATTACHED_CODES) {
        input.attached = true;
        attachments.push({
          filename: `access-codes-${batch.id}.csv`,
          contentType: 'text/csv; charset=utf-8',
          content: await this.codes.exportBatchCsv(batch.projectId, batch.id),
        });
      }
    }
    const subject = batchMailSubject(input);
    const record =
      earlier ??
      em.create(MailMessage, {
        ...(resend ? { id: resend.mailId } : {}),
        projectId: batch.projectId,
        batchId: batch.id,
        kind: resend ? 'batch_codes_resend' : 'batch_codes',
        recipient,
        subject,
        attempts: attempt,
      });
    record.attempts = attempt;
    await em.flush();
    try {
      const info = await this.mailer.sendMail({
        to: recipient,
        subject,
        text: batchMailText(input),
        html: batchMailHtml(input),
        attachments,
      });
      record.status = 'sent';
      record.sentAt = new Date();
      record.messageId = (info as { messageId?: string })?.messageId ?? null;
      this.metrics.mailDeliveries.inc({ outcome: 'sent' });
    } catch (err) {
      record.status = 'failed';
      this.metrics.mailDeliveries.inc({ outcome: 'failed' });
      record.error = (err as Error).message.slice(0, 1000);
      this.logger.error({ err, batchId }, 'Sending the codes email failed');
      throw err;
    } finally {
      // Sent or not, the record must land, or a retry would send the mail a second time.
      await untilDatabaseAnswers(() => em.flush());
    }
  }
}
