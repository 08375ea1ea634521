import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { SourceListSchema, type SourceSpec } from '../core/source.ts';
import { stableId } from '../core/stable-id.ts';
import { renderDemoTemplate } from './demo-template.ts';
import { isHttpLocation, normaliseLocation } from './node-deps.ts';

const TEMPLATE = /\.template(\.[a-z0-9]+)$/i;

/**
 * A `name.template.ext` file (the demo's dated sources) is read as `name.ext` with its dates placed
 * relative to now (see demo-template.ts). The rendered copy has a fixed path per template, so the
 * source keeps its identity, and is rewritten only when an edition rolls over.
 */
function renderedTemplate(path: string, nowMs: number): string {
  const dir = join(tmpdir(), `convene-demo-${stableId(path)}`);
  const target = join(dir, basename(path).replace(TEMPLATE, '$1'));
  const text = renderDemoTemplate(readFileSync(path, 'utf8'), nowMs);
  let current: string | null = null;
  try {
    current = readFileSync(target, 'utf8');
  } catch {
    mkdirSync(dir, { recursive: true });
  }
  if (current !== text) writeFileSync(target, text);
  return target;
}

/** A `--sources` file: paths inside it are relative to the file, so a list can travel with its data. */
export function readSourceList(file: string, nowMs = Date.now()): SourceSpec[] {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(
      `${file}: ${error instanceof SyntaxError ? `not valid JSON (${error.message})` : 'cannot be read'}`,
    );
  }
  const parsed = SourceListSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`${file}: ${issue?.path.join('.') || '(root)'}: ${issue?.message}`);
  }
  const base = dirname(file);
  return parsed.data.sources.map((spec) => {
    if (isHttpLocation(spec.location)) return { ...spec, location: normaliseLocation(spec.location) };
    const path = normaliseLocation(spec.location, base);
    return { ...spec, location: TEMPLATE.test(path) ? renderedTemplate(path, nowMs) : path };
  });
}
