import { ApiProperty } from '@nestjs/swagger';
import { IsEmail, IsString, MaxLength, MinLength } from 'class-validator';
import { ROLES, type Role } from '@dachwerk/shared';

export class LoginDto {
  @ApiProperty({ example: 'treasurer@dachwerk.example' })
  @IsEmail()
  @MaxLength(254)
  email: string;

  @ApiProperty({ example: 'dachwerk-demo' })
  @IsString()
  @MinLength(1)
  @MaxLength(1024)
  password: string;
}

export class OrganisationRolesDto {
  @ApiProperty({ format: 'uuid' }) organisationId: string;
  @ApiProperty({ enum: ROLES, isArray: true }) roles: Role[];
  @ApiProperty({
    type: String,
    isArray: true,
    description: 'Initiatives a user with role initiative acts for',
  })
  initiativeIds: string[];
}

export class MeDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() email: string;
  @ApiProperty() name: string;
  @ApiProperty() isPlatformAdmin: boolean;
  @ApiProperty({ type: OrganisationRolesDto, isArray: true }) organisations: OrganisationRolesDto[];
}

export class LoginResponseDto {
  @ApiProperty({
    description: 'Send as `Authorization: Bearer <token>`; also set as an httpOnly cookie',
  })
  token: string;
  @ApiProperty() expiresAt: Date;
  @ApiProperty({ type: MeDto }) user: MeDto;
}

export class LogoutAllResponseDto {
  @ApiProperty() sessionsEnded: number;
}
