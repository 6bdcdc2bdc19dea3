// The package as Node-RED and its catalogue see it: the rules of `node-red-dev validate`
// (which needs the network, so they are re-checked here) and the layout docs/architecture.md describes.
const assert = require('assert');
const fs = require('fs');
const path = require('path');

const root = path.join(__dirname, '..');
const pkg = require('../package.json');
const semverSatisfies = require(require.resolve('semver/functions/satisfies', { paths: [path.dirname(require.resolve('node-red/package.json'))] }));

describe('package', function () {
  it('P01/P03/P04/P05: licensed, has a repository, a scoped name and the node-red keyword', function () {
    assert.strictEqual(pkg.license, 'MIT');
    assert.ok(pkg.repository || pkg.bugs);
    assert.match(pkg.name, /^@[a-z\d][\w-.]+\/[a-z\d][\w-.]*$/);
    assert.ok(pkg.keywords.includes('node-red'));
    assert.ok(fs.existsSync(path.join(root, 'LICENSE')));
  });

  it('README: opens with what it is and how a Node-RED user installs it; the two developer commands within 40 lines', function () {
    const lines = fs.readFileSync(path.join(root, 'README.md'), 'utf8').split('\n');
    const at = (re) => lines.findIndex((l) => re.test(l));
    const install = at(/Manage palette → Install/);
    const npmInstall = at(new RegExp(`npm install ${pkg.name.replace('/', '\\/')}`));
    const start = at(/^npm install && npm start/);
    const test = at(/^npm install && npm test/);
    assert.ok(install > 0 && npmInstall > install, 'palette install, then npm install in the user directory');
    assert.ok(at(/Auth Token/) > npmInstall && at(/API key/) > npmInstall, 'a quick start with a real account follows');
    assert.ok(start > npmInstall && start < 40 && test === start + 1, `the two-command block within the first 40 lines (at ${start})`);
    assert.ok(at(/POST \/__sandbox\/faults/) > start, 'how to inject sandbox faults');
  });

  it('P06/P07: declares the Node-RED and Node.js versions it supports, and the installed ones satisfy them', function () {
    const nrVersion = require('node-red/package.json').version;
    assert.ok(semverSatisfies(nrVersion, pkg['node-red'].version), `${nrVersion} vs ${pkg['node-red'].version}`);
    assert.ok(semverSatisfies('22.9.0', pkg.engines.node) && semverSatisfies(process.versions.node, pkg.engines.node));
  });

  it('engines.node and node-red.version are lower bounds only, and agree with each other and with CI (Node 20 + Node-RED 4, Node 22 + Node-RED 5)', function () {
    for (const range of [pkg.engines.node, pkg['node-red'].version]) assert.match(range, /^>=\d+(\.\d+){0,2}$/, range);
    // every Node-RED the range allows runs on the lowest Node the package allows, or needs a newer one the range also allows
    const nodeMin = pkg.engines.node.slice(2);
    const nrMin = pkg['node-red'].version.slice(2);
    assert.ok(semverSatisfies(nodeMin.split('.').length === 1 ? `${nodeMin}.0.0` : nodeMin, '>=18.5'), 'Node-RED 4 needs Node >= 18.5');
    assert.ok(semverSatisfies(nrMin, '>=4.0.0') && semverSatisfies('4.1.0', pkg['node-red'].version) && semverSatisfies('5.0.0', pkg['node-red'].version));
    assert.ok(semverSatisfies('20.0.0', pkg.engines.node) && semverSatisfies('22.9.0', pkg.engines.node));
    assert.strictEqual(pkg.scripts['test:nr5'], 'bash scripts/test-nr5.sh');
  });

  // Proxies need no agent package: nodes/twilio/proxy.ts opens the CONNECT tunnel itself so
  // the account's timeout bounds it.
  it('D01: three runtime dependencies (the Twilio SDK, xml-js, libphonenumber-js); dev tools stay dev', function () {
    assert.deepStrictEqual(Object.keys(pkg.dependencies).sort(), ['libphonenumber-js', 'twilio', 'xml-js']);
    for (const name of Object.keys(pkg.dependencies)) assert.ok(!(name in pkg.devDependencies), name);
    assert.strictEqual(pkg.devDependencies['@twilio-alpha/mcp'], '0.7.0');
    assert.strictEqual(pkg.devDependencies['@stoplight/prism-cli'], '5.14.2');
  });

  it('N01: node types are ours and clash with no core node', function () {
    const core = new Set();
    const coreDir = path.join(path.dirname(require.resolve('@node-red/nodes/package.json')), 'core');
    for (const dir of fs.readdirSync(coreDir)) {
      for (const f of fs.readdirSync(path.join(coreDir, dir)).filter((x) => x.endsWith('.html'))) {
        const html = fs.readFileSync(path.join(coreDir, dir, f), 'utf8');
        for (const m of html.matchAll(/registerType\(\s*['"]([^'"]+)['"]/g)) core.add(m[1]);
      }
    }
    assert.ok(core.has('inject') && core.has('http request'));
    for (const type of Object.keys(pkg['node-red'].nodes)) {
      assert.match(type, /^twilio-/);
      assert.ok(!core.has(type), type);
    }
  });

  it('each node file Node-RED loads has its .html, icons and locales beside it (self-contained dist/nodes)', function () {
    for (const [type, file] of Object.entries(pkg['node-red'].nodes)) {
      const js = path.join(root, file);
      const dir = path.dirname(js);
      assert.ok(fs.existsSync(js), file);
      assert.ok(fs.existsSync(js.replace(/\.js$/, '.html')), `${type}.html`);
      assert.ok(fs.existsSync(path.join(dir, 'locales', 'en-US', `${type}.json`)), `${type}.json`);
      assert.ok(fs.existsSync(path.join(dir, 'catalog', 'api.v2010.json')));
      assert.ok(fs.readdirSync(path.join(dir, 'icons')).some((f) => f.endsWith('.svg')));
    }
    for (const top of ['nodes', 'icons', 'locales', 'test', 'examples', 'resources', 'tsconfig.json', 'README.md']) {
      assert.ok(fs.existsSync(path.join(root, top)), top);
    }
  });

  it('N02: examples are flows with no credentials and no base URL', function () {
    const files = fs.readdirSync(path.join(root, 'examples')).filter((f) => f.endsWith('.json'));
    assert.ok(files.length >= 6);
    for (const f of files) {
      const flow = JSON.parse(fs.readFileSync(path.join(root, 'examples', f), 'utf8'));
      assert.ok(Array.isArray(flow) && flow.some((n) => n.type === 'tab'), f);
      for (const n of flow) {
        assert.ok(!n.credentials, `${f}: ${n.id} has credentials`);
        if (n.type === 'twilio-account') assert.strictEqual(n.baseUrl, '', `${f}: base URL`);
      }
      assert.ok(!/AC[0-9a-fA-F]{32}|sandbox-auth-token/.test(JSON.stringify(flow)), `${f} holds an account or token`);
    }
  });

  it('the published files hold no sandbox, tests or sources of secrets', function () {
    assert.deepStrictEqual(pkg.files.filter((f) => /sandbox|test|bench/.test(f)), []);
  });
});
