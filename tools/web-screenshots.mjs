// Screenshots of the main pages for docs/screenshots/ (docs/web.md):
//   node tools/web-screenshots.mjs http://127.0.0.1:PORT docs/screenshots
// Logs in as the demo users (password from `ipm init --demo`) in Debian's
// Chromium through playwright-core; nothing is downloaded.
import { chromium } from 'playwright-core';

const [base, out] = process.argv.slice(2);
if (!base || !out) {
	console.error('usage: node tools/web-screenshots.mjs BASE_URL OUT_DIR');
	process.exit(2);
}
const password = process.env.IPM_DEMO_PASSWORD || 'demo-wachtwoord';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium' });

async function session(user, lang = 'nl-NL') {
	const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: lang });
	const page = await ctx.newPage();
	await page.goto(`${base}/login`);
	if (user) {
		await page.fill('#username', user);
		await page.fill('#password', password);
		await Promise.all([page.waitForNavigation(), page.click('button[type=submit]')]);
	}
	return { ctx, page };
}

async function shot(page, path, name) {
	await page.goto(`${base}${path}`);
	await page.screenshot({ path: `${out}/${name}.png`, fullPage: true });
	console.log(`${out}/${name}.png`);
}

let s = await session(null);
await shot(s.page, '/login', 'login');
await s.ctx.close();

s = await session('demo.consulent');
await shot(s.page, '/clients', 'caseload');
await shot(s.page, '/clients/4', 'dossier');
await shot(s.page, '/clients/4/tests', 'tests');
await s.ctx.close();

s = await session('demo.jobcoach');
await shot(s.page, '/clients/4', 'dossier-jobcoach');
await s.ctx.close();

s = await session('demo.psycholoog');
await shot(s.page, '/clients/1', 'break-the-glass');
await s.ctx.close();

s = await session('demo.manager', 'en-GB');
await shot(s.page, '/overview', 'overview-en');
await s.ctx.close();

await browser.close();
