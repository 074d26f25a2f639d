#!/usr/bin/env python3
"""Loopback HTTP server for triage's probe tests and the lab: health endpoints and a Prometheus stand-in.

Prints {"port": N} as its first stdout line, then serves until killed. Exits by itself when its
parent dies, so a crashed test run leaves nothing behind.

Routes (GET unless noted):
  /ok                      200 "ok"
  /status/<code>           that status, body "status <code>"
  /slow?ms=N               waits N ms, then 200 "slow"
  /text/<word>             200 with body <word>
  /headers                 200, the request headers as JSON (to prove headers arrive)
  /n/<i>                   200 "[ok <i>]" (for many endpoints in one round)
  /redirect?to=PATH        302 to PATH (default /ok)
  /big?mib=N               200, a chunked body of N MiB (default 64) starting with "[start]"
  /big/sent                200 application/json: the body bytes each ended /big answer sent, in the order they ended
  /json                    200 application/json {"status": "ok", "checks": [{"name": "db", "up": true}], "load": 0.5}
  HEAD /ok                 200, no body
  /api/v1/query?query=Q    Prometheus instant-query answers, chosen by Q (see PROMETHEUS below)
Options: --tls CERT KEY serves HTTPS; --port N picks the port (default: any free one).
"""
import http.server
import json
import os
import ssl
import sys
import threading
import time
import urllib.parse

PROMETHEUS = {
    'up{job="web"}': {"resultType": "vector", "result": [
        {"metric": {"__name__": "up", "job": "web", "instance": "web-1:8080"}, "value": [1700000000.5, "1"]},
        {"metric": {"__name__": "up", "job": "web", "instance": "web-2:8080"}, "value": [1700000000.5, "0"]},
    ]},
    'sum(rate(http_requests_total{status=~"5.."}[5m]))': {"resultType": "vector", "result": [
        {"metric": {}, "value": [1700000000.5, "0.07"]},
    ]},
    "low_error_rate": {"resultType": "vector", "result": [{"metric": {"service": "api"}, "value": [1700000000.5, "0.001"]}]},
    "scalar(42)": {"resultType": "scalar", "result": [1700000000.5, "42"]},
    "empty": {"resultType": "vector", "result": []},
    "nan": {"resultType": "vector", "result": [{"metric": {"q": "ratio"}, "value": [1700000000.5, "NaN"]}]},
    "range[5m]": {"resultType": "matrix", "result": [{"metric": {}, "values": [[1700000000, "1"]]}]},
}


# What each /big answer got out before it ended: a test counts what a capped client let through
# instead of timing the round.
BIG_SENT = []
BIG_SENT_LOCK = threading.Lock()


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    # Headers and body go out in two writes; with Nagle on, the body of every answer on a
    # kept-alive connection waited ~40 ms for the client's delayed ACK, so a 1 ms endpoint
    # measured 40-70 ms inside a curl --parallel round (docs/PERFORMANCE.md).
    disable_nagle_algorithm = True

    def log_message(self, *args):
        pass

    def reply(self, code, body, content_type="text/plain"):
        data = body.encode() if isinstance(body, str) else body
        self.send_response(code)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)

    def do_HEAD(self):
        self.reply(200, "ok")

    def do_POST(self):
        length = int(self.headers.get("Content-Length", "0") or 0)
        self.rfile.read(length)
        self.reply(200, "posted")

    def do_GET(self):
        url = urllib.parse.urlparse(self.path)
        query = urllib.parse.parse_qs(url.query)
        parts = [p for p in url.path.split("/") if p]
        if url.path == "/ok":
            return self.reply(200, "ok")
        if len(parts) == 2 and parts[0] == "status":
            return self.reply(int(parts[1]), "status " + parts[1])
        if url.path == "/slow":
            time.sleep(int(query.get("ms", ["3000"])[0]) / 1000.0)
            return self.reply(200, "slow")
        if len(parts) == 2 and parts[0] == "text":
            return self.reply(200, urllib.parse.unquote(parts[1]))
        if url.path == "/headers":
            return self.reply(200, json.dumps({k.lower(): v for k, v in self.headers.items()}), "application/json")
        if len(parts) == 2 and parts[0] == "n":
            return self.reply(200, "[ok " + parts[1] + "]")
        if url.path == "/redirect":
            self.send_response(302)
            self.send_header("Location", query.get("to", ["/ok"])[0])
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        if url.path == "/big/sent":
            with BIG_SENT_LOCK:
                return self.reply(200, json.dumps(BIG_SENT), "application/json")
        if url.path == "/big":
            return self.big(int(query.get("mib", ["64"])[0]))
        if url.path == "/json":
            return self.reply(200, json.dumps({"status": "ok", "checks": [{"name": "db", "up": True}], "load": 0.5}),
                              "application/json; charset=utf-8")
        if url.path == "/api/v1/query":
            return self.prometheus(query.get("query", [""])[0])
        return self.reply(404, "not found")

    def big(self, mib):
        """A chunked body of `mib` MiB starting with "[start]": no Content-Length for a cap to trust."""
        self.send_response(200)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()
        chunk = b"[start]" + b"x" * (65536 - 7)
        sent = 0
        try:
            for i in range(mib * 16):
                self.wfile.write(b"%x\r\n" % len(chunk) + chunk + b"\r\n")
                sent += len(chunk)
                chunk = b"x" * 65536
            self.wfile.write(b"0\r\n\r\n")
        except OSError:
            self.close_connection = True  # the client stopped reading: expected past its cap
        finally:
            with BIG_SENT_LOCK:
                BIG_SENT.append(sent)

    def prometheus(self, promql):
        if promql == "slow":
            time.sleep(3)
        if promql in PROMETHEUS:
            body = {"status": "success", "data": PROMETHEUS[promql]}
            return self.reply(200, json.dumps(body), "application/json")
        if promql == "garbage":
            return self.reply(200, "<html>proxy error</html>", "text/html")
        body = {"status": "error", "errorType": "bad_data",
                "error": 'invalid parameter "query": 1:5: parse error: unexpected end of input'}
        return self.reply(400, json.dumps(body), "application/json")


class Server(http.server.ThreadingHTTPServer):
    request_queue_size = 128
    daemon_threads = True


def watch_parent():
    parent = os.getppid()
    while True:
        time.sleep(0.5)
        if os.getppid() != parent:
            os._exit(0)


def main():
    args = sys.argv[1:]
    port = 0
    tls = None
    while args:
        if args[0] == "--port":
            port = int(args[1]); args = args[2:]
        elif args[0] == "--tls":
            tls = (args[1], args[2]); args = args[3:]
        else:
            sys.exit("unknown argument " + args[0])
    server = Server(("127.0.0.1", port), Handler)
    if tls:
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(*tls)
        server.socket = context.wrap_socket(server.socket, server_side=True)
    threading.Thread(target=watch_parent, daemon=True).start()
    print(json.dumps({"port": server.server_address[1]}), flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
