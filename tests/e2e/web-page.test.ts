/**
 * The web page against the real Rapport server (offline engine, fresh SQLite), in Debian's
 * Chromium. One conversation is held from the first step on and the later tests build on it, the
 * way a person would: talk, reload, edit the statement, export it, delete it.
 */
import { mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launchBrowser, openOnPhone, seriousAccessibilityViolations, settle, watchForErrors, watchSocketFrames, type SocketFrame } from './helpers/browser.js';
import { repositoryRoot } from './helpers/build.js';
import { CLIENT_ANSWERS, currentStep, pressAndWait, say, statementStatus, waitUntilIdle } from './helpers/drive.js';
import { startServer, type RunningServer } from './helpers/server.js';
import { TENTATIVE_BELOW } from '../../web/src/needs-panel.js';

// The README's pictures are refreshed on request (UPDATE_SCREENSHOTS=1); otherwise a run writes
// them to a temp folder, so testing never changes tracked files.
const SCREENSHOTS = process.env.UPDATE_SCREENSHOTS === '1' ? path.join(repositoryRoot, 'docs/screenshots') : mkdtempSync(path.join(tmpdir(), 'rapport-shots-'));
const STEP_ORDER = ['clarify_agreement', 'create_partnership', 'construct_plan', 'collaborate_challenge', 'complete'];
const EDITED_GOAL = 'Hand the weekly report to Priya by the end of March';
const SCRIPT_PAYLOAD = '<img src=x onerror=window.__pwned=1><script>window.__pwned=2</script>';

let server: RunningServer;
let browser: Browser;
let desktop: BrowserContext;
let page: Page;
let problems: string[];
let frames: SocketFrame[];

async function storedSession(target: Page): Promise<{ sessionId: string; token: string }> {
  const raw = await target.evaluate(() => localStorage.getItem('rapport.session'));
  expect(raw, 'the page keeps the session key in localStorage').toBeTruthy();
  return JSON.parse(raw!) as { sessionId: string; token: string };
}

async function messageSnapshot(target: Page): Promise<{ seq: string | undefined; role: string; text: string }[]> {
  return target.locator('.messages > .message:not(.typing)').evaluateAll((items) =>
    items.map((item) => ({
      seq: (item as HTMLElement).dataset.seq,
      role: item.classList.contains('client') ? 'client' : 'coach',
      text: item.querySelector('.message-text')?.textContent ?? '',
    })),
  );
}

beforeAll(async () => {
  browser = await launchBrowser();
  server = await startServer();
  mkdirSync(SCREENSHOTS, { recursive: true });
  desktop = await browser.newContext({ viewport: { width: 1280, height: 800 }, acceptDownloads: true, colorScheme: 'light' });
  page = await desktop.newPage();
  problems = watchForErrors(page);
  frames = watchSocketFrames(page);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
}, 30_000);

