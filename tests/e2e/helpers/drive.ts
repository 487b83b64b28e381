import type { Page } from 'playwright-core';

/** What a client might plausibly say at each step; the offline coach decides the flow. */
export const CLIENT_ANSWERS: Record<string, string[]> = {
  clarify_agreement: [
    'I would like to get clear on what I want from coaching before my first session. I have about thirty minutes, and yes, I am happy to go on.',
    'Yes, that works for me. Let us go on.',
  ],
  create_partnership: [
    'I lead a team of six and I struggle to delegate. I end up writing the weekly report myself because I worry about quality.',
    'I want to feel confident handing work over, so I have time to think about strategy.',
    'Success would be leaving by six twice a week, and my team owning the weekly report without my edits.',
    'My time is tight: I only have about two hours a week for this, and the budget is frozen.',
    'I learn best by trying things out and then reflecting on how it went.',
    'A small first experiment could be handing the Monday report to Priya this week.',
  ],
  construct_plan: [
    'I will hand the weekly report to Priya by Friday the 14th of March, and I will know it is working when she sends it without my edits.',
    'My manager can support me by reviewing the new process once, at the end of March.',
    'That is enough of a plan for now.',
  ],
  collaborate_challenge: [
    'Yes, I commit to this plan. My confidence is about 7 out of 10.',
    'The obstacle is that I will be tempted to jump in and fix things. Let us check in every Friday for fifteen minutes.',
    'Yes, a Friday check-in every week works for me.',
  ],
  complete: ['Thank you, that was helpful.'],
};

export async function currentStep(page: Page): Promise<string> {
  return page.locator('.step[aria-current="step"]').getAttribute('data-step').then((value) => value ?? '');
}

/** Waits until the coach has finished replying (the composer's send button is usable again). */
export async function waitUntilIdle(page: Page, timeout = 30_000): Promise<void> {
  await page.waitForSelector('.chat[aria-busy="false"]', { timeout });
}

export async function coachMessageCount(page: Page): Promise<number> {
  return page.locator('.message.coach:not(.typing)').count();
}

/** Types a message the way a person does (into the composer, Enter to send) and waits for the reply. */
export async function say(page: Page, text: string): Promise<void> {
  const before = await coachMessageCount(page);
  await page.locator('#composer-input').fill(text);
  await page.locator('#composer-input').press('Enter');
  await page.waitForFunction((count) => document.querySelectorAll('.message.coach:not(.typing):not(.streaming)').length > count, before, { timeout: 30_000 });
  await waitUntilIdle(page);
}

/** Presses a button that asks the coach to act (Move on, Go back) and waits for the answer. */
export async function pressAndWait(page: Page, name: string): Promise<void> {
  await page.getByRole('button', { name, exact: true }).click();
  await waitUntilIdle(page);
}

export async function statementStatus(page: Page): Promise<'none' | 'draft' | 'confirmed'> {
  if ((await page.locator('#statement .statement-field').count()) === 0) return 'none';
  const badge = (await page.locator('#statement .status-badge').textContent()) ?? '';
  return badge.trim().toLowerCase() === 'confirmed' ? 'confirmed' : 'draft';
}
