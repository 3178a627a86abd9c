// Screenshots of the main pages into docs/screenshots/ (`make screenshots`):
//   node tests/e2e/screenshots.mjs [OUT_DIR]
// A fresh demo database and server as for the browser tests, Chromium at
// 1280x900 in nl-NL; the demo client with the whole route is client 4. A page
// taller than the window is captured whole up to three windows high. A page
// that does not exist is reported as MISSING (exit 1), not left out silently.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { root, startServer, launchBrowser, newContext, login, VIEWPORT } from './lib.mjs';

const out = process.argv[2] || join(root, 'docs/screenshots');
mkdirSync(out, { recursive: true });
const missing = [];

async function shot(page, base, path, name, prepare) {
	if (path) {
		const res = await page.goto(`${base}${path}`);
		if (res.status() === 404) {
			missing.push(`${name}: ${path} answers 404`);
			console.log(`MISSING ${name}: ${path} answers 404`);
			return;
		}
	}
	if (prepare)
		await prepare(page);
	const height = await page.evaluate(() => document.documentElement.scrollHeight);
	const file = join(out, `${name}.png`);
	await page.screenshot({ path: file, fullPage: true,
				clip: { x: 0, y: 0, width: VIEWPORT.width, height: Math.min(height, 3 * VIEWPORT.height) } });
	console.log(file);
}

const server = await startServer();
const browser = await launchBrowser();
const base = server.base;
try {
	let ctx = await newContext(browser);
	let page = await ctx.newPage();
	await shot(page, base, '/login', 'login');
	await login(page, base, 'consulent');
	await shot(page, base, '/clients', 'caseload');
	await shot(page, base, '/clients/4', 'dossier');
	await shot(page, base, '/clients/new', 'intake');
	// A questionnaire page: a new Big Five for client 4, a few answers given.
	await page.goto(`${base}/clients/4/questionnaires`);
	await shot(page, base, null, 'questionnaires');
	await Promise.all([page.waitForNavigation(),
		page.click('main form:has(input[name=pack][value="ipip-neo-120"]) button[name=how][value=together]')]);
	await shot(page, base, null, 'questionnaire', async (p) => {
		const names = await p.$$eval('main form input[type=radio]', (els) => [...new Set(els.map((e) => e.name))]);
		for (const [i, n] of names.slice(0, 4).entries())
			await p.check(`input[name="${n}"][value="${(i % 5) + 1}"]`);
	});
	await shot(page, base, '/clients/4/results/ipip-neo-120', 'results-bigfive');
	await shot(page, base, '/clients/4/results/career-anchors', 'results-anchors');
	await shot(page, base, '/clients/4/results/career-clusters', 'results-riasec');
	await shot(page, base, '/clients/4/results/culture-preference', 'results-culture');
	await shot(page, base, '/clients/4/results/job-characteristics', 'results-jcm');
	await shot(page, base, '/clients/4/factors', 'factors');
	await shot(page, base, '/clients/4/profile', 'profile');
	await shot(page, base, '/clients/4/prognosis', 'prognosis');
	await shot(page, base, '/clients/4/judgement', 'judgement');
	await shot(page, base, '/clients/4/instruments', 'instruments');
	await shot(page, base, '/catalogue', 'catalogue');
	await ctx.close();

	ctx = await newContext(browser);
	page = await ctx.newPage();
	await login(page, base, 'jobcoach');
	await shot(page, base, '/clients/4', 'dossier-jobcoach');
	await ctx.close();

	ctx = await newContext(browser);
	page = await ctx.newPage();
	await login(page, base, 'psycholoog');
	await shot(page, base, '/clients/1', 'break-the-glass');
	await ctx.close();

	ctx = await newContext(browser);
	page = await ctx.newPage();
	await login(page, base, 'manager');
	await shot(page, base, '/overview', 'overview');
	await ctx.close();
} finally {
	await browser.close();
	await server.stop();
}
if (missing.length) {
	console.log(`${missing.length} page(s) missing:\n${missing.join('\n')}`);
	process.exit(1);
}
