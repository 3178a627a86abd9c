// Screenshots of the I.P.M. pages and the catalogue for docs/screenshots/
// (docs/web.md, "I.P.M. pages"):
//   node tools/web-screenshots-ipm.mjs http://127.0.0.1:PORT docs/screenshots
// against a server on a fresh `ipm init --demo` database; logs in as the demo
// users in Debian's Chromium through playwright-core.
import { chromium } from 'playwright-core';

const [base, out] = process.argv.slice(2);
if (!base || !out) {
	console.error('usage: node tools/web-screenshots-ipm.mjs BASE_URL OUT_DIR');
	process.exit(2);
}
const password = process.env.IPM_DEMO_PASSWORD || 'demo-wachtwoord';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium' });

async function session(user, lang = 'nl-NL') {
	const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: lang });
	const page = await ctx.newPage();
	await page.goto(`${base}/login`);
	await page.fill('#username', user);
	await page.fill('#password', password);
	await Promise.all([page.waitForNavigation(), page.click('button[type=submit]')]);
	return { ctx, page };
}

async function shot(page, path, name, full = true) {
	await page.goto(`${base}${path}`);
	await page.screenshot({ path: `${out}/${name}.png`, fullPage: full });
	console.log(`${out}/${name}.png`);
}

// Computes a prognosis the way a professional does: the button on its page.
async function compute(page, client) {
	await page.goto(`${base}/clients/${client}/prognosis`);
	const button = page.locator('form.ipm-actions button');
	if (await button.count())
		await Promise.all([page.waitForNavigation(), button.first().click()]);
}

let s = await session('demo.consulent');
await compute(s.page, 3);
await compute(s.page, 6);
// The interview is long (33 factors): the top of it shows how a factor is asked.
await shot(s.page, '/clients/3/factors', 'ipm-factors', false);
await shot(s.page, '/clients/3/profile', 'ipm-profile');
await shot(s.page, '/clients/3/prognosis', 'ipm-prognosis');
await shot(s.page, '/clients/4/judgement', 'ipm-judgement', false);
await shot(s.page, '/clients/3/instruments', 'ipm-instruments', false);
await shot(s.page, '/catalogue?q=taal&klantkenmerk=6', 'catalogue');
await shot(s.page, '/catalogue/taalmaatje', 'catalogue-instrument');
await s.ctx.close();

s = await session('demo.jobcoach');
await shot(s.page, '/clients/4/prognosis', 'ipm-prognosis-jobcoach');
await s.ctx.close();

s = await session('demo.consulent', 'de-DE');
await s.page.goto(`${base}/lang?to=de&back=/clients/6/prognosis`);
await shot(s.page, '/clients/6/prognosis', 'ipm-prognosis-de');
await s.ctx.close();

await browser.close();
