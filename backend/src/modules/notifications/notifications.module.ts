import { Module } from '@nestjs/common';
import { BatchNotificationsListener } from './listeners/batch-notifications.listener.js';
import { NotificationsController } from './notifications.controller.js';
import { NotificationsService } from './notifications.service.js';

@Module({
  controllers: [NotificationsController],
  providers: [NotificationsService, BatchNotificationsListener],
  exports: [NotificationsService],
})
export class NotificationsModule {}
