#!/usr/bin/env python3
"""Loopback HTTP servers for the triage lab: a backend whose /health can be broken, and a slow one.

  lab-http.py --port 8001 --broken-file DIR/backend.broken      /health: 200 "ok", or 500 while the file exists
  lab-http.py --port 8002 --delay 3                             /health: 200 "ok" after 3 s
  lab-http.py --port 8003 --flap 10                             /health: 200 "ok" for 10 s, then 500 for 10 s, and so on

Every path answers; /health and / are the ones the sample triage.yaml checks. Python stdlib only.
"""

import argparse
import os
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 128  # the stock backlog of 5 overflows under curl --parallel
    allow_reuse_address = True


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--port", type=int, required=True)
    ap.add_argument("--delay", type=float, default=0.0)
    ap.add_argument("--broken-file")
    ap.add_argument("--flap", type=float, default=0.0,
                    help="alternate between 200 and 500 every FLAP seconds, starting with 200")
    args = ap.parse_args()
    started = time.monotonic()

    def flapped_down():
        # Counted from the server's start, so every client sees the same phase at the same moment.
        return args.flap > 0 and int((time.monotonic() - started) // args.flap) % 2 == 1

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        # Headers and body go out in two writes; with Nagle on, the body of every answer on a
        # kept-alive connection waited ~40 ms for the client's delayed ACK, so a 1 ms endpoint
        # measured 40-70 ms inside a curl --parallel round (docs/PERFORMANCE.md).
        disable_nagle_algorithm = True

        def log_message(self, *_):
            pass

        def do_GET(self):
            if args.delay:
                time.sleep(args.delay)
            broken = (args.broken_file and os.path.exists(args.broken_file)) or flapped_down()
            code, body = (500, b"error: database unavailable\n") if broken else (200, b"ok\n")
            self.send_response(code)
            self.send_header("Content-Type", "text/plain")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        do_HEAD = do_GET

    srv = Server(("127.0.0.1", args.port), Handler)
    print("lab-http on 127.0.0.1:%d" % srv.server_address[1], flush=True)
    srv.serve_forever(poll_interval=0.5)


if __name__ == "__main__":
    try:
        main()
    except KeyboardInterrupt:
        pass
