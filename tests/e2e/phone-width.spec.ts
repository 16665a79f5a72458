import { expect, test } from '@playwright/test';
import { SCREENSHOTS, signIn } from './helpers';

// Officers use phones at group meetings: every main page must fit 360 px without the page itself
// scrolling sideways (wide tables scroll inside their own box).
test.use({ viewport: { width: 360, height: 740 } });

for (const path of ['/', '/groups', '/members', '/loans', '/sheets', '/imports', '/org-units', '/programmes']) {
  test(`${path} fits a 360 px phone`, async ({ page }) => {
    await signIn(page, 'xa.yk');
    await page.goto(path);
    await expect(page.locator('main h1')).toBeVisible();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(1);
    await page.screenshot({ path: `${SCREENSHOTS}/phone${path === '/' ? '-home' : path.replace(/\//g, '-')}.png`, fullPage: true });
  });
}
