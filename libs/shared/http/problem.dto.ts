import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional, ApiResponse } from '@nestjs/swagger';

export class FieldErrorDto {
  @ApiProperty({ example: 'email' }) field: string;
  @ApiProperty({ example: 'isEmail' }) rule: string;
  @ApiProperty({ example: 'email must be an email' }) message: string;
}

/** OpenAPI shape of application/problem+json. */
export class ProblemDto {
  @ApiProperty({ example: '/problems/validation-failed' }) type: string;
  @ApiProperty({ example: 'Bad Request' }) title: string;
  @ApiProperty({ example: 400 }) status: number;
  @ApiProperty({ example: 'VALIDATION_FAILED' }) code: string;
  @ApiProperty({ example: 'The request is invalid' }) detail: string;
  @ApiPropertyOptional({ type: FieldErrorDto, isArray: true }) errors?: FieldErrorDto[];
  @ApiProperty({ format: 'uuid' }) errorId: string;
}

const DESCRIPTIONS: Record<number, string> = {
  400: 'Invalid input; `errors` names each field and rule',
  401: 'No valid session',
  403: 'The actor lacks the role',
  404: 'Not found, or outside the actor’s scope',
  409: 'Conflicts with the current state',
  422: 'Breaks a business rule; `code` says which',
  429: 'Too many requests',
  503: 'A dependency is down',
};

/** Documents the problem+json answers of a route. */
export function ApiProblems(...statuses: number[]): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ...statuses.map((status) =>
      ApiResponse({
        status,
        description: DESCRIPTIONS[status] ?? 'Error',
        content: {
          'application/problem+json': { schema: { $ref: '#/components/schemas/ProblemDto' } },
        },
      }),
    ),
  );
}
