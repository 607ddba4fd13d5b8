import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsEmail,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { PageDto, ROLES, type Role } from '@dachwerk/shared';
import { OrganisationRolesDto } from './auth.dto';

export class SetRolesDto {
  @ApiProperty({
    enum: ROLES,
    isArray: true,
    description: 'Empty removes the user from the organisation',
  })
  @IsArray()
  @ArrayUnique()
  @IsIn(ROLES, { each: true })
  roles: Role[];

  @ApiPropertyOptional({ type: String, isArray: true, description: 'Only with role initiative' })
  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @IsUUID('all', { each: true })
  initiativeIds?: string[];
}

export class OrganisationRolesInputDto extends SetRolesDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  organisationId: string;
}

export class CreateUserDto {
  @ApiProperty({ example: 'kassenwartin@verein.example' })
  @IsEmail()
  @MaxLength(254)
  email: string;

  @ApiProperty({ example: 'Erika Mustermann' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name: string;

  @ApiProperty({ type: OrganisationRolesInputDto, isArray: true })
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => OrganisationRolesInputDto)
  organisations: OrganisationRolesInputDto[];
}

export class UpdateUserDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name?: string;

  @ApiPropertyOptional({ description: 'false deactivates the user and ends all their sessions' })
  @IsOptional()
  @IsBoolean()
  isActive?: boolean;
}

export class InviteUserDto extends OrganisationRolesInputDto {
  @ApiProperty({ example: 'vorstand@verein.example', description: 'E-mail of an existing account' })
  @IsEmail()
  @MaxLength(254)
  email: string;
}

export class InvitedDto {
  @ApiProperty({ enum: ['invited'] }) status: 'invited';
  @ApiProperty() email: string;
}

export class PasswordLinkDto {
  @ApiProperty({
    enum: ['email', 'shown-once'],
    description:
      '`email`: sent to the account holder; `shown-once`: the token is in this answer only',
  })
  delivery: 'email' | 'shown-once';
  @ApiPropertyOptional({
    description:
      'Only with shown-once: hand it to the account holder, who sets the password with it',
  })
  token?: string;
  @ApiProperty() expiresAt: Date;
}

export class UserDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() email: string;
  @ApiProperty() name: string;
  @ApiProperty() isActive: boolean;
  @ApiPropertyOptional({ description: 'Only for platform admins' }) isPlatformAdmin?: boolean;
  @ApiProperty({ type: OrganisationRolesDto, isArray: true }) organisations: OrganisationRolesDto[];
  @ApiProperty() createdAt: Date;
}

export class CreatedUserDto extends UserDto {
  @ApiProperty({ type: PasswordLinkDto, description: 'How the holder sets the first password' })
  passwordLink: PasswordLinkDto;
}

export class UserPageDto extends PageDto(UserDto) {}
