import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServe, stopServe as stop } from '../support/serve.ts';

describe('convene serve, driven over real HTTP on 127.0.0.1', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'convene-serve-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('answers health, the OpenAPI document and events; admin routes take CONVENE_ADMIN_KEY', async () => {
    const key = 'an-operator-chosen-key-of-some-length';
    const { child, url } = await startServe(join(dir, 'a.db'), { CONVENE_ADMIN_KEY: key });
    try {
      expect(await (await fetch(`${url}/health`)).json()).toEqual({ status: 'ok', storage: 'ok' });
      expect((await (await fetch(`${url}/openapi.json`)).json()).openapi).toBe('3.1.0');
      expect((await (await fetch(`${url}/v1/events`)).json()).events).toEqual([]);
      expect((await fetch(`${url}/v1/sources`)).status).toBe(401);
      const added = await fetch(`${url}/v1/sources`, {
        method: 'POST',
        headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
        body: JSON.stringify({ url: 'https://calendar.example.org/meetups.ics' }),
      });
      expect(added.status).toBe(201);
      const { sources } = await (
        await fetch(`${url}/v1/sources`, { headers: { authorization: `Bearer ${key}` } })
      ).json();
      expect(sources.map((s: { location: string }) => s.location)).toEqual([
        'https://calendar.example.org/meetups.ics',
      ]);
    } finally {
      await stop(child);
    }
  });

  it('the banner points only to routes that answer as it says: open ones without a key, admin ones with it', async () => {
    const key = 'an-operator-chosen-key-of-some-length';
    const { child, url, stderr } = await startServe(join(dir, 'banner.db'), { CONVENE_ADMIN_KEY: key });
    try {
      const banner = stderr()
        .split('\n')
        .find((line) => line.includes('serving on'))!
        .replace(url, '');
      const named = [...banner.matchAll(/(\/[\w/.-]*)( with the admin key)?/g)].map((m) => ({
        route: m[1]!,
        admin: Boolean(m[2]),
      }));
      expect(named.map((n) => n.route)).toEqual(expect.arrayContaining(['/', '/events', '/v1/events', '/v1/sources']));
      for (const { route, admin } of named) {
        expect((await fetch(`${url}${route}`)).status, route).toBe(admin ? 401 : 200);
        if (admin)
          expect((await fetch(`${url}${route}`, { headers: { authorization: `Bearer ${key}` } })).status).toBe(200);
      }
    } finally {
      await stop(child);
    }
  });

  it('without CONVENE_ADMIN_KEY, generates a key, prints it once, stores only its hash, and it keeps working after a restart', async () => {
    const db = join(dir, 'b.db');
    const first = await startServe(db);
    let key: string;
    try {
      key = /Admin API key \(shown once[^)]*\): (cvn_[A-Za-z0-9_-]{43})/.exec(first.stderr())![1]!;
      expect((await fetch(`${first.url}/v1/sources`, { headers: { authorization: `Bearer ${key}` } })).status).toBe(
        200,
      );
    } finally {
      await stop(first.child);
    }
    const sqlite = new Database(db, { readonly: true });
    const stored = sqlite.prepare('SELECT value FROM settings WHERE key = ?').get('admin_key_hash') as {
      value: string;
    };
    sqlite.close();
    expect(stored.value).toMatch(/^[0-9a-f]{64}$/);
    expect(stored.value).not.toContain(key);
    const second = await startServe(db);
    try {
      expect(second.stderr()).not.toMatch(/Admin API key/);
      expect((await fetch(`${second.url}/v1/sources`, { headers: { authorization: `Bearer ${key}` } })).status).toBe(
        200,
      );
    } finally {
      await stop(second.child);
    }
  });
});
