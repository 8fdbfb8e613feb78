import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import {
  CurrentProject,
  CurrentUser,
  type ProjectAccess,
  RequireRole,
  type UserPrincipal,
} from '../../common/auth/principal.js';
import { DomainError } from '../../common/errors/domain-error.js';
import { ProjectScoped } from '../../common/http/project-param.js';
import type { ProjectMember } from './project-member.entity.js';
import { MAX_BATCH_SIZE_LIMIT } from './project.entity.js';
import { ProjectsService, type ProjectWithRole } from './projects.service.js';
import {
  AddMemberDto,
  CreateProjectDto,
  MemberDto,
  MemberListDto,
  ProjectDto,
  ProjectListDto,
  UpdateMemberDto,
  UpdateProjectDto,
} from './dto/project.dto.js';
import { ProblemResponses } from '../../common/http/openapi-contract.js';

export function toProjectDto({ project, role }: ProjectWithRole): ProjectDto {
  return {
    id: project.id,
    slug: project.slug,
    name: project.name,
    settings: {
      bulkThreshold: project.bulkThreshold,
      maxBatchSize: project.maxBatchSize,
      maxBatchSizeLimit: MAX_BATCH_SIZE_LIMIT,
      codeFormat: { kind: 'random', ...project.codeFormat },
    },
    role,
    createdAt: project.createdAt.toISOString(),
  };
}

function toMemberDto(member: ProjectMember): MemberDto {
  return {
    userId: member.user.id,
    email: member.user.email,
    name: member.user.name,
    role: member.role,
    createdAt: member.createdAt.toISOString(),
  };
}

const userIdPipe = new ParseUUIDPipe({ exceptionFactory: () => DomainError.notFound('Member') });

@ApiTags('projects')
@ApiBearerAuth()
@Controller('projects')
export class ProjectsController {
  constructor(private readonly projects: ProjectsService) {}

  @Get()
  @ApiOkResponse({ type: ProjectListDto })
  async listProjects(@CurrentUser() user: UserPrincipal): Promise<ProjectListDto> {
    return { items: (await this.projects.listForUser(user.userId)).map(toProjectDto), nextCursor: null };
  }

  @Post()
  @ApiCreatedResponse({ type: ProjectDto })
  @ProblemResponses({ 409: ['conflict'] })
  async createProject(
    @CurrentUser() user: UserPrincipal,
    @Body() body: CreateProjectDto,
  ): Promise<ProjectDto> {
    return toProjectDto(await this.projects.create(user, body.name, body.slug));
  }

  @Get(':projectId')
  @ProjectScoped()
  @RequireRole('support')
  @ApiOkResponse({ type: ProjectDto })
  async getProject(@CurrentProject() access: ProjectAccess): Promise<ProjectDto> {
    return toProjectDto(await this.projects.get(access.projectId, access.role));
  }

  @Patch(':projectId')
  @ProjectScoped()
  @RequireRole('admin')
  @ApiOkResponse({ type: ProjectDto })
  async updateProject(
    @CurrentProject() access: ProjectAccess,
    @Body() body: UpdateProjectDto,
  ): Promise<ProjectDto> {
    return toProjectDto(await this.projects.update(access.projectId, access.role, body));
  }

  @Get(':projectId/members')
  @ProjectScoped()
  @RequireRole('support')
  @ApiOkResponse({ type: MemberListDto })
  async listMembers(@CurrentProject() access: ProjectAccess): Promise<MemberListDto> {
    return { items: (await this.projects.listMembers(access.projectId)).map(toMemberDto), nextCursor: null };
  }

  @Post(':projectId/members')
  @ProjectScoped()
  @RequireRole('admin')
  @ApiCreatedResponse({ type: MemberDto })
  @ProblemResponses({ 409: ['conflict'] })
  async addMember(
    @CurrentProject() access: ProjectAccess,
    @CurrentUser() user: UserPrincipal,
    @Body() body: AddMemberDto,
  ): Promise<MemberDto> {
    return toMemberDto(await this.projects.addMember(access.projectId, user, access.role, body));
  }

  @Patch(':projectId/members/:userId')
  @ProjectScoped()
  @RequireRole('admin')
  @ApiOkResponse({ type: MemberDto })
  @ProblemResponses({ 409: ['conflict'] })
  async updateMember(
    @CurrentProject() access: ProjectAccess,
    @Param('userId', userIdPipe) userId: string,
    @Body() body: UpdateMemberDto,
  ): Promise<MemberDto> {
    return toMemberDto(await this.projects.changeRole(access.projectId, userId, access.role, body.role));
  }

  @Delete(':projectId/members/:userId')
  @ProjectScoped()
  @RequireRole('admin')
  @HttpCode(204)
  async removeMember(
    @CurrentProject() access: ProjectAccess,
    @Param('userId', userIdPipe) userId: string,
  ): Promise<void> {
    await this.projects.removeMember(access.projectId, userId, access.role);
  }
}
