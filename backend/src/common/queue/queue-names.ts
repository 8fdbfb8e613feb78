/** BullMQ queue names. They live in Redis, so they never change. */
export const QueueName = {
  batches: 'batches',
  mail: 'mail',
  webhooks: 'webhooks',
  outbox: 'outbox',
} as const;
export type QueueName = (typeof QueueName)[keyof typeof QueueName];
