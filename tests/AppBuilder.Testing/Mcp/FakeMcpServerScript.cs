namespace AppBuilder.Testing.Mcp;

/// <summary>
/// A tiny stdio MCP server in Node.js that misbehaves on purpose, for the client's hostile-input tests. Its first
/// argument picks the behaviour:
/// <list type="bullet">
/// <item><c>garbage</c>: answers every line with text that is not JSON-RPC (the handshake never completes);</item>
/// <item><c>malformed</c>: completes the handshake and lists a tool <c>probe</c>, then answers <c>tools/call</c> with a
/// result of the wrong shape;</item>
/// <item><c>hang</c>: lists <c>probe</c>, then never answers <c>tools/call</c>;</item>
/// <item><c>die</c>: lists <c>probe</c>, then exits (code 3) when it is called;</item>
/// <item><c>changing</c>: lists <c>probe</c>; calling it adds a tool <c>second</c> and sends
/// <c>notifications/tools/list_changed</c> before answering <c>probed</c>.</item>
/// </list>
/// </summary>
public static class FakeMcpServerScript
{
    /// <summary>Writes the script into <paramref name="folder"/> and returns its path (run it with <c>node {path} {mode}</c>).</summary>
    public static string WriteTo(string folder)
    {
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, "fake-mcp-server.cjs");
        File.WriteAllText(path, Script);
        return path;
    }

    private const string Script = """
        const mode = process.argv[2] || 'garbage';
        const readline = require('readline');
        const rl = readline.createInterface({ input: process.stdin });
        const tools = [{ name: 'probe', description: 'A probe tool', inputSchema: { type: 'object', properties: { text: { type: 'string' } } } }];
        const send = m => process.stdout.write(JSON.stringify(m) + '\n');
        if (mode === 'garbage') { process.stdout.write('this is not json\n{"jsonrpc": broken\n'); }
        rl.on('line', line => {
          let msg;
          try { msg = JSON.parse(line); } catch { return; }
          if (mode === 'garbage') { process.stdout.write('<<garbage in reply to ' + (msg.method || '?') + '>>\n'); return; }
          if (process.env.FAKE_MCP_TRACE) process.stderr.write('got ' + line + '\n');
          if (msg.method === 'initialize') {
            send({ jsonrpc: '2.0', id: msg.id, result: { protocolVersion: msg.params.protocolVersion,
              capabilities: { tools: { listChanged: true } }, serverInfo: { name: 'fake', version: '1.0.0' } } });
          } else if (msg.method === 'tools/list') {
            send({ jsonrpc: '2.0', id: msg.id, result: { tools } });
          } else if (msg.method === 'tools/call') {
            if (mode === 'malformed') send({ jsonrpc: '2.0', id: msg.id, result: { content: 'not-an-array', isError: 'maybe' } });
            else if (mode === 'hang') { /* never answers */ }
            else if (mode === 'die') process.exit(3);
            else if (mode === 'changing') {
              if (!tools.some(t => t.name === 'second')) tools.push({ name: 'second', description: 'Appears later', inputSchema: { type: 'object' } });
              send({ jsonrpc: '2.0', method: 'notifications/tools/list_changed' });
              // Answer a moment later, so the client has handled the notification when the result arrives.
              setTimeout(() => send({ jsonrpc: '2.0', id: msg.id, result: { content: [{ type: 'text', text: 'probed' }] } }), 300);
            }
          } else if (msg.method === 'ping') {
            send({ jsonrpc: '2.0', id: msg.id, result: {} });
          } else if (msg.id !== undefined && msg.method) {
            send({ jsonrpc: '2.0', id: msg.id, error: { code: -32601, message: 'Method not found' } });
          }
        });
        """;
}
