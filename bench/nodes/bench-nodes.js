'use strict';
// Two tiny nodes for the benchmark (loaded through Node-RED's nodesDir):
//   bench-source: the bench calls globalThis.__nrBench.send(sourceId, msg) to emit a message;
//   bench-sink:   hands every message it receives to globalThis.__nrBench.onSink(id, msg),
//                 keeping nothing (no spies, no arrays of messages).
module.exports = function (RED) {
  const bench = (globalThis.__nrBench = globalThis.__nrBench || { sources: new Map(), onSink: () => {} });
  bench.send = (id, msg) => {
    const node = bench.sources.get(id);
    if (!node) throw new Error(`no bench-source ${id}`);
    node.send(msg);
  };

  function BenchSource(config) {
    RED.nodes.createNode(this, config);
    bench.sources.set(this.id, this);
    this.on('close', () => bench.sources.delete(this.id));
  }
  RED.nodes.registerType('bench-source', BenchSource);

  function BenchSink(config) {
    RED.nodes.createNode(this, config);
    const id = this.id;
    this.on('input', (msg, send, done) => {
      bench.onSink(id, msg);
      done();
    });
  }
  RED.nodes.registerType('bench-sink', BenchSink);
};
