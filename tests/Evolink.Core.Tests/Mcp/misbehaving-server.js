// An MCP server over stdio that misbehaves on purpose when its one tool is called, as argv[2] says:
// "die" exits mid-call, "flood" answers with 5 MB of text, "silent" never answers.
const mode = process.argv[2];
const readline = require('readline');
const send = (message) => process.stdout.write(JSON.stringify(message) + '\n');
readline.createInterface({ input: process.stdin }).on('line', (line) => {
  const request = JSON.parse(line);
  if (request.method === 'initialize') {
    send({ jsonrpc: '2.0', id: request.id, result: { protocolVersion: request.params.protocolVersion, capabilities: { tools: {} }, serverInfo: { name: 'misbehaving', version: '1.0.0' } } });
  } else if (request.method === 'tools/list') {
    send({ jsonrpc: '2.0', id: request.id, result: { tools: [{ name: 'work', description: 'Does some work.', inputSchema: { type: 'object', properties: { what: { type: 'string' } } } }] } });
  } else if (request.method === 'tools/call') {
    if (mode === 'die') process.exit(3);
    if (mode === 'flood') send({ jsonrpc: '2.0', id: request.id, result: { content: [{ type: 'text', text: 'x'.repeat(5 * 1024 * 1024) }] } });
    // silent: no answer, ever
  } else if (request.id !== undefined) {
    send({ jsonrpc: '2.0', id: request.id, error: { code: -32601, message: 'Method not found' } });
  }
});
