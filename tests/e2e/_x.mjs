import { launchBrowser, newContext, login } from './lib.mjs';
const [base, path] = process.argv.slice(2);
const b = await launchBrowser(); const c = await newContext(b); const p = await c.newPage();
await login(p, base, process.env.ROLE || 'consulent');
const r = await p.goto(base + path); console.log(r.status(), p.url());
console.log(await p.$$eval('main form', fs => fs.map(f => f.method + ' ' + f.getAttribute('action') + '\n' + [...f.elements].map(e => `  ${e.tagName} ${e.type} name=${e.name} value=${(e.value||'').slice(0,20)} ${e.required?'REQ':''} ${e.checked?'CHECKED':''}`).join('\n')).join('\n')));
console.log((await p.innerText('main')).slice(0, +(process.env.N||1500)));
console.log(await p.$$eval('main a[href]', as => as.map(a=>a.getAttribute('href')).join(' ')));
await b.close();
