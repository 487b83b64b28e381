/**
 * What trainers and new coaches do on the page, against the real server in real Chromium: add a
 * client of their own (problems named by field, a preview, then it is in the lists) and try one of
 * their rehearsal turns differently (a branch, compared with the first try).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launchBrowser, openDesktop, seriousAccessibilityViolations, settle } from './helpers/browser.js';
import { repositoryRoot } from './helpers/build.js';
import { waitUntilIdle } from './helpers/drive.js';
import { startServer, type RunningServer } from './helpers/server.js';

let server: RunningServer;
let browser: Browser;
const base = JSON.parse(readFileSync(path.join(repositoryRoot, 'content/personas/01-new-manager-delegation.json'), 'utf8')) as Record<string, unknown>;
const suffix = Date.now().toString(36);
const persona: Record<string, unknown> & { id: string; name: string; brief: string } = { ...base, id: `e2e-pharmacist-${suffix}`, name: `Sam ${suffix}, a pharmacist`, brief: 'Sam runs a busy pharmacy counter and wants to talk about a new team.' };

beforeAll(async () => {
  browser = await launchBrowser();
  server = await startServer();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
}, 30_000);

function finished(page: Page, role: 'coach' | 'client') {
  return page.locator(`.messages > .message.${role}:not(.typing):not(.streaming)`);
}

async function coachSays(page: Page, text: string): Promise<void> {
  const before = await finished(page, 'client').count();
  await page.locator('#composer-input').fill(text);
  await page.locator('#composer-input').press('Enter');
  await expect.poll(() => finished(page, 'client').count(), { timeout: 20_000 }).toBeGreaterThan(before);
  await waitUntilIdle(page);
}

describe.sequential('trainers and new coaches on the page', () => {
  let context: BrowserContext;
  let page: Page;
  let problems: string[];

  beforeAll(async () => {
    ({ context, page, problems } = await openDesktop(browser));
  });
  afterAll(async () => {
    await context?.close();
  });

  test('a trainer sees each broken field named, then a preview, then their client in the lists', async () => {
    await page.goto(server.url);
    const broken = { ...persona, needs: (persona.needs as Record<string, unknown>[]).map((need, index) => (index === 1 ? { ...need, category: 'gardening' } : need)) };
    await page.locator('#persona-file').fill(JSON.stringify(broken, null, 2));
    await page.getByRole('button', { name: 'Check', exact: true }).click();
    const alert = page.locator('.persona-problems');
    await expect.poll(() => alert.textContent()).toContain('needs.1.category');
    expect(await page.locator('#persona-add').isDisabled()).toBe(true);

    await page.locator('#persona-file').fill('{ "id": "half-written", ');
    await page.getByRole('button', { name: 'Check', exact: true }).click();
    await expect.poll(() => alert.textContent()).toContain('not valid JSON');
    // The server's 400 for the broken file is the answer asked for; the browser logs it as a failed load.
    expect(problems).toEqual(['console: Failed to load resource: the server responded with a status of 400 (Bad Request)']);
    problems.length = 0;

    await page.locator('#persona-file').fill(JSON.stringify(persona, null, 2));
    await page.getByRole('button', { name: 'Check', exact: true }).click();
    const preview = page.locator('.persona-preview');
    await expect.poll(() => preview.textContent()).toContain(persona.brief);
    expect(await preview.textContent()).toContain(String(base.opening));
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Add to the list' }).click();

    await expect.poll(() => page.locator('.notice').textContent()).toContain(persona.name);
    const rehearse = page.getByRole('button', { name: /Rehearse as a coach/ });
    await expect.poll(() => rehearse.isEnabled()).toBe(true);
    await rehearse.click();
    const picker = page.locator('#picker-rehearse');
    expect(await picker.textContent()).toContain(persona.name);
    expect(await picker.textContent()).toContain('written by a trainer');
    await picker.getByText(persona.name).click();
    await page.getByRole('button', { name: 'Start the rehearsal' }).click();
    await expect.poll(() => finished(page, 'client').first().textContent(), { timeout: 20_000 }).toContain(String(base.opening));
    expect(problems).toEqual([]);
  }, 60_000);

  test('"Try this differently" opens a branch from just before the turn, with its words to rework, compared with the first try', async () => {
    await waitUntilIdle(page);
    await coachSays(page, "What's been going on for you since the promotion?");
    await coachSays(page, 'Do you check their work?');
    const firstTry = await page.evaluate(() => localStorage.getItem('rapport.session'));
    const mine = page.locator('.messages > .message.mine');
    expect(await mine.count()).toBe(2);

    await mine.nth(1).getByRole('button', { name: 'Try this differently' }).click();
    await expect.poll(() => page.evaluate(() => localStorage.getItem('rapport.session'))).not.toBe(firstTry);
    await expect.poll(() => page.locator('#composer-input').inputValue(), { timeout: 15_000 }).toBe('Do you check their work?');
    // Only the turns before it are in the branch.
    await expect.poll(() => page.locator('.messages > .message.mine').count()).toBe(1);
    expect(await finished(page, 'client').count()).toBe(2);

    await coachSays(page, 'You end up checking every number and redoing the work yourself.');
    await page.getByRole('button', { name: 'How am I listening?' }).click();
    const comparison = page.locator('.branch-comparison');
    await expect.poll(() => comparison.textContent(), { timeout: 15_000 }).toContain('You end up checking every number');
    expect(await comparison.textContent()).toContain('This try beside your first');
    expect(await comparison.textContent()).toContain('Do you check their work?');
    await settle(page);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    // The first try is one button away, unchanged, and can be deleted from there.
    await page.getByRole('button', { name: 'Open your first try' }).click();
    await expect.poll(() => page.evaluate(() => localStorage.getItem('rapport.session')), { timeout: 15_000 }).toBe(firstTry);
    await expect.poll(() => page.locator('.messages > .message.mine').count(), { timeout: 15_000 }).toBe(2);
    expect(await page.locator('.messages > .message.mine').nth(1).locator('.message-text').textContent()).toBe('Do you check their work?');
    expect(problems).toEqual([]);
  }, 90_000);
});
