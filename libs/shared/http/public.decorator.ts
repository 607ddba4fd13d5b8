import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC = 'dachwerk:isPublic';

/** Opens a route to unauthenticated callers. Everything else needs a session. */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(IS_PUBLIC, true);
