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

// Who sees which page, in which language. The names are those docs/web.md
// refers to; one run of this script makes all of them.
const plan = [
	{ role: null, shots: [['/login', 'login']] },
	{ role: 'consulent', shots: [
		['/clients', 'caseload'], ['/clients/4', 'dossier'],
		['/clients/new', 'intake'], ['/clients/4/questionnaires', 'questionnaires'], [null, 'questionnaire'],
		['/clients/4/results/ipip-neo-120', 'results-bigfive'],
		['/clients/4/results/career-anchors', 'results-anchors'],
		['/clients/4/results/career-clusters', 'results-riasec'],
		['/clients/4/results/culture-preference', 'results-culture'],
		['/clients/4/results/job-characteristics', 'results-jcm'],
		['/clients/3/factors', 'ipm-factors'], ['/clients/3/profile', 'ipm-profile'],
		['/clients/3/prognosis', 'ipm-prognosis'], ['/clients/4/judgement', 'ipm-judgement'],
		['/clients/3/instruments', 'ipm-instruments'],
		['/catalogue?q=taal&klantkenmerk=6', 'catalogue'], ['/catalogue/taalmaatje', 'catalogue-instrument'],
		['/clients/4/inzage', 'inzage'], ['/clients/4/erasure', 'erasure-consulent']] },
	{ role: 'consulent', lang: 'de', shots: [['/clients/6/prognosis', 'ipm-prognosis-de']] },
	{ role: 'jobcoach', shots: [['/clients/4', 'dossier-jobcoach'], ['/clients/4/prognosis', 'ipm-prognosis-jobcoach']] },
	{ role: 'psycholoog', shots: [['/clients/1', 'break-the-glass']] },
	{ role: 'manager', shots: [['/overview', 'overview']] },
	{ role: 'manager', lang: 'en', shots: [['/overview', 'overview-en']] },
	{ role: 'beheerder', shots: [['/admin/users', 'admin-users'], ['/admin/packs', 'admin-packs'],
		['/admin/retention', 'admin-retention'], ['/clients/4/erasure', 'erasure']] },
];

// The questionnaire page: a new Big Five for client 4, a few answers given.
async function questionnaire(page, base) {
	await page.goto(`${base}/clients/4/questionnaires`);
	await Promise.all([page.waitForNavigation(),
		page.click('main form:has(input[name=pack][value="ipip-neo-120"]) button[name=how][value=together]')]);
	const names = await page.$$eval('main form input[type=radio]', (els) => [...new Set(els.map((e) => e.name))]);
	for (const [i, n] of names.slice(0, 4).entries())
		await page.check(`input[name="${n}"][value="${(i % 5) + 1}"]`);
}

// A prognosis page of a client without one: compute it first, as the
// professional would (the button posts to the same page).
async function compute(page) {
	const button = page.locator('main form[action$="/prognosis"] button[type=submit]');
	if (/\/prognosis$/.test(new URL(page.url()).pathname) && await button.count() &&
	    !(await page.locator('main svg').count()))
		await Promise.all([page.waitForNavigation(), button.first().click()]);
}

const server = await startServer();
const browser = await launchBrowser();
const base = server.base;
try {
	for (const { role, lang, shots } of plan) {
		const ctx = await newContext(browser);
		const page = await ctx.newPage();
		if (role)
			await login(page, base, role);
		if (lang)
			await page.goto(`${base}/lang?to=${lang}&back=/`);
		for (const [path, name] of shots)
			await shot(page, base, path, name, path ? (p) => compute(p) : (p) => questionnaire(p, base));
		await ctx.close();
	}
} finally {
	await browser.close();
	await server.stop();
}
if (missing.length) {
	console.log(`${missing.length} page(s) missing:\n${missing.join('\n')}`);
	process.exit(1);
}
