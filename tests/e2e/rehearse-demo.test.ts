/**
 * Rehearse and demo modes of the web page against the real Rapport server (offline engine, fresh
 * SQLite), in Debian's Chromium. Rehearse: the person coaches a persona and asks how they are
 * listening. Demo: the bot plays both sides, step by step and on its own.
 */
import { DEFAULT_WORDS_PER_MINUTE, readingTimeMs } from '../../web/src/reading-pace.js';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launchBrowser, openDesktop, openOnPhone, seriousAccessibilityViolations, settle, watchForErrors, type SocketFrame } from './helpers/browser.js';
import { repositoryRoot } from './helpers/build.js';
import { waitUntilIdle } from './helpers/drive.js';
import { startServer, type RunningServer } from './helpers/server.js';

const SCREENSHOTS = process.env.UPDATE_SCREENSHOTS === '1' ? path.join(repositoryRoot, 'docs/screenshots') : mkdtempSync(path.join(tmpdir(), 'rapport-shots-'));
const OPEN_QUESTION = 'What would you like to get out of our time together today?';
const REFLECTION = 'It sounds like you are carrying a lot of the work yourself, and it is wearing you down.';

interface Persona {
  id: string;
  name: string;
  brief: string;
}

let server: RunningServer;
let browser: Browser;
let personas: Persona[];

beforeAll(async () => {
  browser = await launchBrowser();
  server = await startServer();
  mkdirSync(SCREENSHOTS, { recursive: true });
  personas = (await (await fetch(`${server.url}/api/personas`)).json()) as Persona[];
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
}, 30_000);

/** The bot's finished turns of one role (not the typing indicator, not a reply still streaming). */
function finished(page: Page, role: 'coach' | 'client') {
  return page.locator(`.messages > .message.${role}:not(.typing):not(.streaming)`);
}

/** Types a turn as the coach (Enter sends) and waits for the client's answer. */
async function coachSays(page: Page, text: string): Promise<void> {
  const before = await finished(page, 'client').count();
  await page.locator('#composer-input').fill(text);
  await page.locator('#composer-input').press('Enter');
  await expect.poll(() => finished(page, 'client').count(), { timeout: 20_000 }).toBeGreaterThan(before);
  await waitUntilIdle(page);
}

async function checkAxeLightAndDark(page: Page): Promise<void> {
  await settle(page);
  expect(await seriousAccessibilityViolations(page)).toEqual([]);
  await page.emulateMedia({ colorScheme: 'dark' });
  await settle(page);
  expect(await seriousAccessibilityViolations(page)).toEqual([]);
  await page.emulateMedia({ colorScheme: 'light' });
  await settle(page);
}

