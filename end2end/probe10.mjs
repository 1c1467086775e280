import { launchBrowser } from '/work/main/end2end/tests/support/harness.mjs';
const browser = await launchBrowser();
const page = await browser.newPage();
page.on('console', (m) => console.log('CONSOLE', m.type(), m.text().slice(0, 200)));
page.on('pageerror', (e) => console.log('PAGEERROR', e.message.slice(0, 300)));
await page.goto('http://127.0.0.1:3996/');
await new Promise((r) => setTimeout(r, 5000));
console.log('hydrated?', await Promise.race([page.evaluate(() => document.body.dataset.hydrated + ' cards=' + document.querySelectorAll('[data-testid=approach-card]').length), new Promise((r) => setTimeout(() => r('timeout'), 2000))]));
process.exit(0);
