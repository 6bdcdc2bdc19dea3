module.exports = {
  spec: ['test/**/*.spec.js'],
  timeout: 20000,
  exit: true,
};
