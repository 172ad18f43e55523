(function () {
  "use strict";
  // AppBuilder preview capture: forwards console output, uncaught errors and fetch/XHR requests to the project's
  // logs endpoint, where the agent's read_console_logs / read_network_requests tools and the editor's console read them.
  if (window.__appBuilderCapture) return;
  window.__appBuilderCapture = true;
  var endpoint = "__APPBUILDER_LOGS_URL__";
  var queue = [];
  var timer = null;
  var MAX_QUEUE = 500, BATCH = 100, MAX_MESSAGE = 4000;
  var originalFetch = window.fetch;

  function now() { return (window.performance && performance.now) ? performance.now() : Date.now(); }
  function format(value) {
    if (typeof value === "string") return value;
    if (value instanceof Error) return value.stack || (value.name + ": " + value.message);
    try { return JSON.stringify(value); } catch (e) { return String(value); }
  }
  function isOwn(url) { return String(url).indexOf(endpoint) !== -1; }
  function push(kind, level, message) {
    if (queue.length >= MAX_QUEUE) queue.shift();
    queue.push({ kind: kind, level: level, message: String(message).slice(0, MAX_MESSAGE) });
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
    push("network", (!status || status >= 400) ? "error" : "info", message);
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
    var detail = event.error && event.error.stack ? event.error.stack
      : (event.message + (event.filename ? " at " + event.filename + ":" + event.lineno + ":" + event.colno : ""));
    push("console", "error", "Uncaught " + detail);
  });
  window.addEventListener("unhandledrejection", function (event) {
    push("console", "error", "Unhandled promise rejection: " + format(event.reason));
  });

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
