import { SetMetadata } from '@nestjs/common';
import type { JobName } from './job-registry';

export const JOB_HANDLER = Symbol('JOB_HANDLER');

/** Marks a provider method as the handler of a registered job (worker only). */
export const JobHandler = (name: JobName): MethodDecorator => SetMetadata(JOB_HANDLER, name);