describe.sequential('the Rapport web page', () => {
  test('the start screen says what Rapport is, offers the modes and where words are kept', async () => {
    await page.goto(server.url);
    await expect.poll(() => page.locator('h1').textContent()).toContain('coach');
    const reflect = page.getByRole('button', { name: 'Reflect before a coaching session' });
    expect(await reflect.isEnabled()).toBe(true);
    // Rehearse and demo are offered exactly when the server lists personas (tests/e2e/rehearse-demo.test.ts drives them).
    const personas = (await (await fetch(`${server.url}/api/personas`)).json()) as unknown[];
    for (const name of [/Rehearse as a coach/, /Watch a demonstration/]) {
      await expect.poll(() => page.getByRole('button', { name }).isEnabled()).toBe(personas.length > 0);
    }
    const privacy = (await page.locator('.privacy').textContent()) ?? '';
    expect(privacy).toContain('database');
    expect(privacy).toContain('Delete this conversation');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    expect(problems).toEqual([]);
  }, 30_000);

  test('holds a whole conversation through the steps, with streamed replies', async () => {
    // Keyboard only: Tab to the first choice and press Enter.
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toContain('Reflect before a coaching session');
    await page.keyboard.press('Enter');
    await page.waitForSelector('.message.coach:not(.typing):not(.streaming)', { timeout: 20_000 });
    await waitUntilIdle(page);
    expect(await currentStep(page)).toBe('clarify_agreement');

    const used: Record<string, number> = {};
    const visited = new Set<string>(['clarify_agreement']);
    for (let turn = 0; turn < 30; turn += 1) {
      const step = await currentStep(page);
      visited.add(step);
      if (step === 'complete') break;
      const answers = CLIENT_ANSWERS[step] ?? [];
      const index = used[step] ?? 0;
      if (step === 'create_partnership' && index >= 3 && (await statementStatus(page)) === 'none') {
        await page.getByRole('button', { name: 'Draft statement' }).click();
        await page.waitForSelector('#statement .statement-field', { timeout: 15_000 });
        continue;
      }
      if (step === 'create_partnership' && index >= answers.length && (await statementStatus(page)) === 'draft') {
        await page.getByRole('button', { name: 'Confirm', exact: true }).click();
        await expect.poll(() => statementStatus(page), { timeout: 10_000 }).toBe('confirmed');
        continue;
      }
      if (index < answers.length) {
        used[step] = index + 1;
        await say(page, answers[index]!);
      } else {
        // The script for this step is spent: ask to move on, as a client may.
        await pressAndWait(page, 'Move on');
        if ((await currentStep(page)) === step) used[step] = 0;
        if (Object.values(used).reduce((sum, count) => sum + count, 0) > 40) break;
      }
    }

    console.info(`e2e conversation: visited ${[...visited].join(' → ')}; answers used ${JSON.stringify(used)}`);
    const reached = STEP_ORDER.indexOf(await currentStep(page));
    expect(reached, `the stepper advanced (visited: ${[...visited].join(', ')})`).toBeGreaterThanOrEqual(STEP_ORDER.indexOf('construct_plan'));
    expect(await page.locator('.step.done').count()).toBeGreaterThanOrEqual(2);
    expect(await statementStatus(page)).not.toBe('none');
    expect(await page.locator('.hearing .card').count(), 'needs appear in the side panel').toBeGreaterThan(0);
    // Needs heard only faintly are marked as tentative, and only those.
    const lastState = [...frames].reverse().find((frame) => frame.type === 'state') as { needs?: { confidence: number; confirmed: boolean }[] } | undefined;
    const faint = (lastState?.needs ?? []).filter((need) => !need.confirmed && need.confidence < TENTATIVE_BELOW).length;
    expect(faint, 'this scripted conversation has a faint need to mark').toBeGreaterThan(0);
    expect(await page.locator('.hearing .tentative').count(), 'faint needs are marked tentative').toBe(faint);
    expect(frames.some((frame) => frame.type === 'assistant.delta'), 'replies stream as assistant.delta frames').toBe(true);
    expect(frames.some((frame) => frame.type === 'message.accepted')).toBe(true);
    expect(await page.locator('.message.client[data-delivery="delivered"]').count()).toBeGreaterThan(3);
    expect(problems).toEqual([]);
  }, 240_000);

  test('shows the techniques of each coach message on request', async () => {
    expect(await page.locator('.moves').first().isVisible()).toBe(false);
    await page.getByRole('button', { name: 'Show techniques' }).click();
    expect(await page.locator('.moves').first().isVisible()).toBe(true);
    expect((await page.locator('.move').allTextContents()).length).toBeGreaterThan(0);
  }, 20_000);

  test('a reload resumes the conversation: history kept, nothing doubled', async () => {
    const before = await messageSnapshot(page);
    const session = await storedSession(page);
    await page.reload();
    await page.waitForSelector('.message.coach:not(.typing)');
    await waitUntilIdle(page);
    await expect.poll(async () => (await messageSnapshot(page)).length).toBe(before.length);
    const after = await messageSnapshot(page);
    expect(after).toEqual(before);
    const seqs = after.map((item) => item.seq);
    expect(new Set(seqs).size).toBe(seqs.length);
    expect((await storedSession(page)).sessionId).toBe(session.sessionId);
    expect(await page.locator('.show-techniques').count(), 'the techniques preference survives a reload').toBe(1);
    expect(problems).toEqual([]);
  }, 60_000);

  test('the statement can be edited, confirmed and exported', async () => {
    const firstGoal = page.locator('#statement-goals textarea').first();
    if ((await firstGoal.count()) === 0) await page.getByRole('button', { name: /Add a goal/ }).click();
    await page.locator('#statement-goals textarea').first().fill(EDITED_GOAL);
    await page.locator('#statement-goals textarea').first().press('Tab');
    await expect
      .poll(() => frames.some((frame) => frame.type === 'state' && JSON.stringify(frame.statement ?? null).includes(EDITED_GOAL)), { timeout: 10_000 })
      .toBe(true);

    if ((await statementStatus(page)) !== 'confirmed') {
      await page.getByRole('button', { name: 'Confirm', exact: true }).click();
    }
    await expect.poll(() => statementStatus(page), { timeout: 10_000 }).toBe('confirmed');
    expect(await page.locator('#statement-goals textarea').first().inputValue()).toBe(EDITED_GOAL);

    const [markdownDownload] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download Markdown' }).click()]);
    const markdown = readFileSync((await markdownDownload.path())!, 'utf8');
    expect(markdown).toContain(EDITED_GOAL);
    expect(markdownDownload.suggestedFilename()).toMatch(/\.md$/);

    const [jsonDownload] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download JSON' }).click()]);
    const statement = JSON.parse(readFileSync((await jsonDownload.path())!, 'utf8')) as { goals: string[]; status: string };
    expect(statement.goals).toContain(EDITED_GOAL);
    expect(statement.status).toBe('confirmed');

    // A source link brings the client's turn into view.
    const source = page.locator('#statement .source').first();
    if ((await source.count()) > 0) {
      await source.click();
      await expect.poll(() => page.locator('.message.highlight').count()).toBe(1);
    }

    // Print: only the statement, as one page.
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.print-statement').isVisible()).toBe(true);
    expect(await page.locator('.app').isVisible()).toBe(false);
    expect(await page.locator('.print-statement').textContent()).toContain(EDITED_GOAL);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'statement-print.png'), fullPage: true });
    await page.emulateMedia({ media: 'screen' });
    expect(problems).toEqual([]);
  }, 60_000);

  test('axe finds no serious or critical problem, in light and dark', async () => {
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await page.emulateMedia({ colorScheme: 'dark' });
    // Buttons ease their colours: measure contrast once the transitions have finished.
    await settle(page);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await page.emulateMedia({ colorScheme: 'light' });
    await settle(page);
  }, 60_000);

  test('screenshots at 1280×800 and 375×812', async () => {
    await page.locator('.messages-scroll').evaluate((scroller) => (scroller.scrollTop = scroller.scrollHeight));
    await page.locator('.side-column').evaluate((side) => (side.scrollTop = 0));
    await settle(page);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'desktop-conversation.png') });
    // The statement panel: a window tall enough to show it whole, scrolled to it.
    await page.setViewportSize({ width: 1280, height: 2600 });
    await page.locator('#statement').evaluate((statement) => statement.scrollIntoView({ block: 'start' }));
    await page.locator('#statement').screenshot({ path: path.join(SCREENSHOTS, 'statement.png') });
    await page.setViewportSize({ width: 1280, height: 800 });

    // The same conversation on a phone: the session key is all a second device needs.
    const { phone, phonePage, phoneProblems } = await openOnPhone(browser, page, server.url);
    await phonePage.waitForSelector('.message.coach:not(.typing)');
    await waitUntilIdle(phonePage);
    const overflow = await phonePage.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow, 'nothing wider than the phone').toBeLessThanOrEqual(0);
    await settle(phonePage);
    await phonePage.screenshot({ path: path.join(SCREENSHOTS, 'phone-conversation.png') });
    await phonePage.getByRole('button', { name: 'Notes & statement' }).click();
    expect(await phonePage.locator('#statement').isVisible()).toBe(true);
    await phonePage.screenshot({ path: path.join(SCREENSHOTS, 'phone-statement.png') });
    expect(await seriousAccessibilityViolations(phonePage)).toEqual([]);
    expect(phoneProblems).toEqual([]);
    await phone.close();
  }, 60_000);

  test('words typed by the client are shown as text, never run as markup', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const other = await context.newPage();
    const otherProblems = watchForErrors(other);
    await other.goto(server.url);
    await other.getByRole('button', { name: 'Reflect before a coaching session' }).click();
    await other.waitForSelector('.message.coach:not(.typing)');
    await waitUntilIdle(other);
    await say(other, SCRIPT_PAYLOAD);
    const shown = await other.locator('.message.client .message-text').last().textContent();
    expect(shown).toBe(SCRIPT_PAYLOAD);
    expect(await other.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(await other.locator('#app img, #app script').count()).toBe(0);
    // The needs panel and the coach's reflection may quote it too: still text.
    await other.reload();
    await other.waitForSelector('.message.client');
    await waitUntilIdle(other);
    expect(await other.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(await other.locator('#app img, #app script').count()).toBe(0);
    expect(otherProblems).toEqual([]);
    await context.close();
  }, 60_000);

  test('the conversation can be deleted: server, browser, and back to the start', async () => {
    const session = await storedSession(page);
    await page.getByRole('button', { name: 'Delete this conversation' }).click();
    const dialog = page.getByRole('dialog', { name: 'Delete this conversation?' });
    expect(await dialog.isVisible()).toBe(true);
    // Escape keeps it.
    await page.keyboard.press('Escape');
    expect(await dialog.isVisible()).toBe(false);
    await page.getByRole('button', { name: 'Delete this conversation' }).click();
    await page.getByRole('button', { name: 'Delete', exact: true }).click();
    await page.waitForSelector('.start');
    expect(await page.locator('.notice').textContent()).toContain('deleted');
    expect(await page.evaluate(() => localStorage.getItem('rapport.session'))).toBeNull();
    const response = await fetch(`${server.url}/api/sessions/${session.sessionId}`, { headers: { Authorization: `Bearer ${session.token}` } });
    expect(response.status).toBe(404);
    expect(problems).toEqual([]);
  }, 30_000);
});
