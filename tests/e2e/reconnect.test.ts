/**
 * A dropped connection, not a reload: the page keeps what it shows, reconnects by itself, resumes
 * with `after` = the last seq it saw, and delivers what was typed meanwhile exactly once.
 * The socket runs through Playwright's WebSocket route so the test can cut it.
 */
import type { Browser, Page, WebSocketRoute } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launchBrowser, watchForErrors } from './helpers/browser.js';
import { say, waitUntilIdle } from './helpers/drive.js';
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

async function transcript(page: Page): Promise<{ seq: string | undefined; text: string }[]> {
  return page.locator('.messages > .message:not(.typing)').evaluateAll((items) =>
    items.map((item) => ({ seq: (item as HTMLElement).dataset.seq, text: item.querySelector('.message-text')?.textContent ?? '' })),
  );
}

describe('a dropped connection', () => {
  test('reconnects with backoff, resumes after the last seq, and delivers the queued message once', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    const problems = watchForErrors(page);
    const connections: { page: WebSocketRoute; server: WebSocketRoute }[] = [];
    const sentByPage: { type: string; [key: string]: unknown }[] = [];
    await page.routeWebSocket(/\/ws$/, (pageSide) => {
      const serverSide = pageSide.connectToServer();
      pageSide.onMessage((message) => {
        sentByPage.push(JSON.parse(String(message)) as { type: string });
        serverSide.send(message);
      });
      serverSide.onMessage((message) => pageSide.send(message));
      connections.push({ page: pageSide, server: serverSide });
    });

    await page.goto(server.url);
    await page.getByRole('button', { name: 'Reflect before a coaching session' }).click();
    await page.waitForSelector('.message.coach:not(.typing)');
    await waitUntilIdle(page);
    await say(page, 'I want to think about how I run my weekly team meeting. I have twenty minutes and I am happy to go on.');
    const before = await transcript(page);
    const lastSeq = Math.max(...before.map((item) => Number(item.seq ?? 0)));
    expect(connections).toHaveLength(1);

    // Every text the connection notice shows while visible, recorded as it changes: on a fast
    // machine the page may be back before a later read of the notice, which is then empty again.
    await page.evaluate(() => {
      const seen: string[] = [];
      (window as unknown as { connectionNotices: string[] }).connectionNotices = seen;
      const record = () => {
        const notice = document.querySelector('.connection');
        if (notice?.classList.contains('visible')) seen.push(notice.textContent ?? '');
      };
      new MutationObserver(record).observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
    });

    // Cut the connection on both sides, as a network drop would.
    await connections[0]!.server.close();
    await connections[0]!.page.close({ code: 4000, reason: 'test drop' });
    await page.waitForSelector('.connection.visible');
    const notices = await page.evaluate(() => (window as unknown as { connectionNotices: string[] }).connectionNotices);
    expect(notices.join(' ')).toContain('reconnecting');

    // Typed while (possibly still) offline: kept, then sent once the session is back.
    const queued = 'Mostly I want the meeting to be shorter and more useful for everyone.';
    await page.locator('#composer-input').fill(queued);
    await page.locator('#composer-input').press('Enter');

    await expect.poll(() => connections.length, { timeout: 15_000 }).toBe(2);
    await expect.poll(() => sentByPage.map((frame) => frame.type), { timeout: 10_000 }).toContain('session.resume');
    const resume = sentByPage.find((frame) => frame.type === 'session.resume');
    expect(resume, 'the page resumes instead of starting over').toBeDefined();
    // The last seq seen: at least the last turn's, and `state` events are persisted with seqs too.
    expect(resume!.after).toBeGreaterThanOrEqual(lastSeq);
    expect(resume!.sessionId).toBe(JSON.parse((await page.evaluate(() => localStorage.getItem('rapport.session')))!).sessionId);
    expect(sentByPage.filter((frame) => frame.type === 'session.start')).toHaveLength(1);

    await page.waitForSelector('.connection:not(.visible)', { state: 'attached' });
    await page.waitForFunction((text) => [...document.querySelectorAll('.message.client')].some((item) => item.getAttribute('data-delivery') === 'delivered' && item.querySelector('.message-text')?.textContent === text), queued, { timeout: 20_000 });
    await waitUntilIdle(page);
    const after = await transcript(page);
    expect(after.slice(0, before.length)).toEqual(before);
    expect(after.filter((item) => item.text === queued)).toHaveLength(1);
    expect(after.length).toBeGreaterThan(before.length + 1);
    const seqs = after.map((item) => item.seq);
    expect(new Set(seqs).size, 'no turn shown twice').toBe(seqs.length);
    expect(problems).toEqual([]);
    await context.close();
  }, 60_000);

  test('a retried message (same id) is stored once', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    const problems = watchForErrors(page);
    let dropNextReply = true;
    const ids: string[] = [];
    await page.routeWebSocket(/\/ws$/, (pageSide) => {
      const serverSide = pageSide.connectToServer();
      pageSide.onMessage((message) => {
        const frame = JSON.parse(String(message)) as { type: string; id?: string };
        if (frame.type === 'user.message' && frame.id) ids.push(frame.id);
        serverSide.send(message);
      });
      serverSide.onMessage((message) => {
        const frame = JSON.parse(String(message)) as { type: string; id?: string };
        // Turn the first acceptance into an error, as if the server had failed: the page offers Retry.
        if (dropNextReply && frame.type === 'message.accepted') {
          dropNextReply = false;
          pageSide.send(JSON.stringify({ type: 'error', code: 'internal', message: 'test failure', id: frame.id }));
          return;
        }
        pageSide.send(message);
      });
    });
    await page.goto(server.url);
    await page.getByRole('button', { name: 'Reflect before a coaching session' }).click();
    await page.waitForSelector('.message.coach:not(.typing)');
    await waitUntilIdle(page);
    await page.locator('#composer-input').fill('I would like to talk about delegating more.');
    await page.locator('#composer-input').press('Enter');
    const retry = page.getByRole('button', { name: 'Retry' });
    await retry.waitFor();
    expect(await page.locator('.delivery-problem').textContent()).toContain('retry');
    await retry.click();
    await page.waitForSelector('.message.client[data-delivery="delivered"]');
    await waitUntilIdle(page);
    expect(new Set(ids).size, 'Retry resends the same id').toBe(1);
    expect(ids.length).toBe(2);
    await page.reload();
    await page.waitForSelector('.message.client');
    await waitUntilIdle(page);
    expect(await page.locator('.message.client').count(), 'stored once on the server').toBe(1);
    expect(problems).toEqual([]);
    await context.close();
  }, 60_000);
});
