// `npx mocha test/x.spec.js` runs just that file; plain `mocha` (npm test) runs them all.
const named = process.argv.slice(2).some((a) => a.endsWith('.js'));
module.exports = {
  ...(named ? {} : { spec: ['test/**/*.spec.js'] }),
  timeout: 20000,
  exit: true,
};
