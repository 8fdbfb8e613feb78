import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The committed contract: the same file the console's client is generated from. */
export const OPENAPI_PATH = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../../libs/api-client/openapi.json',
);

export interface Schema {
  $ref?: string;
  type?: string;
  format?: string;
  enum?: unknown[];
  nullable?: boolean;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
  allOf?: Schema[];
}

export interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header';
  required: boolean;
  schema: Schema;
}

export interface Operation {
  operationId: string;
  method: 'get' | 'post' | 'patch' | 'put' | 'delete';
  /** The OpenAPI template, e.g. `/api/v1/projects/{projectId}/codes/{codeId}`. */
  template: string;
  pathParams: Parameter[];
  queryParams: Parameter[];
  headerParams: Parameter[];
  body?: Schema;
  /** False for operations that need no credentials (login, public activation, signed links). */
  secured: boolean;
}

interface Document {
  paths: Record<string, Record<string, RawOperation>>;
  components: { schemas: Record<string, Schema> };
}

interface RawOperation {
  operationId: string;
  parameters?: Parameter[];
  requestBody?: { content: Record<string, { schema: Schema }> };
  security?: unknown[];
}

const METHODS = ['get', 'post', 'patch', 'put', 'delete'] as const;

export class OpenApi {
  readonly operations: Operation[];
  private readonly schemas: Record<string, Schema>;

  constructor(doc: Document = JSON.parse(readFileSync(OPENAPI_PATH, 'utf8')) as Document) {
    this.schemas = doc.components.schemas;
    this.operations = [];
    for (const [template, item] of Object.entries(doc.paths)) {
      for (const method of METHODS) {
        const raw = item[method];
        if (!raw) continue;
        const params = dedupe(raw.parameters ?? []);
        this.operations.push({
          operationId: raw.operationId,
          method,
          template,
          pathParams: params.filter((p) => p.in === 'path'),
          queryParams: params.filter((p) => p.in === 'query'),
          headerParams: params.filter((p) => p.in === 'header'),
          body: raw.requestBody?.content['application/json']?.schema,
          secured: Boolean(raw.security?.length),
        });
      }
    }
  }

  /** The schema behind a `$ref` (and the members of an `allOf`, merged). */
  resolve(schema: Schema): Schema {
    if (schema.$ref) return this.resolve(this.schemas[schema.$ref.replace('#/components/schemas/', '')]);
    if (schema.allOf) {
      const parts = schema.allOf.map((s) => this.resolve(s));
      return {
        type: 'object',
        properties: Object.assign({}, ...parts.map((p) => p.properties ?? {})),
        required: parts.flatMap((p) => p.required ?? []),
      };
    }
    return schema;
  }
}

/** Header names are case-insensitive: Swagger lists `idempotency-key` and `Idempotency-Key`. */
function dedupe(params: Parameter[]): Parameter[] {
  const seen = new Map<string, Parameter>();
  for (const p of params) {
    const key = `${p.in}:${p.in === 'header' ? p.name.toLowerCase() : p.name}`;
    const prev = seen.get(key);
    seen.set(key, prev ? { ...prev, required: prev.required && p.required } : p);
  }
  return [...seen.values()];
}

/**
 * Percent-encodes a path segment or query value. A lone surrogate has no UTF-8 form, so it is
 * sent as the bytes a careless client would send (`%ED%A0%80`), which the server must refuse.
 */
export function encodeComponent(value: string): string {
  try {
    return encodeURIComponent(value);
  } catch {
    return [...value]
      .map((ch) => {
        const c = ch.charCodeAt(0);
        if (ch.length === 1 && c >= 0xd800 && c <= 0xdfff)
          return `%${(0xe0 | (c >> 12)).toString(16)}%${(0x80 | ((c >> 6) & 0x3f)).toString(16)}%${(0x80 | (c & 0x3f)).toString(16)}`.toUpperCase();
        return encodeURIComponent(ch);
      })
      .join('');
  }
}

/** The request path for `op` with the given path parameter values (encoded here). */
export function fillPath(op: Operation, values: Record<string, string>): string {
  return op.template.replace(/\{([^}]+)\}/g, (_, name: string) => encodeComponent(values[name] ?? ''));
}

export function queryString(values: Record<string, string>): string {
  const parts = Object.entries(values).map(([k, v]) => `${encodeComponent(k)}=${encodeComponent(v)}`);
  return parts.length ? `?${parts.join('&')}` : '';
}
