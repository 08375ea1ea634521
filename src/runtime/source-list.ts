import { readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { SourceListSchema, type SourceSpec } from '../core/source.ts';
import { isHttpLocation, normaliseLocation } from './node-deps.ts';

/** A `--sources` file: paths inside it are relative to the file, so a list can travel with its data. */
export function readSourceList(file: string): SourceSpec[] {
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
    return {
      ...spec,
      location: isHttpLocation(spec.location)
        ? normaliseLocation(spec.location)
        : normaliseLocation(spec.location, base),
    };
  });
}
