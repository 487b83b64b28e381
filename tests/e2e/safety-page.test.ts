import { coachContent } from '../helpers/content.js';
/**
 * Words of crisis on the web page against the real Rapport server (offline engine, fresh SQLite),
 * in Debian's Chromium: the help appears in the same turn, its numbers and sites are real links,
 * and they are still links after a reload (the history re-renders them).
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launchBrowser, openDesktop, seriousAccessibilityViolations } from './helpers/browser.js';
import { say, waitUntilIdle } from './helpers/drive.js';
import { startServer, type RunningServer } from './helpers/server.js';

const texts = coachContent.safety.texts;

let server: RunningServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let problems: string[];

beforeAll(async () => {
  browser = await launchBrowser();
  server = await startServer();
  ({ context, page, problems } = await openDesktop(browser));
  // The helpline site is not fetched from the internet in a test: a stand-in page answers for it.
  await context.route('https://findahelpline.com/**', (route) => route.fulfill({ status: 200, contentType: 'text/html', body: '<!doctype html><title>Find a helpline</title>' }));
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
}, 30_000);

const lastCoachMessage = (target: Page) => target.locator('.message.coach:not(.typing):not(.streaming)').last();

async function expectHelpLinks(target: Page): Promise<void> {
  const message = lastCoachMessage(target);
  const call = message.locator('a[href="tel:988"]');
  expect(await call.count()).toBeGreaterThan(0);
  expect(await call.first().textContent()).toBe('988');
  const site = message.locator('a[href="https://findahelpline.com"]');
  expect(await site.count()).toBeGreaterThan(0);
  expect(await site.first().textContent()).toBe('findahelpline.com');
  expect(await site.first().getAttribute('target')).toBe('_blank');
  expect(await site.first().getAttribute('rel')).toMatch(/\bnoopener\b/);
  // tel: links are phone calls, never new tabs.
  expect(await call.first().getAttribute('target')).toBeNull();
}

describe.sequential('help on the page', () => {
  test('"some days i dont want to wake up anymore" gets the help at once, with working tel: and https: links', async () => {
    await page.goto(server.url);
    await page.getByRole('button', { name: 'Reflect before a coaching session' }).click();
    await page.waitForSelector('.message.coach:not(.typing):not(.streaming)', { timeout: 20_000 });
    await waitUntilIdle(page);

    await say(page, 'some days i dont want to wake up anymore');
    const message = lastCoachMessage(page);
    expect(await message.locator('.message-text').textContent()).toBe(texts.help.suicide.text.join(' '));
    await expectHelpLinks(page);
    // Every link the help text carries is a link on the page, and nothing else in it is markup.
    const anchors = await message.locator('.message-text a').evaluateAll((links) => links.map((link) => ({ text: link.textContent, href: link.getAttribute('href') })));
    for (const link of texts.links.filter((candidate) => texts.help.suicide.text.join(' ').includes(candidate.text))) expect(anchors).toContainEqual(link);
    expect(await message.locator('.message-text *:not(a)').count()).toBe(0);

    // The site opens in a new tab, with no way back to this page (noopener).
    const [tab] = await Promise.all([context.waitForEvent('page'), message.locator('a[href="https://findahelpline.com"]').first().click()]);
    await tab.waitForLoadState();
    expect(tab.url()).toMatch(/^https:\/\/findahelpline\.com\/?$/);
    expect(await tab.evaluate(() => window.opener)).toBeNull();
    await tab.close();
    expect(page.url()).toContain(new URL(server.url).host);

    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    expect(problems).toEqual([]);
  }, 60_000);

  test('while paused the reply still carries the links, and after a reload the history shows them as links again', async () => {
    await say(page, '...');
    expect(await lastCoachMessage(page).locator('.message-text').textContent()).toBe(texts.pausedStill.join(' '));
    await expectHelpLinks(page);

    await page.reload();
    await page.waitForSelector('.message.coach:not(.typing):not(.streaming)', { timeout: 20_000 });
    await waitUntilIdle(page);
    await expectHelpLinks(page);
    const crisisReply = page.locator('.message.coach', { hasText: texts.help.suicide.text[0]! }).first();
    expect(await crisisReply.locator('a[href="tel:988"]').count()).toBeGreaterThan(0);
    // Ordinary coach messages stay plain text.
    expect(await page.locator('.message.coach').first().locator('a').count()).toBe(0);
    expect(problems).toEqual([]);
  }, 60_000);
});
