import { applyDecorators } from '@nestjs/common';
import { ApiBearerAuth, ApiParam } from '@nestjs/swagger';

/**
 * Documents `:projectId` on a project-scoped controller. The AuthGuard reads it (membership decides
 * 404), so no handler takes it as `@Param`, and Swagger would otherwise leave it out.
 */
export const ProjectScoped = () =>
  applyDecorators(ApiBearerAuth(), ApiParam({ name: 'projectId', format: 'uuid', required: true }));
