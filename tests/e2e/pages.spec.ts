import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { SCREENSHOTS, signIn } from './helpers';

// Every main page, as the officer or leader who uses it, at a 360 px phone and on a desktop:
// - on the phone the page itself never scrolls sideways (wide tables scroll inside their own box);
// - axe-core finds no serious or critical accessibility violation (WCAG 2.1 A and AA rules);
// - a screenshot of each width goes to tests/.artifacts/screenshots/ (pages-<name>-<width>.png).

const WIDTHS = [
  { name: 'phone', viewport: { width: 360, height: 740 } },
  { name: 'desktop', viewport: { width: 1280, height: 800 } },
] as const;

interface MainPage {
  name: string;
  user: string;
  /** A path, or the first link on a list page whose href matches (detail pages). */
  path: string | { list: string; link: RegExp };
}

const PAGES: MainPage[] = [
  { name: 'commune-home', user: 'xa.yk', path: '/' },
  { name: 'groups', user: 'xa.yk', path: '/groups' },
  { name: 'group', user: 'xa.yk', path: { list: '/groups', link: /^\/groups\/[0-9a-f-]{36}$/ } },
  { name: 'collection-sheet', user: 'xa.yk', path: { list: '/sheets', link: /^\/groups\/[0-9a-f-]{36}\/sheet/ } },
  { name: 'members', user: 'xa.yk', path: '/members' },
  { name: 'member', user: 'xa.yk', path: { list: '/members', link: /^\/members\/[0-9a-f-]{36}$/ } },
  { name: 'loans', user: 'xa.yk', path: '/loans' },
  { name: 'loan', user: 'xa.yk', path: { list: '/loans', link: /^\/loans\/[0-9a-f-]{36}$/ } },
  { name: 'sheets', user: 'xa.yk', path: '/sheets' },
  { name: 'savings', user: 'xa.yk', path: '/savings' },
  { name: 'imports', user: 'xa.yk', path: '/imports' },
  { name: 'programmes', user: 'xa.yk', path: '/programmes' },
  { name: 'account', user: 'xa.yk', path: '/account' },
  { name: 'district-dashboard', user: 'huyen.yy', path: '/' },
  { name: 'reports', user: 'huyen.yy', path: '/reports' },
  { name: 'bank-reports', user: 'nhcs.yy', path: '/reports/bank' },
  { name: 'inspections', user: 'huyen.yy', path: '/inspections' },
  { name: 'fees', user: 'huyen.yy', path: '/fees' },
  { name: 'fund', user: 'tinh', path: '/fund' },
  { name: 'org-units', user: 'admin', path: '/org-units' },
  { name: 'breaches', user: 'admin', path: '/breaches' },
  { name: 'jobs', user: 'tw.quantri', path: '/jobs' },
  { name: 'central-dashboard', user: 'tw.lanhdao', path: '/' },
  { name: 'help', user: 'nhcs.yy', path: '/help' },
];

async function open(page: Page, target: MainPage['path']) {
  if (typeof target === 'string') return page.goto(target);
  await page.goto(target.list);
  const hrefs = await page.locator('main a[href]').evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''));
  const href = hrefs.find((h) => target.link.test(h));
  expect(href, `a link like ${target.link} on ${target.list}`).toBeTruthy();
  return page.goto(href!);
}

const USERS = [...new Set(PAGES.map((p) => p.user))];

for (const width of WIDTHS) {
  test.describe(`${width.name} (${width.viewport.width} px)`, () => {
    test.use({ viewport: width.viewport });
    // One sign-in per user, then each of their pages; a failing page does not hide the next ones.
    for (const user of USERS) {
      const pages = PAGES.filter((p) => p.user === user);
      test(`${user}: ${pages.map((p) => p.name).join(', ')} fit and have no serious accessibility violation`, async ({ page }) => {
        test.setTimeout(30_000 + pages.length * 20_000);
        await signIn(page, user);
        for (const main of pages) {
          await test.step(main.name, async () => {
            await open(page, main.path);
            await expect(page.locator('main h1')).toBeVisible();
            await expect.soft(page.getByRole('link', { name: 'Trợ giúp' }), main.name).toBeVisible();
            if (width.name === 'phone') {
              const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
              expect.soft(overflow, `${main.name} scrolls sideways`).toBeLessThanOrEqual(1);
              // A figure wider than its card (a long amount in a KPI) spills over the card's edge.
              const spilling = await page.locator('[data-testid^="kpi-"]').evaluateAll((cards) =>
                cards.filter((card) => card.scrollWidth > card.clientWidth + 1).map((card) => card.getAttribute('data-testid')));
              expect.soft(spilling, `${main.name}: figures wider than their card`).toEqual([]);
            }
            // Charts are drawn when they come into view: scroll past each so the screenshot shows them.
            for (const chart of await page.locator('figure[data-testid^="chart-"]').all()) {
              await chart.scrollIntoViewIfNeeded();
              await expect(chart.locator('.recharts-wrapper')).toBeVisible();
            }
            await page.screenshot({ path: `${SCREENSHOTS}/pages-${main.name}-${width.name}.png`, fullPage: true });
            const { violations } = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
            const serious = violations
              .filter((v) => v.impact === 'serious' || v.impact === 'critical')
              .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
            expect.soft(serious, main.name).toEqual([]);
          });
        }
      });
    }
  });
}

test('the guide opens on the reader\'s own role, with the other roles folded below', async ({ page }) => {
  await signIn(page, 'nhcs.yy');
  await page.goto('/loans');
  await page.getByRole('link', { name: 'Trợ giúp' }).click();
  await expect(page.getByRole('heading', { name: 'Hướng dẫn sử dụng' })).toBeVisible();
  await expect(page.getByText('Dành cho bạn: Cán bộ NHCSXH')).toBeVisible();
  await expect(page.getByText(/Báo cáo ngân hàng: dư nợ theo chương trình và xã/)).toBeVisible();
  // Another role's guide is folded until opened.
  const commune = page.locator('details', { has: page.getByText('Cán bộ Hội xã', { exact: true }) });
  await expect(commune.getByText(/Thu tiền buổi họp tổ/)).toBeHidden();
  await commune.locator('summary').click();
  await expect(commune.getByText(/Thu tiền buổi họp tổ/)).toBeVisible();
});
