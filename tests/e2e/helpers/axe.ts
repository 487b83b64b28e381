import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { settle } from './browser.js';
import { repositoryRoot } from './build.js';

const IMPACT_ORDER = ['minor', 'moderate', 'serious', 'critical'];

interface Finding {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; failureSummary?: string }[];
}

/**
 * Runs axe-core (the devDependency) in the page as it is and returns every finding of `least`
 * impact or worse, described, so a failing test says what and where. Injected through the
 * DevTools protocol, which the page's CSP (script-src 'self') does not govern.
 */
export async function accessibilityFindings(page: Page, least: 'moderate' | 'serious' = 'moderate'): Promise<string[]> {
  // Buttons ease their colours: measure contrast once the transitions (after a scheme switch) end.
  await settle(page);
  if (!(await page.evaluate(() => 'axe' in window))) {
    await page.evaluate(readFileSync(path.join(repositoryRoot, 'node_modules/axe-core/axe.min.js'), 'utf8'));
  }
  const findings = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(context: Document, options: object): Promise<{ violations: Finding[] }> } }).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((finding) => ({ id: finding.id, impact: finding.impact, help: finding.help, nodes: finding.nodes.map((node) => ({ target: node.target, failureSummary: node.failureSummary })) }));
  });
  const floor = IMPACT_ORDER.indexOf(least);
  return findings
    .filter((finding) => IMPACT_ORDER.indexOf(finding.impact ?? 'minor') >= floor)
    .map((finding) => `${finding.impact} ${finding.id}: ${finding.help} — ${finding.nodes.map((node) => `${node.target.join(' ')} (${(node.failureSummary ?? '').replace(/\s+/g, ' ').slice(0, 160)})`).join('; ')}`);
}
