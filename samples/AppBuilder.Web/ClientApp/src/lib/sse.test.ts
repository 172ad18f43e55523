import { describe, expect, it } from "vitest";
import { readServerSentEvents, type SseMessage } from "./sse";

function streamOf(...chunks: string[]): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(encoder.encode(chunk));
      controller.close();
    },
  });
}

async function collect(stream: ReadableStream<Uint8Array>): Promise<SseMessage[]> {
  const out: SseMessage[] = [];
  for await (const message of readServerSentEvents(stream)) out.push(message);
  return out;
}

describe("readServerSentEvents", () => {
  it("yields named events with their data", async () => {
    const events = await collect(streamOf('event: text\ndata: {"text":"Hi"}\n\nevent: done\ndata: {}\n\n'));
    expect(events).toEqual([
      { event: "text", data: '{"text":"Hi"}' },
      { event: "done", data: "{}" },
    ]);
  });

  it("joins events split across chunks, including a CRLF split between chunks", async () => {
    const events = await collect(streamOf("event: te", "xt\r", "\ndata: {\"a\"", ":1}\r\n\r\n"));
    expect(events).toEqual([{ event: "text", data: '{"a":1}' }]);
  });

  it("joins multi-line data, ignores comments and defaults the event name to message", async () => {
    const events = await collect(streamOf(": keep-alive\n\ndata: line one\ndata: line two\n\n"));
    expect(events).toEqual([{ event: "message", data: "line one\nline two" }]);
  });

  it("drops an event the stream cut before its blank line", async () => {
    const events = await collect(streamOf("event: text\ndata: {}\n\nevent: tool_call\ndata: {"));
    expect(events).toEqual([{ event: "text", data: "{}" }]);
  });
});
