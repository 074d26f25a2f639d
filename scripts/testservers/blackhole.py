#!/usr/bin/env python3
"""A server that accepts connections and never answers: the fault every probe must time out on.

  blackhole.py                 listens on 127.0.0.1 (any free port), prints {"port": N}
  blackhole.py --unix PATH     listens on a unix socket (a docker socket that hangs), prints {"path": PATH}

Accepted connections are held open and never read or written. Exits by itself when its parent dies.
"""
import json
import os
import socket
import sys
import threading
import time


def watch_parent():
    parent = os.getppid()
    while True:
        time.sleep(0.5)
        if os.getppid() != parent:
            os._exit(0)


def main():
    if len(sys.argv) == 3 and sys.argv[1] == "--unix":
        path = sys.argv[2]
        if os.path.exists(path):
            os.unlink(path)
        server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        server.bind(path)
        announce = {"path": path}
    elif len(sys.argv) == 1:
        server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        server.bind(("127.0.0.1", 0))
        announce = {"port": server.getsockname()[1]}
    else:
        sys.exit(__doc__)
    server.listen(128)
    threading.Thread(target=watch_parent, daemon=True).start()
    print(json.dumps(announce), flush=True)
    held = []
    while True:
        connection, _ = server.accept()
        held.append(connection)


if __name__ == "__main__":
    main()
