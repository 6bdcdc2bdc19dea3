// A real Node-RED (scripts/embed-node-red) in a child process: Node-RED's runtime is one per
// process, and the mocha process already hosts the test helper's.
// Input: env NR_OPTIONS = JSON EmbedOptions. Output: one stdout line {url}. Stops on SIGTERM.
const { startNodeRed } = require('../../dist/scripts/embed-node-red.js');

startNodeRed(JSON.parse(process.env.NR_OPTIONS || '{}')).then((nr) => {
  process.stdout.write(JSON.stringify({ url: nr.url }) + '\n');
  const stop = () => nr.stop().then(() => process.exit(0), () => process.exit(1));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}, (err) => {
  console.error(err);
  process.exit(1);
});
