import { Module } from '@nestjs/common';
import { BatchMetricsListener } from './listeners/batch-metrics.listener.js';
import { OperationsMetrics } from './operations-metrics.js';

/** What an operator watches: metrics read at scrape time and from domain events (the queue dashboard is mounted by app.factory). */
@Module({ providers: [OperationsMetrics, BatchMetricsListener] })
export class OperationsModule {}
