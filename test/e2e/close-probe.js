// Probe for the close test's Node-RED child (test/support/node-red.js, option `probe`): says
// "queued 2" once the account holds two Creates behind the hanging one, and after Node-RED
// stopped prints REPORT {doneCounts, codes}: how each Create node's messages ended.
const IDS = ['c1', 'c2', 'c3'];

module.exports = function closeProbe(nr) {
  const done = new Map();
  nr.RED.hooks.add('onComplete', (evt) => {
    if (!IDS.includes(evt.node.id)) return;
    const list = done.get(evt.node.id) || [];
    list.push(evt.error ? evt.error.code : 'ok');
    done.set(evt.node.id, list);
  });
  const watch = setInterval(() => {
    const account = nr.RED.nodes.getNode('acc');
    if (account && account.service && account.service.limiter.queued === 2) {
      console.log('queued 2');
      clearInterval(watch);
    }
  }, 20);
  return {
    afterStop() {
      clearInterval(watch);
      console.log('REPORT ' + JSON.stringify({
        doneCounts: IDS.map((id) => (done.get(id) || []).length),
        codes: IDS.flatMap((id) => done.get(id) || []),
      }));
    },
  };
};
