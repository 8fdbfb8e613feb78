import { Body, Controller, Get, HttpCode, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { ClientIp, CurrentUser, Public, type UserPrincipal } from '../../common/auth/principal.js';
import { AuthService } from './auth.service.js';
import { LoginDto, LoginResponseDto, MeResponseDto } from './dto/login.dto.js';

@ApiTags('auth')
@Controller()
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Public()
  @Post('auth/login')
  @HttpCode(200)
  @ApiOkResponse({ type: LoginResponseDto })
  async login(@Body() body: LoginDto, @ClientIp() ip: string): Promise<LoginResponseDto> {
    const { accessToken, expiresAt, user } = await this.auth.login(body.email, body.password, ip);
    return {
      accessToken,
      expiresAt: expiresAt.toISOString(),
      user: { id: user.id, email: user.email, name: user.name },
    };
  }

  @ApiBearerAuth()
  @Post('auth/logout')
  @HttpCode(204)
  async logout(@Req() request: FastifyRequest): Promise<void> {
    const token = request.headers.authorization?.replace(/^Bearer\s+/i, '') ?? '';
    await this.auth.logout(token);
  }

  @ApiBearerAuth()
  @Get('me')
  @ApiOkResponse({ type: MeResponseDto })
  getMe(@CurrentUser() user: UserPrincipal): MeResponseDto {
    return { id: user.userId, email: user.email, name: user.name, tenantId: user.tenantId };
  }
}
