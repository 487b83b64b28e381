/**
 * A client's path in the real page (Debian's Chromium, the real server, a fresh SQLite file): the
 * welcome and its list of conversations kept in this browser, a conversation to a confirmed
 * statement, a message over the limit told and not sent, the calendar file, a link shared with a
 * coach and withdrawn, resume and delete. axe-core runs on every view along the way, on a desktop
 * and a phone, light and dark: any finding of moderate impact or worse fails the test.
 */
import { mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ICAL from 'ical.js';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { accessibilityFindings } from './helpers/axe.js';
import { repositoryRoot } from './helpers/build.js';
import { launchBrowser, watchForErrors, watchSocketFrames, type SocketFrame } from './helpers/browser.js';
import { CLIENT_ANSWERS, currentStep, pressAndWait, say, statementStatus, waitUntilIdle } from './helpers/drive.js';
import { startServer, type RunningServer } from './helpers/server.js';

// README pictures are refreshed on request only (UPDATE_SCREENSHOTS=1), as in web-page.test.ts.
const SCREENSHOTS = process.env.UPDATE_SCREENSHOTS === '1' ? path.join(repositoryRoot, 'docs/screenshots') : mkdtempSync(path.join(tmpdir(), 'rapport-shots-'));

let server: RunningServer;
let browser: Browser;
let desktop: BrowserContext;
let page: Page;
let problems: string[];
let frames: SocketFrame[];
const sent: string[] = [];
let firstSession: { sessionId: string; token: string };
let sharedPath = '';

async function storedSession(target: Page): Promise<{ sessionId: string; token: string }> {
  return JSON.parse((await target.evaluate(() => localStorage.getItem('rapport.session')))!) as { sessionId: string; token: string };
}

/** Talks through the steps with the scripted answers until the statement is confirmed and the check-ins are agreed. */
async function talkToTheEnd(target: Page): Promise<void> {
  const used: Record<string, number> = {};
  for (let turn = 0; turn < 40; turn += 1) {
    const step = await currentStep(target);
    if (step === 'complete') break;
    const answers = CLIENT_ANSWERS[step] ?? [];
    const index = used[step] ?? 0;
    if (step === 'create_partnership' && index >= 3 && (await statementStatus(target)) === 'none') {
      await target.getByRole('button', { name: 'Draft statement' }).click();
      await target.waitForSelector('#statement .statement-field', { timeout: 15_000 });
      continue;
    }
    if (step === 'create_partnership' && index >= answers.length && (await statementStatus(target)) === 'draft') {
      await target.getByRole('button', { name: 'Confirm', exact: true }).click();
      await expect.poll(() => statementStatus(target), { timeout: 10_000 }).toBe('confirmed');
      continue;
    }
    if (index < answers.length) {
      used[step] = index + 1;
      await say(target, answers[index]!);
    } else {
      await pressAndWait(target, 'Move on');
      if ((await currentStep(target)) === step) used[step] = 0;
      if (Object.values(used).reduce((sum, count) => sum + count, 0) > 40) break;
    }
  }
}

beforeAll(async () => {
  browser = await launchBrowser();
  server = await startServer();
  desktop = await browser.newContext({ viewport: { width: 1280, height: 800 }, acceptDownloads: true, colorScheme: 'light' });
  page = await desktop.newPage();
  problems = watchForErrors(page);
  frames = watchSocketFrames(page);
  page.on('websocket', (socket) => socket.on('framesent', (event) => sent.push(String(event.payload))));
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
}, 30_000);

describe.sequential('a client’s path, from the welcome to a statement shared with their coach', () => {
  test('the welcome says plainly where conversations are kept, in light and dark, with no accessibility finding', async () => {
    await page.goto(server.url);
    const kept = page.locator('section.kept');
    await expect.poll(() => kept.textContent()).toContain('Kept in this browser only');
    expect(await kept.textContent()).toContain('None yet');
    expect(await accessibilityFindings(page)).toEqual([]);
    await page.emulateMedia({ colorScheme: 'dark' });
    expect(await accessibilityFindings(page)).toEqual([]);
    await page.emulateMedia({ colorScheme: 'light' });
  }, 30_000);

  test('a conversation to a confirmed statement and agreed check-ins, with no accessibility finding', async () => {
    await page.getByRole('button', { name: 'Reflect before a coaching session' }).click();
    await page.waitForSelector('.message.coach:not(.typing):not(.streaming)', { timeout: 20_000 });
    await waitUntilIdle(page);
    expect(await page.locator('main h1').count(), 'the conversation view has its top-level heading').toBe(1);
    expect(await accessibilityFindings(page)).toEqual([]);
    await talkToTheEnd(page);
    expect(await currentStep(page)).toBe('complete');
    expect(await statementStatus(page)).toBe('confirmed');
    firstSession = await storedSession(page);
    expect(await accessibilityFindings(page)).toEqual([]);
    await page.emulateMedia({ colorScheme: 'dark' });
    expect(await accessibilityFindings(page)).toEqual([]);
    await page.emulateMedia({ colorScheme: 'light' });
    expect(problems).toEqual([]);
  }, 240_000);

  test('a message over the server’s limit is not cut and not sent: the page says why and by how much', async () => {
    const limit = ((await (await fetch(`${server.url}/api/schema`)).json()) as { limits: { messageChars: number } }).limits.messageChars;
    const composer = page.locator('#composer-input');
    const counter = page.locator('#composer-counter');
    await composer.fill('a'.repeat(Math.round(limit * 0.5)));
    expect(await counter.isVisible(), 'no counter far from the limit').toBe(false);
    await composer.fill('b'.repeat(limit - 200));
    expect(await counter.textContent()).toBe(`${(limit - 200).toLocaleString('en')} of ${limit.toLocaleString('en')} characters`);
    const pasted = `${'I keep writing the weekly report myself. '.repeat(Math.ceil((limit + 150) / 41))}`.trim();
    await composer.fill(pasted);
    const before = sent.length;
    const bubbles = await page.locator('.message.client').count();
    await composer.press('Enter');
    expect(await counter.textContent()).toContain(`Shorten it by ${(pasted.length - limit).toLocaleString('en')}`);
    expect(await composer.getAttribute('aria-invalid')).toBe('true');
    // Nothing went to the server, nothing was cut: the whole paste is still in the box.
    expect(sent.slice(before).filter((frame) => frame.includes('"user.message"'))).toEqual([]);
    expect(await page.locator('.message.client').count()).toBe(bubbles);
    expect(await composer.inputValue()).toBe(pasted);
    expect(await accessibilityFindings(page)).toEqual([]);
    await composer.fill('');
    expect(await counter.isVisible()).toBe(false);
  }, 30_000);

  test('the calendar file carries the first experiment and the check-ins in the client’s words, asking for a day the words left open', async () => {
    await page.getByRole('button', { name: 'Prepare the calendar file' }).click();
    await page.waitForSelector('#calendar .calendar-item', { timeout: 10_000 });
    const lines = await page.locator('#calendar .calendar-line').allTextContents();
    expect(await page.locator('#calendar .calendar-item h3').allTextContents()).toEqual(['First experiment', 'Check-ins']);
    // The scripted client said their experiment would be "this week": the page asks which day.
    const asks = page.locator('#calendar input[type="date"]');
    expect(await asks.count()).toBe(1);
    expect(await page.getByLabel('Which day will you try it?').count()).toBe(1);
    await page.getByRole('button', { name: 'Download the calendar file (.ics)' }).click();
    expect(await page.locator('#calendar [role="status"]').textContent()).toContain('Choose a day first');
    await asks.fill('2027-01-04');
    expect(await accessibilityFindings(page)).toEqual([]);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download the calendar file (.ics)' }).click()]);
    expect(download.suggestedFilename()).toBe('coaching-check-ins.ics');
    const calendar = new ICAL.Component(ICAL.parse(readFileSync((await download.path())!, 'utf8')));
    const events = calendar.getAllSubcomponents('vevent').map((component) => new ICAL.Event(component));
    expect(events.map((event) => event.description)).toEqual(lines);
    for (const event of events) expect(event.startDate.isDate).toBe(true);
    expect(events[0]!.startDate.toString(), 'the day the client chose').toBe('2027-01-04');
    expect(String(events[1]!.component.getFirstPropertyValue('rrule')), 'a weekly check-in').toMatch(/^FREQ=WEEKLY;(INTERVAL=1;)?BYDAY=FR$/);
  }, 30_000);

  test('a read-only link for the coach: made only on request, opens the statement, withdrawn answers 404', async () => {
    expect(await server.output()).not.toContain(firstSession.token);
    const shares = await fetch(`${server.url}/api/sessions/${firstSession.sessionId}/shares`, { headers: { Authorization: `Bearer ${firstSession.token}` } });
    expect(await shares.json(), 'nothing is shared before the client asks').toEqual([]);
    await page.getByRole('button', { name: 'Create a link for my coach' }).click();
    const field = page.locator('#share-url');
    await field.waitFor();
    const url = await field.inputValue();
    sharedPath = new URL(url).pathname;
    expect(await accessibilityFindings(page)).toEqual([]);
    mkdirSync(SCREENSHOTS, { recursive: true });
    await page.locator('#calendar').scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(SCREENSHOTS, 'calendar-and-share.png') });

    const coach = await browser.newContext({ viewport: { width: 1280, height: 800 }, colorScheme: 'light' });
    const coachPage = await coach.newPage();
    const coachProblems = watchForErrors(coachPage);
    expect((await coachPage.goto(url))?.status()).toBe(200);
    expect(await coachPage.locator('h1').textContent()).toBe('Partnership statement');
    const text = (await coachPage.locator('main').textContent()) ?? '';
    expect(text).toContain('Confirmed by the client');
    expect(text).not.toContain('The conversation');
    expect(await accessibilityFindings(coachPage)).toEqual([]);
    await coachPage.screenshot({ path: path.join(SCREENSHOTS, 'shared-statement.png'), fullPage: true });
    await coachPage.emulateMedia({ colorScheme: 'dark' });
    expect(await accessibilityFindings(coachPage)).toEqual([]);
    expect(coachProblems).toEqual([]);

    await page.getByRole('button', { name: /^Withdraw/ }).click();
    await expect.poll(() => page.locator('#share [role="status"]').textContent()).toContain('withdrawn');
    expect((await coachPage.reload())?.status()).toBe(404);
    expect(await coachPage.locator('h1').textContent()).toBe('This link is not available');
    expect(await accessibilityFindings(coachPage)).toEqual([]);
    await coach.close();
    expect(problems).toEqual([]);
  }, 60_000);

  test('on a phone in the dark, the conversation and the notes have no accessibility finding', async () => {
    const phone = await browser.newContext({ viewport: { width: 375, height: 812 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, colorScheme: 'dark' });
    await phone.addInitScript((value) => localStorage.setItem('rapport.session', value), JSON.stringify({ ...firstSession, mode: 'coach' }));
    const phonePage = await phone.newPage();
    const phoneProblems = watchForErrors(phonePage);
    await phonePage.goto(server.url);
    await phonePage.waitForSelector('.message.coach:not(.typing)');
    await waitUntilIdle(phonePage);
    expect(await phonePage.locator('main .view-toggles').isVisible(), 'the view switch is inside <main>').toBe(true);
    expect(await accessibilityFindings(phonePage)).toEqual([]);
    await phonePage.getByRole('button', { name: 'Notes & statement' }).click();
    expect(await accessibilityFindings(phonePage)).toEqual([]);
    await phonePage.getByRole('button', { name: 'All', exact: true }).click();
    await phonePage.waitForSelector('section.kept');
    expect(await accessibilityFindings(phonePage)).toEqual([]);
    expect(phoneProblems).toEqual([]);
    await phone.close();
  }, 60_000);

  test('your conversations: listed in this browser, resumed, deleted one by one or all at once, and gone from the server', async () => {
    await page.getByRole('button', { name: 'Your conversations' }).click();
    const items = page.locator('.kept-item');
    await expect.poll(() => items.count()).toBe(1);
    const meta = (await items.first().locator('.kept-meta').textContent()) ?? '';
    expect(meta).toContain('statement confirmed');
    expect(meta).toMatch(/step reached: (Commit|Close)/);
    expect(await items.first().locator('.kept-purpose').textContent()).toContain('I would like to get clear on what I want from coaching');
    expect(await accessibilityFindings(page)).toEqual([]);

    // Resume it.
    await items.first().getByRole('button', { name: /^Resume/ }).click();
    await page.waitForSelector('.message.coach:not(.typing)');
    await waitUntilIdle(page);
    expect((await storedSession(page)).sessionId).toBe(firstSession.sessionId);
    expect(await statementStatus(page)).toBe('confirmed');

    // A second conversation joins the list.
    await page.getByRole('button', { name: 'Your conversations' }).click();
    await page.getByRole('button', { name: 'Reflect before a coaching session' }).click();
    await page.waitForSelector('.message.coach:not(.typing):not(.streaming)', { timeout: 20_000 });
    await waitUntilIdle(page);
    await say(page, 'I want to think about how I give feedback to my team.');
    const second = await storedSession(page);
    await page.getByRole('button', { name: 'Your conversations' }).click();
    await expect.poll(() => items.count()).toBe(2);
    expect(await items.first().locator('.kept-purpose').textContent()).toContain('how I give feedback');

    // Delete one: the dialog asks, the server forgets it, the list too.
    await items.first().getByRole('button', { name: /^Delete/ }).click();
    await page.waitForSelector('dialog[open]');
    expect(await accessibilityFindings(page)).toEqual([]);
    await page.locator('dialog[open]').getByRole('button', { name: 'Delete', exact: true }).click();
    await expect.poll(() => items.count()).toBe(1);
    expect((await fetch(`${server.url}/api/sessions/${second.sessionId}`, { headers: { Authorization: `Bearer ${second.token}` } })).status).toBe(404);

    // Delete all: gone from the server, with the link the client had shared.
    await page.getByRole('button', { name: 'Delete all conversations' }).click();
    await page.waitForSelector('dialog[open]');
    expect(await accessibilityFindings(page)).toEqual([]);
    await page.locator('dialog[open]').getByRole('button', { name: 'Delete all', exact: true }).click();
    await expect.poll(() => items.count()).toBe(0);
    expect(await page.locator('section.kept').textContent()).toContain('None yet');
    expect((await fetch(`${server.url}/api/sessions/${firstSession.sessionId}`, { headers: { Authorization: `Bearer ${firstSession.token}` } })).status).toBe(404);
    expect(await page.evaluate(() => localStorage.getItem('rapport.conversations'))).toBe('[]');
    expect(problems).toEqual([]);
  }, 90_000);

  test('the rehearsal and the demonstration have no accessibility finding either, light and dark', async () => {
    for (const [choice, start] of [
      ['Rehearse as a coach', 'Start the rehearsal'],
      ['Watch a demonstration', 'Start the demonstration'],
    ] as const) {
      await page.getByRole('button', { name: choice }).click();
      await page.getByRole('button', { name: start }).click();
      await page.waitForSelector('main h1');
      await page.waitForSelector('.message:not(.typing)', { timeout: 20_000 });
      expect(await accessibilityFindings(page), choice).toEqual([]);
      await page.emulateMedia({ colorScheme: 'dark' });
      expect(await accessibilityFindings(page), `${choice}, dark`).toEqual([]);
      await page.emulateMedia({ colorScheme: 'light' });
      await page.getByRole('button', { name: 'Your conversations' }).click();
      await page.waitForSelector('section.kept');
    }
    expect(problems).toEqual([]);
  }, 60_000);
});

