// The browser tests' shared part (docs/web.md, "Browser tests"): a fresh demo
// database and `ipm serve` on a free port, Debian's Chromium through
// playwright-core (nothing downloaded), log-in as a demo role, and axe-core's
// WCAG 2.1 A/AA check of a page.
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import { chromium } from 'playwright-core';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

// From src/services/demo.h (DEMO_PASSWORD); `ipm init --demo` prints it too.
export const DEMO_PASSWORD = 'demo-wachtwoord';
export const ROLES = ['consulent', 'psycholoog', 'jobcoach', 'manager', 'beheerder'];
export const VIEWPORT = { width: 1280, height: 900 };
export const LOCALE = 'nl-NL';

// A fresh demo database in a temporary directory and `ipm serve` on it; the
// server writes the port it bound (--port 0) to a file, so no port is guessed.
export async function startServer({ bin = process.env.IPM_BIN || join(root, 'build/ipm'),
				    data = join(root, 'data') } = {}) {
	const dir = mkdtempSync(join(tmpdir(), 'ipm-e2e-'));
	const db = join(dir, 'ipm.db');
	execFileSync(bin, ['init', '--db', db, '--data', data, '--demo'], { stdio: ['ignore', 'ignore', 'pipe'] });
	const portFile = join(dir, 'port');
	const child = spawn(bin, ['serve', '--db', db, '--data', data, '--port', '0',
				  '--port-file', portFile, '--log-level', 'warn'],
			    { stdio: ['ignore', 'ignore', 'pipe'] });
	let stderr = '';
	child.stderr.on('data', (d) => { stderr += d; });
	let exited = null;
	child.on('exit', (code, signal) => { exited = { code, signal }; });

	let base = null;
	for (let i = 0; i < 200 && !base; i++) {
		if (exited)
			throw new Error(`ipm serve exited (${exited.code ?? exited.signal}): ${stderr}`);
		try {
			const port = readFileSync(portFile, 'utf8').trim();
			if (port) {
				const res = await fetch(`http://127.0.0.1:${port}/healthz`);
				if (res.ok)
					base = `http://127.0.0.1:${port}`;
			}
		} catch { /* not listening yet */ }
		if (!base)
			await sleep(50);
	}
	if (!base) {
		child.kill('SIGTERM');
		throw new Error(`ipm serve did not answer /healthz within 10 s: ${stderr}`);
	}
	return {
		base, db, dir,
		stderr: () => stderr,
		async stop() {
			if (!exited) {
				child.kill('SIGTERM');
				for (let i = 0; i < 100 && !exited; i++)
					await sleep(50);
				if (!exited)
					child.kill('SIGKILL');
			}
			rmSync(dir, { recursive: true, force: true });
			return exited;
		},
	};
}

// Root in a container has no user namespaces for Chromium's sandbox. (Date
// fields show mm/dd/yyyy whatever the locale: headless Chromium formats them
// by its own built-in locale, which neither --lang nor LANG changes.)
export function launchBrowser() {
	return chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
				 headless: true, args: ['--no-sandbox'] });
}

export function newContext(browser, opts = {}) {
	return browser.newContext({ viewport: VIEWPORT, locale: LOCALE, ...opts });
}

// Logs in through the form; returns the page after the redirect.
export async function login(page, base, role) {
	await page.goto(`${base}/login`);
	await page.fill('#username', `demo.${role}`);
	await page.fill('#password', DEMO_PASSWORD);
	await Promise.all([page.waitForNavigation(), page.click('main button[type=submit]')]);
	const at = new URL(page.url());
	if (at.pathname === '/login')
		throw new Error(`log-in as demo.${role} failed`);
	// The language chosen last is kept with the account (page_lang.c); the
	// tests read Dutch, so a choice an earlier test made is undone here.
	if (await page.getAttribute('html', 'lang') !== 'nl')
		await page.goto(`${base}/lang?to=nl&back=${encodeURIComponent(at.pathname)}`);
	return page;
}

const axeSource = readFileSync(join(root, 'node_modules/axe-core/axe.min.js'), 'utf8');
export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

// axe-core on the page as it is now. Injected through the DevTools protocol
// (page.evaluate), which the page's CSP does not govern, so the CSP stays
// exactly as served. Returns the violations as readable lines (rule, target,
// help); an empty list means none.
export async function axeCheck(page) {
	if (!(await page.evaluate(() => typeof window.axe === 'object')))
		await page.evaluate(axeSource);
	const result = await page.evaluate(async (tags) => {
		const r = await window.axe.run(document, { runOnly: { type: 'tag', values: tags },
							   resultTypes: ['violations'] });
		return r.violations.map((v) => ({ id: v.id, help: v.help, impact: v.impact,
						  targets: v.nodes.map((n) => n.target.join(' ')),
						  summary: v.nodes[0]?.failureSummary ?? '' }));
	}, AXE_TAGS);
	return result.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.targets.slice(0, 5).join(', ')}` +
			  (v.targets.length > 5 ? ` and ${v.targets.length - 5} more` : '') +
			  (v.summary ? `\n    ${v.summary.replace(/\n/g, '\n    ')}` : ''));
}

// --- a minimal test registry: test files call test(name, fn) at import ----
export const registered = [];
export function test(name, fn) {
	registered.push({ name, fn });
}

// Tests that depend on a page that may not exist yet use this to fail with a
// clear "missing" message rather than a time-out on a selector.
export function assert(cond, msg) {
	if (!cond)
		throw new Error(msg);
}
