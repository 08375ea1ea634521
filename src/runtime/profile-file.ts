import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { z } from 'zod';
import { defaultLexicon } from '../core/lexicon.ts';
import { type Contact, ContactSchema, describeZodError, type Profile, ProfileSchema } from '../core/profile.ts';
import { readVcards } from '../network/vcard.ts';
import { renderDemoTemplate } from './demo-template.ts';

export class ProfileError extends Error {}

/** A file a profile command reads; `label` names it in the error when it cannot be read. */
export function readProfileInput(path: string, label = path): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new ProfileError(`${label}: cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
}

export function readJsonFile(path: string): unknown {
  const text = readProfileInput(path);
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new ProfileError(`${path}: not valid JSON (${(error as Error).message})`);
  }
}

const ContactListSchema = z.union([
  z.array(ContactSchema),
  z.object({ contacts: z.array(ContactSchema) }).transform((v) => v.contacts),
]);

/** A contacts file is a vCard export or JSON (an array of contacts, or `{ "contacts": [...] }`). */
function readContactsFile(path: string, warnings: string[]): Contact[] {
  const text = readProfileInput(path, `contactsFile ${path}`);
  if (/^\uFEFF?\s*BEGIN:VCARD/i.test(text)) {
    const result = readVcards(text, defaultLexicon());
    warnings.push(...result.warnings.map((w) => `${path}: ${w}`));
    return result.contacts;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new ProfileError(`contactsFile ${path}: neither a vCard nor valid JSON`);
  }
  const parsed = ContactListSchema.safeParse(json);
  if (!parsed.success) throw new ProfileError(`contactsFile ${path}:\n${describeZodError(parsed.error)}`);
  return parsed.data;
}

export interface LoadedProfile {
  profile: Profile;
  /** Inline contacts and those of contactsFile together. */
  contacts: Contact[];
  warnings: string[];
}

/** Reads and checks a profile file; every problem names the file and the field path. */
/** The demo profile's meeting dates are written relative to now (see demo-template.ts). */
export function isTemplateFile(path: string): boolean {
  return /\.template\.json$/i.test(path);
}

/** Commands that write contacts back need a profile of the user's own, not the demo's template. */
export function refuseTemplate(path: string): void {
  if (isTemplateFile(path))
    throw new ProfileError(
      `${path} is a template whose dates follow today; copy it to a profile of your own (without .template) to record contacts`,
    );
}

export function loadProfile(path: string, nowMs = Date.now()): LoadedProfile {
  let json = readJsonFile(path);
  if (isTemplateFile(path)) json = JSON.parse(renderDemoTemplate(JSON.stringify(json), nowMs));
  const parsed = ProfileSchema.safeParse(json);
  if (!parsed.success) throw new ProfileError(`${path}: invalid profile\n${describeZodError(parsed.error)}`);
  const profile = parsed.data;
  const warnings: string[] = [];
  const fromFile = profile.contactsFile ? readContactsFile(resolve(dirname(path), profile.contactsFile), warnings) : [];
  return { profile, contacts: [...profile.contacts, ...fromFile], warnings };
}

/** Writes next to the file and renames over it, so a crash never leaves half a profile. */
export function writeJsonAtomically(path: string, value: unknown): void {
  const temporary = `${path}.tmp-${process.pid}`;
  writeFileSync(temporary, `${JSON.stringify(value, null, 2)}\n`);
  renameSync(temporary, path);
}