describe.sequential('rehearse as a coach', () => {
  let context: BrowserContext;
  let page: Page;
  let problems: string[];
  let frames: SocketFrame[];

  beforeAll(async () => {
    ({ context, page, problems, frames } = await openDesktop(browser));
  });

  afterAll(async () => {
    await context?.close();
  });

  test('the server lists personas with a name and a brief only', () => {
    expect(personas.length).toBeGreaterThan(0);
    for (const persona of personas) expect(Object.keys(persona).sort()).toEqual(['brief', 'difficulty', 'id', 'name', 'setting', 'source']);
  });

  test('a persona is picked with the keyboard alone, and the client opens', async () => {
    await page.goto(server.url);
    const rehearse = page.getByRole('button', { name: /Rehearse as a coach/ });
    await expect.poll(() => rehearse.isEnabled()).toBe(true);
    await rehearse.focus();
    await page.keyboard.press('Enter');
    expect(await rehearse.getAttribute('aria-expanded')).toBe('true');
    // The picker shows each persona's name and brief, and focus is on the first choice.
    const picker = page.locator('#picker-rehearse');
    for (const persona of personas) {
      expect(await picker.textContent()).toContain(persona.name);
      expect(await picker.textContent()).toContain(persona.brief);
    }
    expect(await page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.type)).toBe('radio');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Start the rehearsal');
    await page.keyboard.press('Enter');

    const chosen = personas[1] ?? personas[0]!;
    await expect.poll(() => finished(page, 'client').count(), { timeout: 20_000 }).toBeGreaterThan(0);
    await waitUntilIdle(page);
    const start = frames.find((frame) => frame.type === 'session.ready');
    expect(start?.mode).toBe('rehearse');
    expect(start?.persona).toBe(chosen.id);
    expect(await page.locator('.persona-card').textContent()).toContain(chosen.name);
    expect(await page.locator('.persona-card').textContent()).toContain(chosen.brief);
    expect(await finished(page, 'client').first().locator('.message-author').textContent()).toBe('Client');
    expect(await page.locator('#composer-input').getAttribute('placeholder')).toBe('Ask, reflect, summarise…');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('composer-input');
    expect(problems).toEqual([]);
  }, 40_000);

  test('the person asks and reflects; their turns read "You (coach)"', async () => {
    await coachSays(page, OPEN_QUESTION);
    await coachSays(page, REFLECTION);
    const mine = page.locator('.messages > .message.mine');
    expect(await mine.count()).toBe(2);
    expect(await mine.first().locator('.message-author').textContent()).toBe('You (coach)');
    expect(await mine.first().getAttribute('class')).toContain('coach');
    expect(await page.locator('.message.mine[data-delivery="delivered"]').count()).toBe(2);
    // Announced politely, once per final reply.
    await expect.poll(() => page.locator('#announcer').textContent()).toMatch(/^Client: /);
    expect(problems).toEqual([]);
  }, 60_000);

  test('"How am I listening?" shows the counts, the standards and a label under each turn', async () => {
    const missedBefore = frames.filter((frame) => frame.type === 'feedback').length;
    await page.getByRole('button', { name: 'How am I listening?' }).click();
    await expect.poll(() => frames.filter((frame) => frame.type === 'feedback').length, { timeout: 10_000 }).toBeGreaterThan(missedBefore);
    await page.waitForSelector('#feedback table.counts');
    const report = frames.filter((frame) => frame.type === 'feedback').at(-1)!.report as {
      counts: Record<string, number>;
      turns: { seq: number; label: string }[];
      needsMissed: { summary: string }[];
      needsTotal: number;
    };
    const countsText = (await page.locator('#feedback table.counts').textContent()) ?? '';
    expect(countsText).toContain('Open question');
    expect(countsText).toContain('Simple reflection');
    const total = Object.values(report.counts).reduce((sum, count) => sum + count, 0);
    expect(await page.locator('.counts-total').textContent()).toContain(`${total} turn`);
    // Each measure says in words whether the standard is met (not by colour alone).
    const measures = await page.locator('#feedback .measure').allTextContents();
    expect(measures).toHaveLength(3);
    for (const measure of measures) expect(measure).toMatch(/aim: .* or more.*(Met|Not yet)/);
    expect(await page.locator('.needs-score').textContent()).toContain(`of ${report.needsTotal} needs`);

    // The label of each of the person's turns sits under that turn (matched by seq).
    expect(report.turns.length).toBe(2);
    for (const turn of report.turns) {
      const bubble = page.locator(`.message.mine[data-seq="${turn.seq}"]`);
      expect(await bubble.locator('.turn-feedback').count()).toBe(1);
      expect(await bubble.locator('.turn-label .tag').textContent()).toBeTruthy();
    }
    const firstLabel = (await page.locator('.message.mine').first().locator('.turn-label .tag').textContent()) ?? '';
    expect(firstLabel).toMatch(/question|reflection|advice|other/i);

    // The needs the person missed are in the report but not in the page until asked for.
    const missed = report.needsMissed.map((need) => need.summary);
    expect(missed.length).toBeGreaterThan(0);
    const before = (await page.locator('#app').textContent()) ?? '';
    for (const summary of missed) expect(before).not.toContain(summary);
    const reveal = page.getByRole('button', { name: 'Show what I missed' });
    expect(await reveal.getAttribute('aria-expanded')).toBe('false');
    await reveal.click();
    const shown = (await page.locator('#missed-needs').textContent()) ?? '';
    for (const summary of missed) expect(shown).toContain(summary);
    expect(await page.getByRole('button', { name: 'Hide what I missed' }).getAttribute('aria-expanded')).toBe('true');
    expect(problems).toEqual([]);
  }, 30_000);

  test('axe finds no serious or critical problem in the rehearsal, light and dark', async () => {
    await checkAxeLightAndDark(page);
    await page.locator('.messages-scroll').evaluate((scroller) => (scroller.scrollTop = scroller.scrollHeight));
    await page.locator('.side-column').evaluate((side) => (side.scrollTop = 0));
    await settle(page);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'rehearse.png') });
  }, 60_000);

  test('a reload resumes the rehearsal: roles, persona and turn labels come back', async () => {
    const before = await page.locator('.messages > .message:not(.typing)').count();
    await page.reload();
    await expect.poll(() => page.locator('.messages > .message:not(.typing)').count(), { timeout: 15_000 }).toBe(before);
    await waitUntilIdle(page);
    expect(await page.locator('.message.mine .message-author').first().textContent()).toBe('You (coach)');
    await expect.poll(() => page.locator('.persona-card').textContent()).toContain('You are coaching');
    // The last report is fetched again (GET /api/sessions/:id/feedback) and labels the turns.
    await expect.poll(() => page.locator('.message.mine .turn-feedback').count(), { timeout: 10_000 }).toBe(2);
    expect(await page.locator('#missed-needs .card').count(), 'missed needs stay hidden after a reload').toBe(0);
    expect(problems).toEqual([]);
  }, 40_000);

  test('at 375 px the rehearsal fits and the feedback is one switch away', async () => {
    const { phone, phonePage, phoneProblems } = await openOnPhone(browser, page, server.url);
    await phonePage.waitForSelector('.message.mine');
    await waitUntilIdle(phonePage);
    expect(await phonePage.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    await phonePage.getByRole('button', { name: 'Feedback', exact: true }).click();
    expect(await phonePage.getByRole('button', { name: 'How am I listening?' }).isVisible()).toBe(true);
    await settle(phonePage);
    expect(await seriousAccessibilityViolations(phonePage)).toEqual([]);
    expect(phoneProblems).toEqual([]);
    await phone.close();
  }, 40_000);
});

