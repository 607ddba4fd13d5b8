import type { Actor } from '@dachwerk/shared';
import type { MeDto } from './dto/auth.dto';

export function toMe(actor: Actor): MeDto {
  return {
    id: actor.userId,
    email: actor.email,
    name: actor.name,
    isPlatformAdmin: actor.isPlatformAdmin,
    organisations: Object.entries(actor.roles).map(([organisationId, roles]) => ({
      organisationId,
      roles,
      initiativeIds: actor.initiativeIds[organisationId] ?? [],
    })),
  };
}
