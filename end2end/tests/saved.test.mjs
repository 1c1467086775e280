// Saving, sharing and forking: the owner edits and saves; a fresh browser
// with only the read-only link sees no edit controls, forks, and can edit
// the fork.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { serverAndBrowser, watchConsole, waitForHydration } from './support/harness.mjs';

const env = serverAndBrowser();

test('create, save, share read-only, fork', async () => {
  const owner = await env.browser.newContext();
  const page = await owner.newPage();
  const problems = watchConsole(page);
  await page.goto(env.server.url + '/');
  await waitForHydration(page);
  await page.fill('#scenario-name', 'Shared triage plan');
  await page.getByTestId('save').click();
  await page.waitForURL(/\/s\/[A-Za-z0-9_-]{22}$/);
  const url = page.url();
  const id = url.split('/s/')[1];
  // The owner can edit: the save button is there once the key is confirmed.
  await page.getByTestId('save').waitFor();
  await page.fill('#growth', '10');
  await page.getByTestId('save').click();
  await page.waitForFunction(() => document.querySelector('[data-testid=status]')?.textContent.includes('revision 2'));
  const saved = await (await fetch(`${env.server.url}/api/v1/scenarios/${id}`)).json();
  assert.equal(saved.revision, 2);
  const savedScenario = saved.scenario;
  assert.equal(saved.scenario.name, 'Shared triage plan');
  assert.equal(saved.scenario.volume.monthly_growth_pct, 10);
  // Restoring revision 1 adds revision 3 with revision 1's content.
  await page.locator('details.revisions summary').click();
  await page.locator('details.revisions li', { hasText: 'Revision 1 ' }).getByRole('button', { name: 'Restore this revision' }).click();
  await page.waitForFunction(() => document.querySelector('[data-testid=status]')?.textContent.includes('revision 3'));
  const restored = await (await fetch(`${env.server.url}/api/v1/scenarios/${id}`)).json();
  assert.equal(restored.revision, 3);
  assert.equal(restored.scenario.volume.monthly_growth_pct, 3);
  assert.equal(await page.inputValue('#growth'), '3');
  // "Download memo": the latest revision's memo (revision 3), in Markdown.
  const memoHref = await page.getByTestId('download-memo').getAttribute('href');
  assert.equal(memoHref, `/api/v1/scenarios/${id}/memo.md`);
  const memo = await fetch(env.server.url + memoHref);
  assert.equal(memo.headers.get('content-type'), 'text/markdown; charset=utf-8');
  const memoText = await memo.text();
  assert.ok(memoText.startsWith('# Shared triage plan\n'), memoText.slice(0, 200));
  assert.ok(memoText.includes('at 2M queries/month (3% monthly growth)'), memoText.slice(0, 400));
  // My scenarios lists it on the home page of this env.browser.
  await page.goto(env.server.url + '/');
  await waitForHydration(page);
  await page.getByRole('navigation', { name: 'My scenarios' }).getByText('Shared triage plan').waitFor();
  assert.deepEqual(problems, []);

  // A colleague with only the read-only link.
  const visitor = await env.browser.newContext();
  const other = await visitor.newPage();
  const otherProblems = watchConsole(other);
  await other.goto(`${env.server.url}/s/${id}`);
  await waitForHydration(other);
  await other.getByTestId('read-only').waitFor();
  assert.equal(await other.getByTestId('save').count(), 0, 'no save button without the key');
  assert.equal(await other.getAttribute('#scenario-name', 'readonly'), '');
  assert.equal(await other.inputValue('#growth'), '3', 'the visitor sees the latest (restored) revision');
  await other.getByTestId('fork').click();
  await other.waitForURL((u) => u.pathname.startsWith('/s/') && !u.pathname.endsWith(id));
  const forkId = other.url().split('/s/')[1];
  await other.getByTestId('save').waitFor();
  await other.fill('#scenario-name', 'My fork');
  await other.getByTestId('save').click();
  await other.waitForFunction(() => document.querySelector('[data-testid=status]')?.textContent.includes('revision 2'));
  const fork = await (await fetch(`${env.server.url}/api/v1/scenarios/${forkId}`)).json();
  assert.equal(fork.forked_from, id);
  assert.equal(fork.scenario.name, 'My fork');
  const original = await (await fetch(`${env.server.url}/api/v1/scenarios/${id}`)).json();
  assert.equal(original.scenario.name, 'Shared triage plan', 'the fork must not touch the original');
  assert.equal(original.revision, 3);
  assert.deepEqual(otherProblems, []);

  // The owner link (key in the fragment) opens editing in yet another env.browser.
  const created = await (
    await fetch(`${env.server.url}/api/v1/scenarios`, { method: 'POST', body: JSON.stringify(savedScenario) })
  ).json();
  const third = await env.browser.newContext();
  const thirdPage = await third.newPage();
  await thirdPage.goto(`${env.server.url}/s/${created.id}#key=${created.edit_key}`);
  await waitForHydration(thirdPage);
  await thirdPage.getByTestId('save').waitFor();
  assert.equal(new URL(thirdPage.url()).hash, '', 'the key is removed from the address bar');
  await owner.close();
  await visitor.close();
  await third.close();
});
