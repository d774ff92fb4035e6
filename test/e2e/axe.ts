// axe-core with the WCAG 2.1 A and AA rules, as the accessibility specs run it: every violation of
// any impact, named by rule and element. The hosted demo apps inside the frames are not ours to judge.
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';

export const wcag21aa = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

export async function violations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(wcag21aa).exclude('iframe').analyze();
  return results.violations.map((v) => `${v.impact} ${v.id}: ${v.nodes.map((node) => node.target.join(' ')).join(', ')}`);
}
