import { mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { serve } from '@hono/node-server';
import ICAL from 'ical.js';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { demoApp } from '../support/demo-app.ts';
import { HOSTILE_TITLE, hostileRecord } from '../support/hostile-event.ts';
import { describeWith } from '../support/needs-component.ts';
import { chromiumPath } from '../support/system-components.ts';

const NOW = '2026-11-27T08:00:00Z';
const ARTIFACTS = join(import.meta.dirname, '..', 'artifacts');

/**
 * The page in a real browser: the Debian Chromium, headless, driven by playwright-core, against the
 * app served over TCP on 127.0.0.1. No JavaScript of ours runs in the page; these tests click what a
 * person would click.
 */
describeWith('chromium')('the personal page in headless Chromium', () => {
  let demo: Awaited<ReturnType<typeof demoApp>>;
  let server: ReturnType<typeof serve>;
  let base: string;
  let browser: Browser;
  let pageUrl: string;

  beforeAll(async () => {
    demo = await demoApp(NOW, { extraRecords: [hostileRecord()] });
    await new Promise<void>((resolve) => {
      server = serve({ fetch: demo.app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve());
    });
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    pageUrl = `${base}/u/${demo.user.feedToken}`;
    browser = await chromium.launch({
      executablePath: chromiumPath(),
      // /dev/shm is small in containers (64 MB by default in Docker); Chromium then uses /tmp instead.
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-dev-shm-usage',
      ],
    });
    mkdirSync(ARTIFACTS, { recursive: true });
  });
  afterAll(async () => {
    await browser?.close();
    server?.close();
    await demo?.db.cleanup();
  });

  async function open(width: number, height: number): Promise<Page> {
    const context = await browser.newContext({ viewport: { width, height }, javaScriptEnabled: true });
    const page = await context.newPage();
    // Nothing may leave the machine: every request the page makes must go to our server.
    page.on('request', (request) => {
      if (!request.url().startsWith(base) && !request.url().startsWith('data:'))
        throw new Error(`request left loopback: ${request.url()}`);
    });
    await page.goto(pageUrl);
    return page;
  }

  it('renders the demo picks with their reasons (screenshots at desktop and phone width)', async () => {
    const page = await open(1280, 900);
    const cards = page.locator('section[aria-labelledby="picks"] article.pick');
    expect(await cards.count()).toBeGreaterThanOrEqual(5);
    for (const card of await cards.all()) {
      expect(await card.locator('h4').innerText()).toMatch(/^#\d+ \S/);
      expect(await card.locator('ul.reasons li').count()).toBeGreaterThan(0);
    }
    await expect.poll(() => page.locator('h2#give').isVisible()).toBe(true);
    expect(await page.getByRole('heading', { name: 'Your network' }).isVisible()).toBe(true);
    expect(await page.getByText(/Grace Hopper, close, last seen 9 months ago/).isVisible()).toBe(true);
    await page.screenshot({ path: join(ARTIFACTS, 'page-desktop.png'), fullPage: true });

    const phone = await open(390, 844);
    // Readable on a phone: nothing wider than the screen.
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await phone.screenshot({ path: join(ARTIFACTS, 'page-phone.png'), fullPage: false });
    await phone.context().close();
    await page.context().close();
  });

  it('is usable from the keyboard, every control has a label, text has 4.5:1 contrast, landmarks are there', async () => {
    const page = await open(1280, 900);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to picks');
    const unlabelled = await page.evaluate(
      () =>
        [...document.querySelectorAll('input:not([type=hidden]), select, textarea')].filter(
          (el) => (el as HTMLInputElement).labels?.length === 0 && !el.getAttribute('aria-label'),
        ).length,
    );
    expect(unlabelled).toBe(0);
    for (const landmark of ['header', 'nav', 'main', 'footer']) expect(await page.locator(landmark).count()).toBe(1);
    // WCAG 2 contrast of every piece of text against the background it sits on: at least 4.5:1.
    const lowContrast = await page.evaluate(() => {
      const rgb = (color: string) => (color.match(/[\d.]+/g) ?? []).map(Number);
      const luminance = ([r, g, b]: number[]) => {
        const channel = (v: number) => {
          const c = v / 255;
          return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
        };
        return 0.2126 * channel(r!) + 0.7152 * channel(g!) + 0.0722 * channel(b!);
      };
      const background = (el: Element | null): number[] => {
        for (let node = el; node; node = node.parentElement) {
          const [r, g, b, a = 1] = rgb(getComputedStyle(node).backgroundColor);
          if (a > 0) return [r!, g!, b!];
        }
        return [255, 255, 255];
      };
      const failures: string[] = [];
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const el = node.parentElement!;
        if (!node.textContent?.trim() || el.closest('.skip') || el.getClientRects().length === 0) continue;
        const fg = luminance(rgb(getComputedStyle(el).color));
        const bg = luminance(background(el));
        const ratio = (Math.max(fg, bg) + 0.05) / (Math.min(fg, bg) + 0.05);
        if (ratio < 4.5)
          failures.push(`${ratio.toFixed(2)} ${el.tagName}.${el.className}: ${node.textContent.trim().slice(0, 30)}`);
      }
      return failures;
    });
    expect(lowContrast).toEqual([]);
    // The filters work by keyboard alone: choose "Online" and submit with Enter.
    await page.getByLabel('Where').selectOption('online');
    await page.getByRole('button', { name: 'Apply filters' }).press('Enter');
    await page.waitForURL(/where=online/);
    const kinds = await page.locator('section[aria-labelledby="picks"] article.pick .meta').allInnerTexts();
    expect(kinds.length).toBeGreaterThan(0);
    for (const meta of kinds) expect(meta).toMatch(/Online|online/);
    await page.context().close();
  });

  it('Not interested removes the pick, and the next load agrees', async () => {
    const page = await open(1280, 900);
    const first = page
      .locator('section[aria-labelledby="picks"] article.pick')
      .filter({ hasNotText: '<script>' })
      .first();
    const id = await first.getAttribute('aria-labelledby');
    const title = await first.locator('h4 a, h4').first().innerText();
    await first.getByRole('button', { name: 'Not interested' }).click();
    await page.waitForURL(/done=not-interested/);
    expect(await page.getByRole('status').innerText()).toContain('Dismissed');
    expect(await page.locator(`[aria-labelledby="${id}"]`).count()).toBe(0);
    await page.goto(pageUrl);
    expect(await page.locator(`[aria-labelledby="${id}"]`).count()).toBe(0);
    expect(title.length).toBeGreaterThan(0);
    await page.context().close();
  });

  it('"Places worth going back to" shows venues with reasons, and Follow works from the keyboard', async () => {
    const page = await open(1280, 900);
    const cards = page.locator('section[aria-labelledby="venues"] article.venue');
    expect(await cards.count()).toBeGreaterThanOrEqual(3);
    for (const card of await cards.all()) {
      expect(await card.locator('ul.reasons li').count()).toBeGreaterThan(0);
      expect(await card.locator('.meta time').count()).toBe(1);
    }
    const first = cards.first();
    const name = await first.locator('h3').innerText();
    await first.getByRole('button', { name: 'Follow' }).focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(/venueDone=follow/);
    expect(await page.getByRole('status').innerText()).toContain(`You follow “${name}”`);
    const followed = page.locator('section[aria-labelledby="venues"] article.venue', { hasText: 'You follow this.' });
    expect(await followed.locator('h3').innerText()).toBe(name);
    await page.screenshot({ path: join(ARTIFACTS, 'page-venues.png'), fullPage: true });
    await page.context().close();
  });

  it('the subscribe link points at a working calendar', async () => {
    const page = await open(1280, 900);
    const webcal = await page.getByRole('link', { name: 'Subscribe in your calendar app' }).getAttribute('href');
    expect(webcal).toBe(`webcal://127.0.0.1:${new URL(base).port}/cal/${demo.user.feedToken}.ics`);
    const google = await page.getByRole('link', { name: 'Add to Google Calendar' }).getAttribute('href');
    expect(new URL(google!).searchParams.get('cid')).toBe(webcal);
    const response = await fetch(webcal!.replace(/^webcal:/, 'http:'));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    const calendar = new ICAL.Component(ICAL.parse(await response.text()));
    expect(calendar.getAllSubcomponents('vevent').length).toBeGreaterThan(0);
    const alternates = await page
      .locator('link[rel=alternate]')
      .evaluateAll((links) => links.map((l) => l.getAttribute('type')));
    expect(alternates).toEqual(['application/atom+xml', 'application/feed+json', 'text/calendar']);
    await page.context().close();
  });

  it('O1 a title carrying <script> shows as text and runs nothing', async () => {
    const page = await open(1280, 900);
    const dialogs: string[] = [];
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    const heading = page.locator('h4', { hasText: '<script>' });
    expect(await heading.count()).toBeGreaterThan(0);
    expect(await heading.first().innerText()).toContain(HOSTILE_TITLE);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(await page.locator('script').count()).toBe(0);
    expect(await page.locator('img').count()).toBe(0);
    const hrefs = await page.locator('a[href]').evaluateAll((links) => links.map((l) => l.getAttribute('href')!));
    for (const href of hrefs) expect(href).toMatch(/^(https?:|webcal:|mailto:|\/|#)/);
    expect(dialogs).toEqual([]);
    await page.context().close();
  });
});
