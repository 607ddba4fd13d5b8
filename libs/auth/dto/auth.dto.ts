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

export class ChangePasswordDto {
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(1024) currentPassword: string;

  @ApiProperty({
    description: 'At least 12 characters, hard to guess, without your e-mail or name',
  })
  @IsString()
  @MaxLength(1024)
  newPassword: string;
}

export class SetPasswordDto {
  @ApiProperty({ description: 'From the one-time link (welcome or reset)' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  token: string;

  @ApiProperty({
    description: 'At least 12 characters, hard to guess, without your e-mail or name',
  })
  @IsString()
  @MaxLength(1024)
  password: string;
}

export class RequestResetDto {
  @ApiProperty() @IsEmail() @MaxLength(254) email: string;
}

export class UpdateMeDto {
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(200) name: string;
}

export class InvitationDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) organisationId: string;
  @ApiProperty() organisationName: string;
  @ApiProperty({ enum: ROLES, isArray: true }) roles: Role[];
  @ApiProperty({ type: String, isArray: true }) initiativeIds: string[];
  @ApiProperty({ type: String, nullable: true }) invitedByName: string | null;
  @ApiProperty() createdAt: Date;
  @ApiProperty() expiresAt: Date;
}
