import { ApiProperty } from '@nestjs/swagger';
import { IsEmail, IsString, MaxLength, MinLength } from 'class-validator';

export class LoginDto {
  @ApiProperty({ example: 'admin@admit.local' })
  @IsEmail({ require_tld: false })
  @MaxLength(320)
  email: string;

  @ApiProperty({ example: 'admit-console-dev' })
  @IsString()
  @MinLength(1)
  @MaxLength(1000)
  password: string;
}

export class UserDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() email: string;
  @ApiProperty() name: string;
}

export class LoginResponseDto {
  @ApiProperty() accessToken: string;
  @ApiProperty({ format: 'date-time' }) expiresAt: string;
  @ApiProperty({ type: UserDto }) user: UserDto;
}

export class MeResponseDto extends UserDto {
  @ApiProperty({ format: 'uuid' }) tenantId: string;
  @ApiProperty({
    description:
      'Whether this user may open the queue dashboard at /admin/queues: an owner of a project of the operator tenant',
  })
  queueDashboard: boolean;
}
