import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { repositoryRoot } from './build.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Debian's chromium, headless; the e2e tests need no browser download. */
export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`No Chromium at ${CHROMIUM}: install Debian's chromium: apt-get install chromium (or set CHROMIUM_PATH).`);
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** Collects console errors and uncaught page errors (a CSP violation shows up here too). */
export function watchForErrors(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  return problems;
}

/** A frame the page's WebSocket received, parsed. */
export type SocketFrame = { type: string; [key: string]: unknown };

/** Every frame the page's WebSocket receives, parsed. */
export function watchSocketFrames(page: Page): SocketFrame[] {
  const frames: SocketFrame[] = [];
  page.on('websocket', (socket) => {
    socket.on('framereceived', (event) => {
      try {
        frames.push(JSON.parse(String(event.payload)) as { type: string });
      } catch {
        /* not JSON: the protocol never sends it, and the test would notice by what is missing */
      }
    });
  });
  return frames;
}

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; failureSummary?: string }[];
}

/** Runs axe-core in the page; returns the serious and critical violations, described. */
export async function seriousAccessibilityViolations(page: Page): Promise<string[]> {
  const hasAxe = await page.evaluate(() => 'axe' in window);
  if (!hasAxe) {
    const source = readFileSync(path.join(repositoryRoot, 'node_modules/axe-core/axe.min.js'), 'utf8');
    // The server's CSP (script-src 'self') blocks an inline <script> from addScriptTag; evaluating
    // through the DevTools protocol is not subject to CSP, and the page keeps its real policy.
    await page.evaluate(source);
  }
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(context: Document, options: object): Promise<{ violations: AxeViolation[] }> } }).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((violation) => ({ id: violation.id, impact: violation.impact, help: violation.help, nodes: violation.nodes.map((node) => ({ target: node.target, failureSummary: node.failureSummary })) }));
  });
  return violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => `${violation.impact} ${violation.id}: ${violation.help} — ${violation.nodes.map((node) => `${node.target.join(' ')} (${(node.failureSummary ?? '').replace(/\s+/g, ' ').slice(0, 200)})`).join('; ')}`);
}

/**
 * Waits until CSS transitions (buttons ease their colours) have finished, before measuring or
 * photographing. A transition cancelled on the way (a dialog closing, focus moving) counts as
 * over: its `finished` promise rejects with AbortError, which is not a failure of the page.
 */
export async function settle(page: Page): Promise<void> {
  await page.evaluate(() =>
    Promise.all(
      document
        .getAnimations()
        .filter((animation) => animation instanceof CSSTransition)
        .map((animation) => animation.finished.catch(() => undefined)),
    ),
  );
}

/** A desktop window (1280×800, light), watched for page errors and socket frames. */
export async function openDesktop(browser: Browser): Promise<{ context: BrowserContext; page: Page; problems: string[]; frames: SocketFrame[] }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, colorScheme: 'light' });
  const page = await context.newPage();
  return { context, page, problems: watchForErrors(page), frames: watchSocketFrames(page) };
}

/** The same session opened on a phone (375 px, dark): the stored session key is all a second device needs. */
export async function openOnPhone(browser: Browser, from: Page, url: string): Promise<{ phone: BrowserContext; phonePage: Page; phoneProblems: string[] }> {
  const session = await from.evaluate(() => localStorage.getItem('rapport.session'));
  const phone = await browser.newContext({ viewport: { width: 375, height: 812 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, colorScheme: 'dark' });
  await phone.addInitScript((value) => localStorage.setItem('rapport.session', value ?? ''), session);
  const phonePage = await phone.newPage();
  const phoneProblems = watchForErrors(phonePage);
  await phonePage.goto(url);
  return { phone, phonePage, phoneProblems };
}
