import Foundation
import TriageTestSupport
import Testing
import TriageProbes

/// A minimal Kubernetes API stand-in on 127.0.0.1 for `kubectl logs` (discovery, pods, following
/// pod logs that end after a few lines per connection), with a kubeconfig pointing at it.
///
/// Run as `python3` through the process runner (own process group) and stopped by cancelling it.
final class KubeLogStandIn: Sendable {
    let directory: String
    let kubeconfig: String
    let port: Int
    private let task: Task<StreamTermination, Never>

    private init(directory: String, kubeconfig: String, port: Int, task: Task<StreamTermination, Never>) {
        self.directory = directory
        self.kubeconfig = kubeconfig
        self.port = port
        self.task = task
    }

    /// Starts the server: `perConnection` lines per follow request, `total` lines per pod.
    static func start(perConnection: Int = 10, total: Int = 30) async throws -> KubeLogStandIn {
        for tool in ["python3", "kubectl"] {
            guard case .success = ExecutableResolver.resolve(tool) else {
                throw PodmanService.Failure("\(tool) is not installed: run scripts/setup.sh")
            }
        }
        let dir = NSTemporaryDirectory() + "triage-logs-kube-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let script = dir + "/kube_logs.py"
        try Data(Self.source.utf8).write(to: URL(fileURLWithPath: script))
        let portBox = PortBox()
        let task = Task {
            await ProcessRunner.streamChunks("python3", [script, String(perConnection), String(total)],
                                             deadline: .seconds(300)) { chunk in portBox.feed(chunk) }
        }
        let clock = ContinuousClock()
        let deadline = clock.now + .seconds(10)
        while clock.now < deadline, portBox.port == nil { try await Task.sleep(for: .milliseconds(20)) }
        guard let port = portBox.port else {
            task.cancel()
            throw PodmanService.Failure("the Kubernetes stand-in did not start within 10 s")
        }
        let kubeconfig = dir + "/kubeconfig"
        let config = """
            apiVersion: v1
            kind: Config
            clusters: [{name: t, cluster: {server: "http://127.0.0.1:\(port)"}}]
            contexts: [{name: t, context: {cluster: t, user: u, namespace: default}}]
            users: [{name: u, user: {}}]
            current-context: t

            """
        try Data(config.utf8).write(to: URL(fileURLWithPath: kubeconfig))
        return KubeLogStandIn(directory: dir, kubeconfig: kubeconfig, port: port, task: task)
    }

    func stop() async {
        task.cancel()
        _ = await task.value
        try? FileManager.default.removeItem(atPath: directory)
    }

    /// Collects the port line the server prints first.
    final class PortBox: @unchecked Sendable {
        private let lock = NSLock()
        private var text = ""
        private var value: Int?
        func feed(_ chunk: [UInt8]) {
            lock.withLock {
                text += String(decoding: chunk, as: UTF8.self)
                if value == nil, let line = text.split(separator: "\n").first, text.contains("\n") { value = Int(line) }
            }
        }
        var port: Int? { lock.withLock { value } }
    }

