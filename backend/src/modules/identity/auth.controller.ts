import { Body, Controller, Get, HttpCode, Inject, Post, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ClientIp, CurrentUser, Public, type UserPrincipal } from '../../common/auth/principal.js';
import {
  clearSessionCookie,
  CONSOLE_HEADER_VALUE,
  fromConsole,
  sessionFromCookie,
  setSessionCookie,
} from '../../common/auth/session-cookie.js';
import type { AppConfig } from '../../config/app-config.js';
import { APP_CONFIG } from '../../config/config.module.js';
import { AuthService } from './auth.service.js';
import { LoginDto, LoginResponseDto, MeResponseDto } from './dto/login.dto.js';
import { ProblemResponses } from '../../common/http/openapi-contract.js';
import { QueueOperators } from './queue-operators.types.js';

@ApiTags('auth')
@Controller()
export class AuthController {
  private readonly secureCookie: boolean;

  constructor(
    private readonly auth: AuthService,
    private readonly operators: QueueOperators,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.secureCookie = config.http.publicUrl.startsWith('https:');
  }

  @Public()
  @Post('auth/login')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Sign in with email and password',
    description:
      'Answers the session token for API clients (`Authorization: Bearer`). With ' +
      `\`X-Requested-With: ${CONSOLE_HEADER_VALUE}\` (the console) it also sets the session as an ` +
      'HttpOnly, SameSite=Strict cookie; the console then sends that header on every unsafe request.',
  })
  @ApiHeader({ name: 'X-Requested-With', required: false, description: CONSOLE_HEADER_VALUE })
  @ApiOkResponse({ type: LoginResponseDto })
  @ProblemResponses({ 401: ['invalid_credentials'], 429: ['rate_limited'] })
  async login(
    @Body() body: LoginDto,
    @ClientIp() ip: string,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<LoginResponseDto> {
    const { accessToken, expiresAt, user } = await this.auth.login(body.email, body.password, ip);
    // Only the console gets the cookie: a cross-site form cannot send the header (login CSRF).
    if (fromConsole(request)) setSessionCookie(reply, accessToken, expiresAt, this.secureCookie);
    return {
      accessToken,
      expiresAt: expiresAt.toISOString(),
      user: { id: user.id, email: user.email, name: user.name },
    };
  }

  @ApiBearerAuth()
  @Post('auth/logout')
  @HttpCode(204)
  async logout(
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<void> {
    const bearer = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '')?.[1];
    const token = bearer ?? sessionFromCookie(request) ?? '';
    await this.auth.logout(token);
    if (!bearer) clearSessionCookie(reply, this.secureCookie);
  }

  @ApiBearerAuth()
  @Get('me')
  @ApiOkResponse({ type: MeResponseDto })
  async getMe(@CurrentUser() user: UserPrincipal): Promise<MeResponseDto> {
    return {
      id: user.userId,
      email: user.email,
      name: user.name,
      tenantId: user.tenantId,
      queueDashboard: await this.operators.isQueueOperator(user),
    };
  }
}
