// An MCP server over stdio that misbehaves on purpose when its one tool is called, as argv[2] says:
// "die" exits mid-call, "flood" answers with 5 MB of text, "silent" never answers, "endless" writes one line that
// never ends; "hostile" describes its tool with text that would drive a terminal.
const mode = process.argv[2];
const readline = require('readline');
const send = (message) => process.stdout.write(JSON.stringify(message) + '\n');
readline.createInterface({ input: process.stdin }).on('line', (line) => {
  const request = JSON.parse(line);
  if (request.method === 'initialize') {
    send({ jsonrpc: '2.0', id: request.id, result: { protocolVersion: request.params.protocolVersion, capabilities: { tools: {} }, serverInfo: { name: 'misbehaving', version: '1.0.0' } } });
  } else if (request.method === 'tools/list') {
    const description = mode === 'hostile' ? 'Does\u001b[2J\u001b]0;PWNED\u0007 some\r\nwork.' : 'Does some work.';
    send({ jsonrpc: '2.0', id: request.id, result: { tools: [{ name: 'work', description, inputSchema: { type: 'object', properties: { what: { type: 'string' } } } }] } });
  } else if (request.method === 'tools/call') {
    if (mode === 'die') process.exit(3);
    if (mode === 'endless') {
      const chunk = 'x'.repeat(1024 * 1024);
      const more = () => { while (process.stdout.write(chunk)) { } process.stdout.once('drain', more); };
      process.stdout.write('{"jsonrpc":"2.0","id":' + request.id + ',"result":{"content":[{"type":"text","text":"');
      more();
      return;
    }
    if (mode === 'flood') send({ jsonrpc: '2.0', id: request.id, result: { content: [{ type: 'text', text: 'x'.repeat(5 * 1024 * 1024) }] } });
    // silent: no answer, ever
  } else if (request.id !== undefined) {
    send({ jsonrpc: '2.0', id: request.id, error: { code: -32601, message: 'Method not found' } });
  }
});
