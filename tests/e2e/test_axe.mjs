// axe-core (WCAG 2.0/2.1 A and AA) on every page a demo user can reach by
// links: per role, a crawl from the caseload and from a demo client's dossier
// over same-origin GET links (a visited set; no log-out, no language switch,
// no static files), plus the error pages and the other languages.
import { test, login, newContext, axeCheck, ROLES, assert } from './lib.mjs';

const MAX_PAGES = 400; // per role; reaching it is an error
// Pages of one shape (the same path with other ids, the same query keys with
// other values: 151 catalogue instruments, every facet combination) are
// checked up to this many times per role; the rest are counted, not visited.
const PER_SHAPE = 4;

function shape(url) {
	const u = new URL(url);
	const path = u.pathname.replace(/\/\d+(?=\/|$)/g, '/{n}').replace(/^\/catalogue\/[^/]+/, '/catalogue/{id}');
	return `${path}?${[...u.searchParams.keys()].sort().join('&')}`;
}

// Links worth following: same origin, a page (not a file or the language
// switch, which is a redirect that changes the cookie, checked separately).
function follow(href, base) {
	let u;
	try { u = new URL(href, base); } catch { return null; }
	if (u.origin !== new URL(base).origin)
		return null;
	u.hash = '';
	if (/^\/(static\/|lang$|logout$)/.test(u.pathname))
		return null;
	return u.href;
}

async function crawl(browser, base, role) {
	const ctx = await newContext(browser);
	const page = await ctx.newPage();
	const problems = [];
	const visited = new Set();
	const notes = [];
	const statuses = new Map();
	const shapes = new Map();
	const checked = new Set();
	let skipped = 0;
	try {
		await login(page, base, role);
		const landing = follow(page.url(), base);
		// The caseload and the dossier of client 4 (the demo client with the
		// whole route), plus the route's entry pages, so that a page is checked
		// even while no link leads to it yet.
		const queue = [landing, '/clients', '/clients/4', '/clients/new', '/clients/4/questionnaires',
			       '/clients/4/factors', '/clients/4/prognosis', '/clients/4/instruments', '/catalogue', '/admin']
			.map((p) => ({ url: p.startsWith('/') ? `${base}${p}` : p, from: null }));
		while (queue.length) {
			const { url, from } = queue.shift();
			if (!url || visited.has(url))
				continue;
			const k = shape(url);
			if ((shapes.get(k) || 0) >= PER_SHAPE) {
				skipped++;
				visited.add(url);
				continue;
			}
			shapes.set(k, (shapes.get(k) || 0) + 1);
			checked.add(url);
			if (visited.size >= MAX_PAGES) {
				problems.push(`more than ${MAX_PAGES} pages: the crawl stopped`);
				break;
			}
			visited.add(url);
			let res;
			try {
				res = await page.goto(url);
			} catch (e) {
				// A file to save (the inzage export): not a page to check.
				if (/Download is starting/.test(e.message)) {
					checked.delete(url);
					continue;
				}
				throw e;
			}
			const status = res ? res.status() : 0;
			const type = res ? res.headers()['content-type'] || '' : '';
			const path = url.slice(base.length);
			if (status === 404 && !from) {
				// Not there yet: a link to it later still counts as broken.
				visited.delete(url);
				checked.delete(url);
				notes.push(`${path}: 404, not there yet (a start page, no link leads to it)`);
				continue;
			}
			if (status !== 200)
				statuses.set(url, status);
			if (status >= 500 || status === 404 || status === 0)
				problems.push(`${path}: HTTP ${status}` + (from ? ` (linked from ${from})` : ''));
			if (!type.startsWith('text/html'))
				continue;
			for (const v of await axeCheck(page))
				problems.push(`${path} [HTTP ${status}]: ${v}`);
			const hrefs = await page.$$eval('a[href]', (as) => as.map((a) => a.href));
			for (const h of hrefs) {
				const next = follow(h, base);
				if (next && !visited.has(next))
					queue.push({ url: next, from: path });
			}
		}
	} finally {
		await ctx.close();
	}
	if (skipped)
		notes.push(`${skipped} more links to pages of a shape already checked ${PER_SHAPE} times`);
	return { visited: checked, problems, notes, statuses };
}

