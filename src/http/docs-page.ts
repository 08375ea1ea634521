import { html } from 'hono/html';
import { plainPage } from './plain-page.ts';

interface Operation {
  summary?: string;
  security?: Record<string, unknown>[];
  'x-admin-only'?: boolean;
  parameters?: {
    name: string;
    in: string;
    required?: boolean;
    description?: string;
    schema?: { type?: string; enum?: unknown[] };
  }[];
  requestBody?: { content?: Record<string, unknown> };
  responses?: Record<string, { description?: string }>;
}

interface OpenApiDocument {
  info: { title: string; version: string; description?: string };
  paths?: Record<string, Record<string, Operation>>;
}

/** `x-admin-only` marks routes only the admin key opens; other keyed routes take a user's key too. */
function whoMayCall(op: Operation): string {
  if (!op.security?.length) return '';
  if (op['x-admin-only']) return ' · needs the admin key (Authorization: Bearer)';
  return ' · needs the API key of that user or the admin key (Authorization: Bearer)';
}

/**
 * The API reference as plain HTML from the OpenAPI document itself: no script, so nothing is loaded from
 * a CDN, it works under the page's strict CSP and offline, and it cannot drift from /openapi.json.
 */
export function renderDocsPage(doc: OpenApiDocument) {
  const operations = Object.entries(doc.paths ?? {}).flatMap(([path, ops]) =>
    Object.entries(ops).map(([method, op]) => ({ path, method: method.toUpperCase(), op })),
  );
  const parameter = (p: NonNullable<Operation['parameters']>[number]) =>
    html`<li><code>${p.name}</code> (${p.in}${p.required ? ', required' : ''}${p.schema?.type ? `, ${p.schema.type}` : ''})${p.schema?.enum ? html`: one of ${p.schema.enum.join(', ')}` : ''}${p.description ? html` · ${p.description}` : ''}</li>`;
  return plainPage({
    title: `${doc.info.title} ${doc.info.version}`,
    maxWidth: '56rem',
    css: `section { border-top: 1px solid #ddd; padding: 0.5rem 0; } h2 { font-size: 1.05rem; margin: 0.3rem 0; }
      .m { display: inline-block; min-width: 4rem; font-weight: 600; } ul { margin: 0.2rem 0; } code { font-size: 0.95em; }`,
    body: html`<header>
      <h1>${doc.info.title} ${doc.info.version}</h1>
      <p>${doc.info.description ?? ''} The machine-readable document is <a href="/openapi.json">/openapi.json</a> (OpenAPI 3.1).</p>
    </header>
    <main>
      ${operations.map(
        ({ path, method, op }) => html`<section>
          <h2><span class="m">${method}</span> <code>${path}</code></h2>
          <p>${op.summary ?? ''}${whoMayCall(op)}</p>
          ${op.parameters?.length ? html`<ul>${op.parameters.map(parameter)}</ul>` : ''}
          ${op.requestBody?.content ? html`<p>Body: ${Object.keys(op.requestBody.content).join(', ')}</p>` : ''}
          <p>Responses: ${Object.entries(op.responses ?? {})
            .map(([code, r]) => `${code} ${r.description ?? ''}`)
            .join(' · ')}</p>
        </section>`,
      )}
    </main>`,
  });
}
