/** One server-sent event. */
export interface SseMessage {
  event: string;
  data: string;
}

/**
 * Reads a text/event-stream body and yields each event as it completes (per the HTML living standard's
 * event-stream interpretation: `event:`/`data:` fields, multi-line data joined by "\n", comments ignored,
 * dispatch on a blank line).
 */
export async function* readServerSentEvents(body: ReadableStream<Uint8Array>): AsyncGenerator<SseMessage> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  let event = "";
  let data: string[] = [];
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += decoder.decode(value, { stream: true });
      let newline: number;
      while ((newline = buffer.search(/\r\n|\r|\n/)) >= 0) {
        const line = buffer.slice(0, newline);
        const length = buffer[newline] === "\r" && buffer[newline + 1] === "\n" ? 2 : 1;
        // A lone "\r" at the end of the buffer may be the first half of "\r\n": wait for more input.
        if (buffer[newline] === "\r" && newline + 1 === buffer.length) break;
        buffer = buffer.slice(newline + length);
        if (line === "") {
          if (data.length > 0) yield { event: event || "message", data: data.join("\n") };
          event = "";
          data = [];
          continue;
        }
        if (line.startsWith(":")) continue;
        const colon = line.indexOf(":");
        const field = colon < 0 ? line : line.slice(0, colon);
        let value = colon < 0 ? "" : line.slice(colon + 1);
        if (value.startsWith(" ")) value = value.slice(1);
        if (field === "event") event = value;
        else if (field === "data") data.push(value);
      }
    }
  } finally {
    reader.releaseLock();
  }
}
