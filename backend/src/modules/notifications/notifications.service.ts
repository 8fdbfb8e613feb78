import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { DomainError } from '../../common/errors/domain-error.js';
import { Notification } from './notification.entity.js';

const PAGE = 50;

@Injectable()
export class NotificationsService {
  constructor(private readonly em: EntityManager) {}

  async notify(input: {
    userId: string;
    projectId?: string | null;
    type: string;
    title: string;
    body?: string;
    link?: string;
  }): Promise<void> {
    const em = this.em.fork();
    em.create(Notification, {
      ...input,
      projectId: input.projectId ?? null,
      body: input.body ?? null,
      link: input.link ?? null,
    });
    await em.flush();
  }

  async list(userId: string, unreadOnly: boolean): Promise<{ items: Notification[]; unreadCount: number }> {
    const em = this.em.fork();
    const [items, unreadCount] = await Promise.all([
      em.find(
        Notification,
        { userId, ...(unreadOnly ? { readAt: null } : {}) },
        { orderBy: { createdAt: 'desc', id: 'desc' }, limit: PAGE },
      ),
      em.count(Notification, { userId, readAt: null }),
    ]);
    return { items, unreadCount };
  }

  async markRead(userId: string, id: string): Promise<void> {
    const em = this.em.fork();
    const notification = await em.findOne(Notification, { id, userId });
    if (!notification) throw DomainError.notFound('Notification');
    notification.readAt ??= new Date();
    await em.flush();
  }

  async markAllRead(userId: string): Promise<void> {
    await this.em.fork().nativeUpdate(Notification, { userId, readAt: null }, { readAt: new Date() });
  }
}
