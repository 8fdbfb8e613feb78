import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { ApiProperty, DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { Test } from '@nestjs/testing';
import { ERROR_CODES, FIELD_ERROR_CODES } from '@admit/shared';
import { IsString } from 'class-validator';
import { Public, RequireScope } from '../../src/common/auth/principal.js';
import { completeOpenApiDocument } from '../../src/common/http/openapi-contract.js';
import { buildOpenApiDocument } from '../../src/app.factory.js';
import { REFUSAL_STATUS } from '../../src/modules/redemptions/redemptions.errors.js';
import { bootTestApp, type TestApp } from '../utils/test-app.js';

interface Response {
  $ref?: string;
  description?: string;
  content?: Record<
    string,
    { schema?: { $ref?: string }; examples?: Record<string, { value: { code: string } }> }
  >;
}
interface Operation {
  operationId: string;
  summary?: string;
  parameters?: { name: string; in: string }[];
  requestBody?: { content: Record<string, { examples?: object }> };
  security?: Record<string, string[]>[];
  responses: Record<string, Response>;
}

function operations(doc: OpenAPIObject): [string, Operation][] {
  return Object.entries(doc.paths).flatMap(([path, item]) =>
    Object.entries(item as Record<string, Operation>).map(([method, op]): [string, Operation] => [
      `${method.toUpperCase()} ${path}`,
      op,
    ]),
  );
}

function resolve(doc: OpenAPIObject, response: Response): Response {
  if (!response.$ref) return response;
  const name = response.$ref.replace('#/components/responses/', '');
  return (doc.components!.responses as Record<string, Response>)[name]!;
}

/** The statuses every operation of this shape must document, whatever its controller says. */
function requiredStatuses(op: Operation): string[] {
  const params = op.parameters ?? [];
  const secured = (op.security ?? []).length > 0;
  return [
    ...(op.requestBody || params.some((p) => p.in !== 'header') ? ['400'] : []),
    ...(secured ? ['401', '403'] : []),
    ...(params.some((p) => p.in === 'path') ? ['404'] : []),
    ...(op.requestBody ? ['413', '415'] : []),
    ...(params.some((p) => p.name === 'Idempotency-Key') ? ['422'] : []),
    '500',
    '503',
  ];
}

/** Every 4xx/5xx is problem+json with the Problem schema, and its examples carry codes of that list. */
function expectProblems(doc: OpenAPIObject, name: string, op: Operation): void {
  const statuses = Object.keys(op.responses);
  expect({ name, missing: requiredStatuses(op).filter((s) => !statuses.includes(s)) }).toEqual({
    name,
    missing: [],
  });
  for (const status of statuses.filter((s) => Number(s) >= 400)) {
    const response = resolve(doc, op.responses[status]!);
    const media = response.content?.['application/problem+json'];
    expect({ name, status, schema: media?.schema?.$ref }).toEqual({
      name,
      status,
      schema: '#/components/schemas/Problem',
    });
    for (const example of Object.values(media?.examples ?? {}))
      expect(ERROR_CODES as readonly string[]).toContain(example.value.code);
  }
}

describe('the OpenAPI document is the contract (integration)', () => {
  let t: TestApp;
  let doc: OpenAPIObject;
  beforeAll(async () => {
    t = await bootTestApp();
    doc = JSON.parse(JSON.stringify(buildOpenApiDocument(t.app))) as OpenAPIObject;
  });
  afterAll(() => t.close());

  it('gives every operation a summary, a success and every error answer as Problem', () => {
    const ops = operations(doc);
    expect(ops.length).toBeGreaterThan(40);
    for (const [name, op] of ops) {
      expect({ name, summary: Boolean(op.summary?.trim()) }).toEqual({ name, summary: true });
      expect({ name, success: Object.keys(op.responses).some((s) => /^2\d\d$/.test(s)) }).toEqual({
        name,
        success: true,
      });
      expectProblems(doc, name, op);
    }
  });

  it('types Problem.code as the shared error codes and FieldError.code as the field codes', () => {
    const schemas = doc.components!.schemas as Record<
      string,
      { properties: Record<string, { enum?: string[] }> }
    >;
    expect(schemas.Problem!.properties.code!.enum).toEqual([...ERROR_CODES]);
    expect(schemas.FieldError!.properties.code!.enum).toEqual([...FIELD_ERROR_CODES]);
  });

  it('declares opaque bearer schemes and the one each operation really accepts', () => {
    const schemes = doc.components!.securitySchemes as Record<string, { bearerFormat?: string }>;
    expect(Object.keys(schemes).sort()).toEqual(['apiKey', 'session', 'sessionCookie']);
    for (const scheme of Object.values(schemes)) expect(scheme.bearerFormat).toBeUndefined();
    const byId = new Map(operations(doc).map(([, op]) => [op.operationId, op]));
    expect(byId.get('redeemCode')!.security).toEqual([{ apiKey: [] }]);
    expect(byId.get('listProjects')!.security).toEqual([{ session: [] }, { sessionCookie: [] }]);
    expect(byId.get('login')!.security).toEqual([]);
    expect(byId.get('getActivationCode')!.security).toEqual([]);
    // Headers the server reads for itself are not asked of the caller.
    expect(byId.get('redeemCode')!.parameters!.map((p) => p.name)).toEqual(['Idempotency-Key']);
  });

  it('lists every refusal of a redemption under its status, with examples of the service endpoints', () => {
    const redeem = operations(doc).find(([, op]) => op.operationId === 'redeemCode')![1];
    for (const [code, status] of Object.entries(REFUSAL_STATUS)) {
      const examples = resolve(doc, redeem.responses[String(status)]!).content!['application/problem+json']!
        .examples!;
      expect({ code, status, documented: code in examples }).toEqual({ code, status, documented: true });
    }
    const validate = operations(doc).find(([, op]) => op.operationId === 'validateCode')![1];
    for (const op of [redeem, validate]) {
      expect(Object.keys(op.requestBody!.content['application/json']!.examples ?? {})).not.toHaveLength(0);
      const success = Object.entries(op.responses).find(([s]) => s.startsWith('2'))![1];
      const media = success.content!['application/json'] as { example?: object; examples?: object };
      expect(media.example ?? media.examples).toBeDefined();
    }
  });
});

class ProbeDto {
  @ApiProperty() @IsString() name: string;
}

@Controller('probe')
class ProbeController {
  @Post(':id')
  @RequireScope('codes:read')
  touchProbe(@Param('id') id: string, @Body() body: ProbeDto): string {
    return id + body.name;
  }

  @Get()
  @Public()
  listProbes(): string[] {
    return [];
  }
}

describe('an endpoint added later (integration)', () => {
  it('gets its error responses, security and summary without declaring them', async () => {
    const module = await Test.createTestingModule({ controllers: [ProbeController] }).compile();
    const app = module.createNestApplication<NestFastifyApplication>(new FastifyAdapter());
    await app.init();
    try {
      const doc = completeOpenApiDocument(
        SwaggerModule.createDocument(app, new DocumentBuilder().build(), {
          operationIdFactory: (_c, method) => method,
        }),
        app,
      );
      const [, touch] = operations(doc).find(([, op]) => op.operationId === 'touchProbe')!;
      expect(touch.summary).toBe('Touch probe');
      expect(touch.security).toEqual([{ apiKey: [] }]);
      expect(Object.keys(touch.responses).sort()).toEqual(
        ['201', '400', '401', '403', '404', '413', '415', '500', '503'].sort(),
      );
      expectProblems(doc, 'touchProbe', touch);
      const [, list] = operations(doc).find(([, op]) => op.operationId === 'listProbes')!;
      expect(list.security).toEqual([]);
      expect(Object.keys(list.responses).sort()).toEqual(['200', '500', '503']);
    } finally {
      await app.close();
    }
  });
});
