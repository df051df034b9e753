import { applyDecorators, type CallHandler, type ExecutionContext, Injectable, type NestInterceptor, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ApiBody, ApiParam, ApiQuery } from '@nestjs/swagger';
import type { Request } from 'express';
import { z } from 'zod';
import { DomainException } from './domain-exception';
import type { ErrorCode } from '@sa/contracts';

type Schemas = { body?: z.ZodType; query?: z.ZodType; params?: z.ZodType };
const VALIDATE = 'sa:validate';

/**
 * Validates and replaces the request's body, query and params with the contracts' zod schemas
 * (the same schemas the miniapp uses), and documents them in the OpenAPI document.
 * `errorCodes` lets a route name the code for a failing field (e.g. `{ from: 'INVALID_DATE' }`).
 */
export function Validate(schemas: Schemas, errorCodes: Record<string, ErrorCode> = {}): MethodDecorator {
  const docs: MethodDecorator[] = [];
  if (schemas.body) docs.push(ApiBody({ schema: jsonSchema(schemas.body) }));
  for (const [name, prop] of Object.entries(objectProperties(schemas.query))) {
    docs.push(ApiQuery({ name, required: false, schema: prop }));
  }
  for (const [name, prop] of Object.entries(objectProperties(schemas.params))) {
    docs.push(ApiParam({ name, schema: prop }));
  }
  return applyDecorators(SetMetadata(VALIDATE, { schemas, errorCodes }), ...docs);
}

function jsonSchema(schema: z.ZodType): Record<string, unknown> {
  return z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
}

function objectProperties(schema: z.ZodType | undefined): Record<string, Record<string, unknown>> {
  if (!schema) return {};
  const js = jsonSchema(schema) as { properties?: Record<string, Record<string, unknown>> };
  return js.properties ?? {};
}

@Injectable()
export class ValidationInterceptor implements NestInterceptor {
  constructor(private readonly reflector: Reflector) {}

  intercept(context: ExecutionContext, next: CallHandler) {
    const meta = this.reflector.get<{ schemas: Schemas; errorCodes: Record<string, ErrorCode> } | undefined>(VALIDATE, context.getHandler());
    if (meta) {
      const req = context.switchToHttp().getRequest<Request>();
      for (const part of ['params', 'query', 'body'] as const) {
        const schema = meta.schemas[part];
        if (!schema) continue;
        const parsed = schema.safeParse(req[part] ?? {});
        if (!parsed.success) throw toValidationError(parsed.error, meta.errorCodes);
        // Express 5 defines req.query as a getter, so replace the property rather than assign it.
        Object.defineProperty(req, part, { value: parsed.data, writable: true, configurable: true, enumerable: true });
      }
    }
    return next.handle();
  }
}

export function toValidationError(error: z.ZodError, errorCodes: Record<string, ErrorCode> = {}): DomainException {
  const details = error.issues.map((i) => ({ path: i.path.join('.'), message: chineseIssue(i) }));
  const first = error.issues[0];
  const special = first ? errorCodes[String(first.path[0])] : undefined;
  if (special) return new DomainException(special, undefined, details);
  const summary = details.map((d) => (d.path ? `${d.path}：${d.message}` : d.message)).join('；');
  return new DomainException('VALIDATION_FAILED', `提交的内容不符合要求：${summary}`, details);
}

/** zod's default messages are English; custom messages in the contracts are already Chinese. */
function chineseIssue(issue: z.core.$ZodIssue): string {
  if (/[\u4e00-\u9fff]/.test(issue.message)) return issue.message;
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined ? '必填' : '类型不正确';
    case 'too_small':
      return issue.origin === 'string' ? `至少 ${String(issue.minimum)} 个字符` : `不能小于 ${String(issue.minimum)}`;
    case 'too_big':
      return issue.origin === 'string' ? `不能超过 ${String(issue.maximum)} 个字符` : `不能大于 ${String(issue.maximum)}`;
    case 'invalid_value':
      return `取值应为：${issue.values.map(String).join('、')}`;
    case 'invalid_format':
      return '格式不正确';
    case 'unrecognized_keys':
      return `不支持的字段：${issue.keys.join('、')}`;
    default:
      return '内容不正确';
  }
}
