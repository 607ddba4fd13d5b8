import { applyDecorators } from '@nestjs/common';
import { ApiExtension, ApiOperation } from '@nestjs/swagger';

/**
 * What an operation does, in both languages of the API: German as the OpenAPI `summary`
 * (what Swagger UI and generated clients show first — the users are German staff) and
 * English as the extension `x-summary-en`. Every operation has both; the OpenAPI test
 * (`test/e2e/openapi-summaries.e2e-spec.ts`) walks /docs-json and fails on one without.
 */
export const Summary = (german: string, english: string): MethodDecorator =>
  applyDecorators(ApiOperation({ summary: german }), ApiExtension('x-summary-en', english));
