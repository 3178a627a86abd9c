// Screenshots of the inzage, erasure and administration pages for
// docs/screenshots/ (docs/web.md, docs/inzage.md, docs/retention.md):
//   node tools/web-screenshots-admin.mjs http://127.0.0.1:PORT docs/screenshots
// Debian's Chromium through playwright-core, demo users; the inzage is a
// full-page shot, cut to its first 4000 pixels (the audit trail is long).
import { chromium } from 'playwright-core';

const [base, out] = process.argv.slice(2);
if (!base || !out) {
	console.error('usage: node tools/web-screenshots-admin.mjs BASE_URL OUT_DIR');
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

async function shot(page, path, name, clipHeight) {
	await page.goto(`${base}${path}`);
	const opts = { path: `${out}/${name}.png`, fullPage: true };
	if (clipHeight) {
		const h = await page.evaluate(() => document.documentElement.scrollHeight);
		opts.clip = { x: 0, y: 0, width: 1280, height: Math.min(h, clipHeight) };
	}
	await page.screenshot(opts);
	console.log(`${out}/${name}.png`);
}

let s = await session('demo.consulent');
await shot(s.page, '/clients/4/inzage', 'inzage', 4000);
await shot(s.page, '/clients/4/erasure', 'erasure-consulent');
await s.ctx.close();

s = await session('demo.beheerder');
await shot(s.page, '/admin/users', 'admin-users');
await shot(s.page, '/admin/packs', 'admin-packs', 3000);
await shot(s.page, '/admin/retention', 'admin-retention');
await shot(s.page, '/clients/4/erasure', 'erasure');
await s.ctx.close();

await browser.close();
