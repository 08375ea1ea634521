import Ajv2020 from 'ajv/dist/2020.js';
import { expect } from 'vitest';

type OpenApi = {
  paths: Record<
    string,
    Record<string, { responses: Record<string, { content?: Record<string, { schema: object }> }> }>
  >;
  components: { schemas: Record<string, object> };
};

/**
 * A checker of answers against the app's published OpenAPI document (`/openapi.json`): the errors of
 * `body` as the documented 200 JSON answer of GET `path`, none when it agrees.
 */
export async function documentedAnswers(app: { request(path: string): Response | Promise<Response> }) {
  const document = (await (await app.request('/openapi.json')).json()) as OpenApi;
  // OpenAPI 3.1 schemas are JSON Schema 2020-12; `$ref`s point into the document's components.
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  ajv.addSchema({ $id: 'doc', components: document.components }, 'doc');
  return (path: string, body: unknown): string[] => {
    const schema = document.paths[path]?.get?.responses['200']?.content?.['application/json']?.schema;
    expect(schema, `${path} documents its 200 answer`).toBeDefined();
    const refs = JSON.parse(JSON.stringify(schema).replaceAll('"#/components/', '"doc#/components/'));
    const check = ajv.compile(refs);
    return check(body) ? [] : (check.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
  };
}
