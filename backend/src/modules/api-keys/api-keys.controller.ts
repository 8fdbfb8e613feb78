import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import {
  CurrentProject,
  CurrentUser,
  type ProjectAccess,
  RequireRole,
  type UserPrincipal,
} from '../../common/auth/principal.js';
import { DomainError } from '../../common/errors/domain-error.js';
import { ProjectScoped } from '../../common/http/project-param.js';
import type { ApiKey } from './api-key.entity.js';
import { ApiKeysService } from './api-keys.service.js';
import { ApiKeyDto, ApiKeyListDto, CreateApiKeyDto, CreatedApiKeyDto } from './dto/api-key.dto.js';

function toApiKeyDto(key: ApiKey): ApiKeyDto {
  return {
    id: key.id,
    name: key.name,
    prefix: key.prefix,
    scopes: key.scopes,
    createdAt: key.createdAt.toISOString(),
    lastUsedAt: key.lastUsedAt?.toISOString() ?? null,
  };
}

@ApiTags('api-keys')
@ProjectScoped()
@Controller('projects/:projectId/api-keys')
export class ApiKeysController {
  constructor(private readonly keys: ApiKeysService) {}

  @Get()
  @RequireRole('admin')
  @ApiOkResponse({ type: ApiKeyListDto })
  async listApiKeys(@CurrentProject() access: ProjectAccess): Promise<ApiKeyListDto> {
    return { items: (await this.keys.list(access.projectId)).map(toApiKeyDto), nextCursor: null };
  }

  @Post()
  @RequireRole('admin')
  @ApiCreatedResponse({ type: CreatedApiKeyDto })
  async createApiKey(
    @CurrentProject() access: ProjectAccess,
    @CurrentUser() user: UserPrincipal,
    @Body() body: CreateApiKeyDto,
  ): Promise<CreatedApiKeyDto> {
    const { key, secret } = await this.keys.create(access.projectId, user.userId, body.name, body.scopes);
    return { ...toApiKeyDto(key), secret };
  }

  @Delete(':keyId')
  @RequireRole('admin')
  @HttpCode(204)
  async deleteApiKey(
    @CurrentProject() access: ProjectAccess,
    @Param('keyId', new ParseUUIDPipe({ exceptionFactory: () => DomainError.notFound('API key') }))
    keyId: string,
  ): Promise<void> {
    await this.keys.revoke(access.projectId, keyId);
  }
}
