#!/usr/bin/env python3
"""Loopback HTTP server whose every answer carries terminal escape sequences: for triage's
escape-injection tests.

Prints {"port": N} as its first stdout line, then serves until killed; exits by itself when its
parent dies. Every payload word starts with PWNED so a test can tell injected text from triage's own.

Routes (GET):
  /api/v1/query?query=Q   Q containing "error": 400 with a Prometheus error whose text is hostile;
                          otherwise 200, a vector whose metric name and label values are hostile
  anything else           500, a hostile body (and a hostile X-Hostile header)
The request line and headers are recorded, one JSON object a line, to the file named by --record.
"""
import http.server
import json
import os
import sys
import threading
import time
import urllib.parse

ESC = "\x1b"
PAYLOAD = (
    ESC + "]0;PWNED-TITLE\x07"
    + ESC + "]52;c;UFdORUQtQ0xJUA==\x07"
    + ESC + "[2J" + ESC + "[H"
    + ESC + "[10;10HPWNED-MOVE"
    + "\u009b31mPWNED-C1"
    + ESC + "P1$qm" + ESC + "\\PWNED-DCS"
    + "\u202ePWNED-BIDI\u202c"
    + "\rPWNED-CR\x08\x08"
)
RECORD = None


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def reply(self, code, body, content_type="text/plain"):
        data = body if isinstance(body, bytes) else body.encode("utf-8")
        self.send_response(code)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("X-Hostile", "PWNED-HEADER")
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        if RECORD:
            with open(RECORD, "a", encoding="utf-8") as f:
                f.write(json.dumps({"path": self.path, "headers": dict(self.headers.items())}) + "\n")
        url = urllib.parse.urlsplit(self.path)
        if url.path == "/api/v1/query":
            query = urllib.parse.parse_qs(url.query).get("query", [""])[0]
            if "error" in query:
                self.reply(400, json.dumps({"status": "error", "errorType": "bad_data", "error": "PWNED-PROMERR " + PAYLOAD}),
                           "application/json")
                return
            result = {"resultType": "vector", "result": [
                {"metric": {"__name__": "PWNED-METRIC" + PAYLOAD, "job": "PWNED-LABEL" + PAYLOAD}, "value": [time.time(), "1"]}]}
            self.reply(200, json.dumps({"status": "success", "data": result}), "application/json")
            return
        # Invalid UTF-8 too: a body is bytes, not text.
        self.reply(500, ("PWNED-BODY " + PAYLOAD).encode("utf-8") + b"\xff\xfe\xc3\x28 end\n")


class Server(http.server.ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 128


def exit_with_parent():
    parent = os.getppid()
    while True:
        time.sleep(0.5)
        if os.getppid() != parent:
            os._exit(0)


def main():
    global RECORD
    args = sys.argv[1:]
    if "--record" in args:
        RECORD = args[args.index("--record") + 1]
    server = Server(("127.0.0.1", 0), Handler)
    print(json.dumps({"port": server.server_address[1]}), flush=True)
    threading.Thread(target=exit_with_parent, daemon=True).start()
    server.serve_forever()


if __name__ == "__main__":
    main()
