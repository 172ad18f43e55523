(function () {
  "use strict";
  // AppBuilder preview capture: forwards console output, uncaught errors and fetch/XHR requests to the project's
  // logs endpoint, where the agent's read_console_logs / read_network_requests tools and the editor's console read them.
  // Errors (uncaught, unhandled rejections, failed requests, Vite's HMR "error" payload) carry an "error" object the
  // server turns into preview errors with "Fix it".
  if (window.__appBuilderCapture) return;
  window.__appBuilderCapture = true;
  var endpoint = "__APPBUILDER_LOGS_URL__";
  var queue = [];
  var timer = null;
  var MAX_QUEUE = 500, BATCH = 100, MAX_MESSAGE = 4000, MAX_DETAIL = 4000;
  var originalFetch = window.fetch;

  function now() { return (window.performance && performance.now) ? performance.now() : Date.now(); }
  function format(value) {
    if (typeof value === "string") return value;
    if (value instanceof Error) return value.stack || (value.name + ": " + value.message);
    try { return JSON.stringify(value); } catch (e) { return String(value); }
  }
  function isOwn(url) { return String(url).indexOf(endpoint) !== -1; }
  function text(value) { return value == null ? undefined : String(value).slice(0, MAX_DETAIL); }
  function int(value) { var n = Number(value); return isFinite(n) && n >= 0 && n < 1e7 ? Math.floor(n) : undefined; }
  function detail(d) {
    return { type: d.type, message: text(d.message), stack: text(d.stack), file: text(d.file), line: int(d.line),
      column: int(d.column), frame: text(d.frame), method: text(d.method), url: text(d.url), status: int(d.status) };
  }
  function push(kind, level, message, error) {
    if (queue.length >= MAX_QUEUE) queue.shift();
    var entry = { kind: kind, level: level, message: String(message).slice(0, MAX_MESSAGE) };
    if (error) entry.error = detail(error);
    queue.push(entry);
    if (!timer) timer = setTimeout(flush, 1000);
  }
  function flush(leaving) {
    timer = null;
    while (queue.length) {
      var body = JSON.stringify(queue.splice(0, BATCH));
      try {
        if (leaving && navigator.sendBeacon && navigator.sendBeacon(endpoint, body)) continue;
        if (originalFetch) {
          originalFetch.call(window, endpoint, { method: "POST", body: body, keepalive: true, credentials: "same-origin",
            headers: { "Content-Type": "application/json" } }).catch(function () { });
        }
      } catch (e) { }
      if (!leaving) break;
    }
    if (queue.length && !timer) timer = setTimeout(flush, 1000);
  }
  function network(method, url, status, started, error) {
    var ms = Math.round(now() - started);
    var message = method + " " + url + " " + (status || "failed") + " " + ms + "ms" + (error ? " " + format(error) : "");
    var failed = !status || status >= 400;
    push("network", failed ? "error" : "info", message, failed ? { type: "network", method: method, url: url, status: status || 0 } : null);
  }

  ["log", "info", "warn", "error", "debug"].forEach(function (level) {
    var original = console[level];
    if (typeof original !== "function") return;
    console[level] = function () {
      try { push("console", level === "log" ? "info" : level, Array.prototype.map.call(arguments, format).join(" ")); } catch (e) { }
      return original.apply(console, arguments);
    };
  });

  window.addEventListener("error", function (event) {
    var err = event.error;
    var description = err && err.stack ? err.stack
      : (event.message + (event.filename ? " at " + event.filename + ":" + event.lineno + ":" + event.colno : ""));
    var message = err instanceof Error ? (err.name + ": " + err.message) : (event.message || format(err));
    push("console", "error", "Uncaught " + description, { type: "runtime", message: message, stack: err && err.stack,
      file: event.filename, line: event.lineno, column: event.colno });
  });
  window.addEventListener("unhandledrejection", function (event) {
    var reason = event.reason;
    var message = reason instanceof Error ? (reason.name + ": " + reason.message) : format(reason);
    push("console", "error", "Unhandled promise rejection: " + format(reason), { type: "unhandledRejection", message: message,
      stack: reason && reason.stack });
  });

  // Vite's HMR socket: its "error" payload is the build or transform error the Vite overlay shows.
  var NativeWebSocket = window.WebSocket;
  if (NativeWebSocket) {
    var Wrapped = function (url, protocols) {
      var socket = arguments.length > 1 ? new NativeWebSocket(url, protocols) : new NativeWebSocket(url);
      if (String(protocols || "").indexOf("vite-hmr") !== -1) {
        socket.addEventListener("message", function (event) {
          try {
            var payload = typeof event.data === "string" && event.data.indexOf('"error"') !== -1 ? JSON.parse(event.data) : null;
            if (!payload || payload.type !== "error" || !payload.err) return;
            var err = payload.err, loc = err.loc || {};
            push("console", "error", "[vite] " + err.message, { type: "build", message: err.message, stack: err.stack,
              file: loc.file || err.id, line: loc.line, column: loc.column, frame: err.frame });
          } catch (e) { }
        });
      }
      return socket;
    };
    Wrapped.prototype = NativeWebSocket.prototype;
    ["CONNECTING", "OPEN", "CLOSING", "CLOSED"].forEach(function (name) { Wrapped[name] = NativeWebSocket[name]; });
    window.WebSocket = Wrapped;
  }

  if (originalFetch) {
    window.fetch = function (input, init) {
      var method = String((init && init.method) || (input && input.method) || "GET").toUpperCase();
      var url = typeof input === "string" ? input : (input && input.url) || String(input);
      if (isOwn(url)) return originalFetch.apply(this, arguments);
      var started = now();
      return originalFetch.apply(this, arguments).then(function (response) {
        network(method, url, response.status, started);
        return response;
      }, function (error) {
        network(method, url, 0, started, error);
        throw error;
      });
    };
  }

  if (window.XMLHttpRequest) {
    var open = XMLHttpRequest.prototype.open, send = XMLHttpRequest.prototype.send;
    XMLHttpRequest.prototype.open = function (method, url) {
      this.__appBuilder = { method: String(method || "GET").toUpperCase(), url: String(url) };
      return open.apply(this, arguments);
    };
    XMLHttpRequest.prototype.send = function () {
      var info = this.__appBuilder, xhr = this;
      if (info && !isOwn(info.url)) {
        var started = now();
        xhr.addEventListener("loadend", function () { network(info.method, info.url, xhr.status, started); });
      }
      return send.apply(this, arguments);
    };
  }

  window.addEventListener("pagehide", function () { flush(true); });
})();