    static let source = #"""
#!/usr/bin/env python3
"""A minimal Kubernetes API stand-in for `kubectl logs`: discovery, pods, and pod logs that follow.

Each pod's log is a sequence of lines stamped START + i * STEP seconds, visible once that time has
passed. A follow connection ends after PER_CONNECTION lines (as a real server's idle timeout or a pod
restart would), so the client has to re-run; sinceTime, tailLines and timestamps are honoured.
Prints the port on stdout, then serves until killed. Loopback only.
"""
import json, sys, time, datetime
from http.server import ThreadingHTTPServer, BaseHTTPRequestHandler
from urllib.parse import urlparse, parse_qs

START = time.time()
STEP = 0.2
PER_CONNECTION = int(sys.argv[1]) if len(sys.argv) > 1 else 10
TOTAL = int(sys.argv[2]) if len(sys.argv) > 2 else 30
PODS = {"web-1": {"app": "web"}, "web-2": {"app": "web"}, "db-1": {"app": "db"}}

def stamp(t):
    return datetime.datetime.fromtimestamp(t, datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%f") + "000Z"

def parse_time(s):
    s = s.rstrip("Z")
    base, _, frac = s.partition(".")
    t = datetime.datetime.strptime(base, "%Y-%m-%dT%H:%M:%S").replace(tzinfo=datetime.timezone.utc).timestamp()
    return t + (float("0." + frac) if frac else 0.0)

def line(pod, i):
    text = f"{pod} line {i}"
    if i == 3:
        text += " \x1b]0;owned\x07 \x1b[2J ERROR boom"
    return text

def pod_json(name):
    return {"apiVersion": "v1", "kind": "Pod",
            "metadata": {"name": name, "namespace": "default", "labels": PODS[name], "uid": name},
            "spec": {"containers": [{"name": "app", "image": "x"}]},
            "status": {"phase": "Running"}}

class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    def log_message(self, *a): pass

    def send_json(self, obj, code=200):
        body = json.dumps(obj).encode()
        self.send_response(code)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        u = urlparse(self.path)
        q = {k: v[0] for k, v in parse_qs(u.query).items()}
        parts = [p for p in u.path.split("/") if p]
        if u.path == "/version":
            return self.send_json({"major": "1", "minor": "32", "gitVersion": "v1.32.0"})
        if u.path == "/api":
            return self.send_json({"kind": "APIVersions", "versions": ["v1"],
                                   "serverAddressByClientCIDRs": [{"clientCIDR": "0.0.0.0/0", "serverAddress": "127.0.0.1"}]})
        if u.path == "/apis":
            return self.send_json({"kind": "APIGroupList", "apiVersion": "v1", "groups": []})
        if u.path == "/api/v1":
            return self.send_json({"kind": "APIResourceList", "groupVersion": "v1", "resources": [
                {"name": "pods", "singularName": "pod", "namespaced": True, "kind": "Pod", "verbs": ["get", "list"], "shortNames": ["po"]},
                {"name": "pods/log", "singularName": "", "namespaced": True, "kind": "Pod", "verbs": ["get"]}]})
        if len(parts) >= 5 and parts[:3] == ["api", "v1", "namespaces"] and parts[4] == "pods":
            if len(parts) == 5:
                sel = q.get("labelSelector", "")
                want = dict(kv.split("=", 1) for kv in sel.split(",") if "=" in kv)
                items = [pod_json(n) for n, labels in sorted(PODS.items()) if all(labels.get(k) == v for k, v in want.items())]
                return self.send_json({"kind": "PodList", "apiVersion": "v1", "metadata": {}, "items": items})
            name = parts[5]
            if name not in PODS:
                return self.send_json({"kind": "Status", "status": "Failure", "reason": "NotFound", "code": 404,
                                       "message": f'pods "{name}" not found'}, 404)
            if len(parts) == 6:
                return self.send_json(pod_json(name))
            if len(parts) == 7 and parts[6] == "log":
                return self.logs(name, q)
        self.send_json({"kind": "Status", "status": "Failure", "code": 404, "message": "not found"}, 404)

    def logs(self, pod, q):
        follow = q.get("follow") == "true"
        stamps = q.get("timestamps") == "true"
        since = parse_time(q["sinceTime"]) if "sinceTime" in q else None
        tail = int(q["tailLines"]) if "tailLines" in q else None
        self.send_response(200)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()
        def available():
            n = min(TOTAL, int((time.time() - START) / STEP) + 1)
            return [i for i in range(n) if since is None or START + i * STEP >= since]
        first = available()
        if tail is not None and tail >= 0:
            first = first[-tail:] if tail > 0 else []
        sent = 0
        def emit(i):
            text = (stamp(START + i * STEP) + " " if stamps else "") + line(pod, i) + "\n"
            data = text.encode()
            self.wfile.write(b"%x\r\n%s\r\n" % (len(data), data))
            self.wfile.flush()
        last = -1
        for i in first:
            emit(i); last = i; sent += 1
        while follow and sent < PER_CONNECTION and last < TOTAL - 1:
            time.sleep(0.05)
            for i in available():
                if i > last and sent < PER_CONNECTION:
                    emit(i); last = i; sent += 1
        self.wfile.write(b"0\r\n\r\n")
        self.wfile.flush()
        self.close_connection = True

server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
server.daemon_threads = True
print(server.server_address[1], flush=True)
server.serve_forever()
"""#
}
