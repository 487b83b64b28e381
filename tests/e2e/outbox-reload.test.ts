/**
 * A message that never reached the server survives a reload: the page keeps it in localStorage
 * for its session, sends it again on return, and it is stored and answered once. The socket runs
 * through Playwright's WebSocket route, which swallows the page's user.message frames until the reload.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launchBrowser, watchForErrors } from './helpers/browser.js';
import { waitUntilIdle } from './helpers/drive.js';
import { startServer, type RunningServer } from './helpers/server.js';

let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
  server = await startServer();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
}, 30_000);

describe('the outbox across a reload', () => {
  test('a message typed but never delivered is sent again after a reload, stored once and answered', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    const problems = watchForErrors(page);
    let swallow = true;
    await page.routeWebSocket(/\/ws$/, (pageSide) => {
      const serverSide = pageSide.connectToServer();
      pageSide.onMessage((message) => {
        const frame = JSON.parse(String(message)) as { type: string };
        // Lost on the way, as on a network that dropped just then.
        if (swallow && frame.type === 'user.message') return;
        serverSide.send(message);
      });
      serverSide.onMessage((message) => pageSide.send(message));
    });

    await page.goto(server.url);
    await page.getByRole('button', { name: 'Reflect before a coaching session' }).click();
    await page.waitForSelector('.message.coach:not(.typing)');
    await waitUntilIdle(page);
    const text = 'I would like to get clear on how I delegate. I have half an hour and I am happy to go on.';
    await page.locator('#composer-input').fill(text);
    await page.locator('#composer-input').press('Enter');
    await page.waitForSelector('.message.client[data-delivery="sending"]');
    const session = JSON.parse((await page.evaluate(() => localStorage.getItem('rapport.session')))!) as { sessionId: string; token: string };
    const kept = await page.evaluate((key) => localStorage.getItem(key), `rapport.outbox.${session.sessionId}`);
    expect(kept, 'the unsent message is kept for this session').toContain(text);

    swallow = false;
    await page.reload();
    await page.waitForFunction(
      (typed) => [...document.querySelectorAll('.message.client')].some((item) => item.getAttribute('data-delivery') === 'delivered' && item.querySelector('.message-text')?.textContent === typed),
      text,
      { timeout: 20_000 },
    );
    await waitUntilIdle(page);
    const shown = await page.locator('.message.client .message-text').allTextContents();
    expect(shown.filter((item) => item === text)).toHaveLength(1);
    expect(await page.locator('.message.coach:not(.typing)').count(), 'the opening and the reply').toBeGreaterThanOrEqual(2);
    await expect.poll(() => page.evaluate((key) => localStorage.getItem(key), `rapport.outbox.${session.sessionId}`), { timeout: 5000 }).toBeNull();

    const stored = await fetch(`${server.url}/api/sessions/${session.sessionId}`, { headers: { authorization: `Bearer ${session.token}` } });
    const history = ((await stored.json()) as { history: { role: string; text: string; replyTo?: string; id?: string }[] }).history;
    const mine = history.filter((item) => item.role === 'client' && item.text === text);
    expect(mine, 'stored once').toHaveLength(1);
    expect(history.filter((item) => item.replyTo === mine[0]!.id), 'answered once').toHaveLength(1);
    expect(problems).toEqual([]);
    await context.close();
  }, 60_000);

  test("the welcome says how long an untouched conversation is kept", async () => {
    const page = await browser.newPage();
    await page.goto(server.url);
    await expect.poll(() => page.locator('#retention').textContent()).toBe('A conversation left untouched for 30 days is deleted from the server, with everything of it.');
    await page.close();
  }, 30_000);
});