describe.sequential('watch a demonstration', () => {
  let context: BrowserContext;
  let page: Page;
  let problems: string[];
  let frames: SocketFrame[];

  beforeAll(async () => {
    ({ context, page, problems, frames } = await openDesktop(browser));
  });

  afterAll(async () => {
    await context?.close();
  });

  test('a persona is picked and the demonstration starts, with no composer', async () => {
    await page.goto(server.url);
    const demo = page.getByRole('button', { name: /Watch a demonstration/ });
    await expect.poll(() => demo.isEnabled()).toBe(true);
    await demo.click();
    await page.locator('#picker-demo label').first().click();
    await page.getByRole('button', { name: 'Start the demonstration' }).click();
    await page.waitForSelector('.app.mode-demo');
    await expect.poll(() => page.getByRole('button', { name: 'Next exchange' }).isEnabled(), { timeout: 15_000 }).toBe(true);
    expect(frames.find((frame) => frame.type === 'session.ready')?.mode).toBe('demo');
    expect(await page.locator('#composer-input').count()).toBe(0);
    expect(await page.locator('.persona-card').textContent()).toContain(personas[0]!.name);
    expect(problems).toEqual([]);
  }, 30_000);

  test('"Next exchange" plays a client turn and a coach turn with its techniques named', async () => {
    // Count only once the coach's opening has finished arriving.
    await expect.poll(async () => (await page.locator('.messages > .message.streaming').count()) === 0 && (await finished(page, 'coach').count()) > 0, { timeout: 15_000 }).toBe(true);
    const clients = await finished(page, 'client').count();
    const coaches = await finished(page, 'coach').count();
    await page.getByRole('button', { name: 'Next exchange' }).click();
    await expect.poll(() => finished(page, 'client').count(), { timeout: 15_000 }).toBe(clients + 1);
    const clientShownAt = Date.now();
    const clientLine = (await finished(page, 'client').last().locator('.message-text').textContent()) ?? '';
    expect(await finished(page, 'coach').count(), 'the reply waits while the client line is read').toBe(coaches);
    await expect.poll(() => finished(page, 'coach').count(), { timeout: 25_000, interval: 100 }).toBe(coaches + 1);
    // Both arrive from the server together; the reply appears only after the client's line has had its reading time.
    expect(Date.now() - clientShownAt).toBeGreaterThanOrEqual(readingTimeMs(clientLine, DEFAULT_WORDS_PER_MINUTE) - 300);
    const coach = finished(page, 'coach').last();
    expect(await coach.locator('.message-author').textContent()).toBe('Coach');
    expect(await finished(page, 'client').last().locator('.message-author').textContent()).toBe('Client');
    // Techniques are always shown in a demonstration, each with what it does.
    const moves = coach.locator('.moves .move');
    expect(await moves.count()).toBeGreaterThan(0);
    expect(await moves.first().isVisible()).toBe(true);
    expect(await moves.first().locator('.move-kind').textContent()).toBeTruthy();
    expect(await coach.locator('.move-note').count()).toBeGreaterThan(0);
    await expect.poll(() => page.getByRole('button', { name: 'Next exchange' }).getAttribute('aria-disabled')).toBe('false');
    expect(problems).toEqual([]);
  }, 30_000);

  test('Play plays on by itself at the chosen reading speed; Pause stops it', async () => {
    await page.locator('#demo-pace').selectOption('280');
    const before = await finished(page, 'client').count();
    await page.getByRole('button', { name: 'Play', exact: true }).click();
    await expect.poll(() => finished(page, 'client').count(), { timeout: 45_000 }).toBeGreaterThanOrEqual(before + 2);
    expect(await page.getByRole('button', { name: 'Next exchange' }).isDisabled(), 'stepping waits while it plays').toBe(true);
    await page.getByRole('button', { name: 'Pause', exact: true }).click();
    await expect.poll(() => page.getByRole('button', { name: 'Play', exact: true }).isVisible()).toBe(true);
    // Let an exchange that was already under way finish appearing, then nothing more plays.
    await expect.poll(() => page.getByRole('button', { name: 'Next exchange' }).getAttribute('aria-disabled'), { timeout: 20_000 }).toBe('false');
    const paused = await page.locator('.messages > .message:not(.typing)').count();
    await page.waitForTimeout(8_000);
    expect(await page.locator('.messages > .message:not(.typing)').count()).toBe(paused);
    expect(problems).toEqual([]);
  }, 90_000);

  test('axe finds no serious or critical problem in the demonstration, light and dark', async () => {
    await checkAxeLightAndDark(page);
    await page.locator('.messages-scroll').evaluate((scroller) => (scroller.scrollTop = scroller.scrollHeight));
    await settle(page);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'demo.png') });
  }, 60_000);

  test('a reload resumes the demonstration in demo mode', async () => {
    const before = await page.locator('.messages > .message:not(.typing)').count();
    await page.reload();
    await expect.poll(() => page.locator('.messages > .message:not(.typing)').count(), { timeout: 15_000 }).toBe(before);
    expect(await page.locator('.app.mode-demo').count()).toBe(1);
    await expect.poll(() => page.getByRole('button', { name: 'Next exchange' }).isEnabled()).toBe(true);
    expect(await page.locator('#composer-input').count()).toBe(0);
    expect(problems).toEqual([]);
  }, 30_000);
});

test('a mode or persona the server refuses is explained, back on the start screen', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const problems = watchForErrors(page);
  // A persona the server does not know: session.start is answered with bad_request.
  await page.route('**/api/personas', (route) => route.fulfill({ json: [{ id: 'nobody-at-all', name: 'Nobody', brief: 'Not on this server.' }] }));
  await page.goto(server.url);
  const rehearse = page.getByRole('button', { name: /Rehearse as a coach/ });
  await expect.poll(() => rehearse.isEnabled()).toBe(true);
  await rehearse.click();
  await page.getByRole('button', { name: 'Start the rehearsal' }).click();
  await page.waitForSelector('.start .notice', { timeout: 15_000 });
  expect(await page.locator('.notice').textContent()).toContain('could not be started');
  expect(await page.evaluate(() => localStorage.getItem('rapport.session'))).toBeNull();
  expect(problems).toEqual([]);
  await context.close();
}, 30_000);