for (const role of ROLES) {
	test(`axe: every page reachable as demo.${role}`, async ({ base, browser }) => {
		const { visited, problems, notes, statuses } = await crawl(browser, base, role);
		assert(visited.size >= 3, `only ${visited.size} pages reached`);
		assert(problems.length === 0,
		       `${problems.length} problem(s) on ${visited.size} pages:\n${problems.join('\n')}`);
		return [`demo.${role}: ${visited.size} pages, 0 violations: ` +
			[...visited].map((u) => u.slice(base.length) + (statuses.has(u) ? ` (${statuses.get(u)})` : ''))
				.join(' '), ...notes];
	});
}

test('axe: error pages (404 signed in and out, 403, 405)', async ({ base, browser }) => {
	const problems = [];
	async function check(page, path, want, method = 'GET') {
		let res;
		if (method === 'GET') {
			res = await page.goto(`${base}${path}`);
		} else {
			// A 405 page comes from a method the route does not have; a form
			// is the only way a browser sends one, so build that form.
			await page.setContent(`<form method="post" action="${base}${path}"><button>x</button></form>`);
			[res] = await Promise.all([page.waitForNavigation(), page.click('button')]);
		}
		if (res.status() !== want)
			problems.push(`${method} ${path}: HTTP ${res.status()}, expected ${want}`);
		for (const v of await axeCheck(page))
			problems.push(`${method} ${path} [HTTP ${res.status()}]: ${v}`);
	}
	let ctx = await newContext(browser);
	let page = await ctx.newPage();
	await check(page, '/bestaat-niet', 404);
	await ctx.close();

	ctx = await newContext(browser);
	page = await ctx.newPage();
	await login(page, base, 'consulent');
	await check(page, '/bestaat-niet', 404);
	await check(page, '/clients/999999', 404);
	await check(page, '/overview', 403); // aggregates are the manager's
	await check(page, '/clients', 405, 'POST');
	await ctx.close();

	ctx = await newContext(browser);
	page = await ctx.newPage();
	await login(page, base, 'jobcoach');
	await check(page, '/clients/4/questionnaires', 403); // no test details for a jobcoach
	await ctx.close();
	assert(problems.length === 0, problems.join('\n'));
});

test('axe: caseload and dossier in English and German', async ({ base, browser }) => {
	const problems = [];
	const ctx = await newContext(browser);
	const page = await ctx.newPage();
	await login(page, base, 'consulent');
	for (const lang of ['en', 'de']) {
		await page.goto(`${base}/lang?to=${lang}&back=/clients`);
		const htmlLang = await page.getAttribute('html', 'lang');
		if (htmlLang !== lang)
			problems.push(`/lang?to=${lang}: <html lang="${htmlLang}">`);
		for (const path of ['/clients', '/clients/4']) {
			await page.goto(`${base}${path}`);
			for (const v of await axeCheck(page))
				problems.push(`${lang} ${path}: ${v}`);
		}
	}
	await page.goto(`${base}/lang?to=nl&back=/clients`); // kept with the account: undo
	await ctx.close();
	assert(problems.length === 0, problems.join('\n'));
});

test('axe: the catalogue browser searched and filtered by facets', async ({ base, browser }) => {
	const ctx = await newContext(browser);
	const page = await ctx.newPage();
	try {
		await login(page, base, 'consulent');
		await page.goto(`${base}/catalogue`);
		const all = await page.locator('main a[href^="/catalogue/"]').count();
		await page.fill('main input[name=q]', 'taal');
		await page.check('main input[name=doelgroep][value=statushouders]');
		await Promise.all([page.waitForNavigation(), page.locator('main form button[type=submit]').first().click()]);
		const u = new URL(page.url());
		assert(u.searchParams.get('q') === 'taal' && u.searchParams.getAll('doelgroep').includes('statushouders'),
		       `the search form sent ${u.search}`);
		const found = await page.locator('main a[href^="/catalogue/"]').count();
		assert(found > 0 && found <= all, `${found} instruments for "taal" + statushouders (unfiltered page: ${all})`);
		assert(await page.isChecked('main input[name=doelgroep][value=statushouders]'), 'the facet is not kept checked');
		const v = await axeCheck(page);
		assert(v.length === 0, v.join('\n'));
		return [`"taal" + statushouders: ${found} instruments linked`];
	} finally {
		await ctx.close();
	}
});
