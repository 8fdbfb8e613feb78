import { Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentUser, type UserPrincipal } from '../../common/auth/principal.js';
import { DomainError } from '../../common/errors/domain-error.js';
import type { Notification } from './notification.entity.js';
import { NotificationsService } from './notifications.service.js';
import { ListNotificationsQueryDto, NotificationDto, NotificationListDto } from './dto/notification.dto.js';

function toDto(n: Notification): NotificationDto {
  return {
    id: n.id,
    type: n.type,
    title: n.title,
    body: n.body ?? null,
    link: n.link ?? null,
    projectId: n.projectId ?? null,
    createdAt: n.createdAt.toISOString(),
    readAt: n.readAt?.toISOString() ?? null,
  };
}

@ApiTags('notifications')
@ApiBearerAuth()
@Controller('notifications')
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  @Get()
  @ApiOkResponse({ type: NotificationListDto })
  async listNotifications(
    @CurrentUser() user: UserPrincipal,
    @Query() query: ListNotificationsQueryDto,
  ): Promise<NotificationListDto> {
    const { items, unreadCount } = await this.notifications.list(user.userId, query.unread ?? false);
    return { items: items.map(toDto), unreadCount };
  }

  @Post('read-all')
  @HttpCode(204)
  async readAllNotifications(@CurrentUser() user: UserPrincipal): Promise<void> {
    await this.notifications.markAllRead(user.userId);
  }

  @Post(':id/read')
  @HttpCode(204)
  async readNotification(
    @CurrentUser() user: UserPrincipal,
    @Param('id', new ParseUUIDPipe({ exceptionFactory: () => DomainError.notFound('Notification') }))
    id: string,
  ): Promise<void> {
    await this.notifications.markRead(user.userId, id);
  }
}
