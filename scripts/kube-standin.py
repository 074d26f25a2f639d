#!/usr/bin/env python3
"""A Kubernetes API stand-in on loopback for the real kubectl (v1.32) to talk to.

No cluster can be installed on this machine kind, so triage's Pods pane, its tests and the lab
point kubectl at this server instead. It serves the documented v1 JSON kubectl needs:

  /version, /api, /api/v1, /apis                      discovery (legacy, non-aggregated)
  /api/v1/pods, /api/v1/namespaces/NS/pods            list (+labelSelector, fieldSelector) and ?watch=true
  /api/v1/namespaces/NS/pods/NAME                     one pod
  /api/v1/namespaces/NS/pods/NAME/log                 logs (+follow=true, tailLines, container)
  /api/v1/nodes, /api/v1/nodes/NAME                   nodes with conditions
  /api/v1/events, /api/v1/namespaces/NS/events        events (+fieldSelector type=Warning)
  /api/v1/namespaces                                  namespaces seen in the scenario
  DELETE /api/v1/namespaces/NS/pods/NAME              delete a pod (kubectl delete pod)
  PATCH  /api/v1/nodes/NAME                           spec.unschedulable (kubectl cordon / uncordon)
  /apis/apps/v1/namespaces/NS/replicasets/NAME        a pod's ReplicaSet, owned by Deployment NAME minus its
                                                      last `-hash` (none when the name has no `-`)
  /apis/apps/v1/namespaces/NS/deployments/NAME (+PATCH) that Deployment (kubectl rollout restart)
  ?watch=true on pods, nodes and events               list-then-watch from a resourceVersion; too old: 410
  POST /standin/expire?resource=R                     end every open watch of R with 410 Expired (compaction)
  GET /standin/requests                               requests so far by verb and resource: {"watch nodes": 1}

State lives in a JSON scenario file ({"pods": [...], "nodes": [...], "events": [...]}, full v1
objects) that is re-read whenever its mtime changes, so `lab.sh break pod` can edit it while
kubectl watches: each change becomes ADDED / MODIFIED / DELETED watch events.

Usage:
  kube-standin.py write-scenario FILE              write the default scenario (timestamps from now)
  kube-standin.py serve --scenario FILE [--port N] [--port-file F] [--watch-timeout S] [--hang] [--forbid nodes]
  kube-standin.py break-pod FILE | heal-pod FILE   turn the lab's "checkout" pod to CrashLoopBackOff and back
  kube-standin.py add-pod FILE NS NAME | delete-pod FILE NS NAME
  kube-standin.py kubeconfig FILE PORT [DOWN_PORT] write a kubeconfig with contexts lab (and lab-down)
  kube-standin.py write-scale-scenario FILE PODS    PODS healthy pods over 20 namespaces, 3 nodes, 5 warnings
  kube-standin.py touch-pods FILE                   change every pod (one more restart each): a MODIFIED per pod
  kube-standin.py expire PORT RESOURCE | requests PORT   the two control endpoints above, from the shell

--hang accepts connections and never answers (a wedged API server): clients must time out.
Python 3 standard library only.
"""

import argparse
import copy
import datetime as dt
import json
import os
import re
import socket
import sys
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

# ----------------------------------------------------------------------------- scenario


def ts(delta_seconds=0):
    """RFC 3339 UTC timestamp `delta_seconds` from now (negative: in the past)."""
    t = dt.datetime.now(dt.timezone.utc) + dt.timedelta(seconds=delta_seconds)
    return t.strftime("%Y-%m-%dT%H:%M:%SZ")


TIMESTAMP = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$")


def shifted(obj, delta):
    """A copy of `obj` with every timestamp string moved `delta` seconds later."""
    if not delta:
        return obj
    if isinstance(obj, dict):
        return {k: shifted(v, delta) for k, v in obj.items()}
    if isinstance(obj, list):
        return [shifted(v, delta) for v in obj]
    if isinstance(obj, str) and TIMESTAMP.match(obj):
        t = dt.datetime.strptime(obj, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=dt.timezone.utc)
        return (t + dt.timedelta(seconds=delta)).strftime("%Y-%m-%dT%H:%M:%SZ")
    return obj


def container_spec(name, image="registry.lab/app:1.4.2"):
    return {"name": name, "image": image, "resources": {}}


def running_status(name, ready=True, restarts=0, started=-3600, last=None, image="registry.lab/app:1.4.2"):
    s = {
        "name": name, "image": image, "imageID": image + "@sha256:" + "ab" * 32,
        "ready": ready, "started": True, "restartCount": restarts,
        "state": {"running": {"startedAt": ts(started)}},
        "lastState": last or {},
        "containerID": "containerd://" + (name * 8)[:64],
    }
    return s


def waiting_status(name, reason, message="", restarts=0, last=None, image="registry.lab/app:1.4.2"):
    return {
        "name": name, "image": image, "imageID": "", "ready": False, "started": False,
        "restartCount": restarts, "state": {"waiting": {"reason": reason, "message": message}},
        "lastState": last or {},
    }


def terminated_status(name, reason, exit_code, started=-600, finished=-500, restarts=0, signal=None):
    term = {"exitCode": exit_code, "startedAt": ts(started), "finishedAt": ts(finished)}
    if reason:
        term["reason"] = reason
    if signal:
        term["signal"] = signal
    return {
        "name": name, "image": "registry.lab/job:2.0", "imageID": "", "ready": False, "started": False,
        "restartCount": restarts, "state": {"terminated": term}, "lastState": {},
    }


def conditions(ready, initialized=True, scheduled=True):
    t = ts(-3600)
    return [
        {"type": "Initialized", "status": "True" if initialized else "False", "lastTransitionTime": t},
        {"type": "Ready", "status": "True" if ready else "False", "lastTransitionTime": t},
        {"type": "ContainersReady", "status": "True" if ready else "False", "lastTransitionTime": t},
        {"type": "PodScheduled", "status": "True" if scheduled else "False", "lastTransitionTime": t},
    ]


def pod(ns, name, app, phase, statuses, age=-86400, node="node-a", ready=None, init_specs=None,
        init_statuses=None, containers=None, reason=None, message=None, deletion=None, scheduled=True,
        initialized=True):
    containers = containers or [s["name"] for s in statuses] or ["main"]
    if ready is None:
        ready = all(s.get("ready") for s in statuses) and bool(statuses)
    meta = {
        "name": name, "namespace": ns, "uid": "uid-" + ns + "-" + name,
        "creationTimestamp": ts(age), "labels": {"app": app, "tier": "backend" if app != "web" else "frontend"},
        "resourceVersion": "1",
    }
    if deletion:
        meta["deletionTimestamp"] = ts(deletion)
        meta["deletionGracePeriodSeconds"] = 30
    spec = {"containers": [container_spec(c) for c in containers], "restartPolicy": "Always"}
    if node:
        spec["nodeName"] = node
    if init_specs:
        spec["initContainers"] = init_specs
    status = {"phase": phase, "conditions": conditions(ready, initialized, scheduled), "startTime": ts(age)}
    if statuses:
        status["containerStatuses"] = statuses
    if init_statuses:
        status["initContainerStatuses"] = init_statuses
    if reason:
        status["reason"] = reason
    if message:
        status["message"] = message
    if node:
        status["hostIP"] = "10.0.0.1" if node == "node-a" else "10.0.0.2"
        status["podIP"] = "10.244.%d.%d" % (1 if node == "node-a" else 2, sum(map(ord, name)) % 250 + 2)
    status["qosClass"] = "Burstable" if app in ("web", "payments", "search") else "BestEffort"
    # Pods named like a Deployment's (name-<hash>-<suffix>) belong to its ReplicaSet, as kubectl shows.
    parts = name.rsplit("-", 1)
    if ns != "kube-system" and len(parts) == 2 and "-" in parts[0]:
        meta["ownerReferences"] = [{"apiVersion": "apps/v1", "kind": "Job" if ns == "batch" else "ReplicaSet", "name": parts[0],
                                    "uid": "uid-rs-" + parts[0], "controller": True, "blockOwnerDeletion": True}]
    return {"apiVersion": "v1", "kind": "Pod", "metadata": meta, "spec": spec, "status": status}


def healthy_checkout():
    return pod("shop", "checkout-7d9f8b6c5-x2x9q", "checkout", "Running",
               [running_status("checkout")], age=-7200)


def crashing_checkout():
    last = {"terminated": {"exitCode": 1, "reason": "Error", "startedAt": ts(-40), "finishedAt": ts(-30)}}
    return pod("shop", "checkout-7d9f8b6c5-x2x9q", "checkout", "Running",
               [waiting_status("checkout", "CrashLoopBackOff",
                               "back-off 40s restarting failed container=checkout", restarts=4, last=last)],
               age=-7200)


def default_scenario():
    oom_last = {"terminated": {"exitCode": 137, "reason": "OOMKilled", "startedAt": ts(-900), "finishedAt": ts(-300)}}
    crash_last = {"terminated": {"exitCode": 2, "reason": "Error", "startedAt": ts(-120), "finishedAt": ts(-110)}}
    pods = [
        pod("shop", "web-5f7c9d8b4-abcde", "web", "Running", [running_status("web"), running_status("envoy")]),
        pod("shop", "web-5f7c9d8b4-fghij", "web", "Running", [running_status("web"), running_status("envoy", ready=False)],
            ready=False),
        healthy_checkout(),
        pod("shop", "payments-6b8d-crash", "payments", "Running",
            [waiting_status("payments", "CrashLoopBackOff",
                            "back-off 5m0s restarting failed container=payments", restarts=17, last=crash_last)]),
        pod("shop", "cart-77c-imgpull", "cart", "Pending",
            [waiting_status("cart", "ImagePullBackOff",
                            'Back-off pulling image "registry.lab/cart:9.9.9"', image="registry.lab/cart:9.9.9")],
            age=-600),
        pod("shop", "search-5c-oom", "search", "Running",
            [running_status("search", restarts=3, started=-300, last=oom_last)]),
        pod("shop", "search-5c-oomnow", "search", "Running",
            [terminated_status("search", "OOMKilled", 137, started=-60, finished=-5, restarts=6)]),
        pod("shop", "queue-0", "queue", "Pending", [], node=None, age=-120, scheduled=False, ready=False,
            containers=["queue"]),
        pod("shop", "api-6d-creating", "api", "Pending",
            [waiting_status("api", "ContainerCreating")], age=-20),
        pod("shop", "api-6d-old", "api", "Running", [running_status("api")], deletion=-10),
        pod("shop", "report-28371-evicted", "report", "Failed", [], reason="Evicted",
            message="The node was low on resource: memory. Threshold quantity: 100Mi, available: 80Mi.",
            containers=["report"], ready=False),
        pod("batch", "migrate-28371-done", "migrate", "Succeeded",
            [terminated_status("migrate", "Completed", 0)], ready=False),
        pod("batch", "migrate-28370-fail", "migrate", "Failed",
            [terminated_status("migrate", "Error", 1)], ready=False),
        pod("batch", "index-init-wait", "index", "Pending", [waiting_status("index", "PodInitializing")],
            init_specs=[container_spec("fetch"), container_spec("unpack")],
            init_statuses=[terminated_status("fetch", "Completed", 0),
                           running_status("unpack", ready=False)],
            initialized=False, ready=False, age=-45),
        pod("batch", "index-init-crash", "index", "Pending", [waiting_status("index", "PodInitializing")],
            init_specs=[container_spec("fetch")],
            init_statuses=[waiting_status("fetch", "CrashLoopBackOff", "back-off", restarts=5)],
            initialized=False, ready=False, age=-900),
        pod("kube-system", "coredns-5d78c9869d-q7x2m", "coredns", "Running", [running_status("coredns")], node="node-b"),
        pod("kube-system", "kube-proxy-\u00e9t\u00e9-\u65e5\u672c", "kube-proxy", "Running", [running_status("kube-proxy")], node="node-b"),
    ]
    nodes = [
        node("node-a", ready=True),
        node("node-b", ready=True, memory=True, disk=True,
             taints=[{"key": "node.kubernetes.io/memory-pressure", "effect": "NoSchedule", "timeAdded": ts(-3600)},
                     {"key": "dedicated", "value": "db", "effect": "NoSchedule"}]),
        node("node-c", ready=False, pid=True, network=True,
             taints=[{"key": "node.kubernetes.io/unreachable", "effect": "NoExecute", "timeAdded": ts(-3600)}]),
    ]
    events = [
        event("shop", "Pod", "payments-6b8d-crash", "BackOff",
              "Back-off restarting failed container payments in pod payments-6b8d-crash", 42, -20),
        event("shop", "Pod", "cart-77c-imgpull", "Failed",
              'Failed to pull image "registry.lab/cart:9.9.9": not found', 9, -60),
        event("shop", "Pod", "queue-0", "FailedScheduling",
              "0/3 nodes are available: 3 Insufficient memory.", 3, -90),
        event("shop", "Pod", "web-5f7c9d8b4-fghij", "Unhealthy",
              "Readiness probe failed: HTTP probe failed with statuscode: 503", 12, -15),
        event("", "Node", "node-b", "EvictionThresholdMet", "Attempting to reclaim memory", 2, -400),
        event("shop", "Pod", "report-28371-evicted", "Evicted",
              "The node was low on resource: memory.", 1, -7200),
        event("shop", "Pod", "web-5f7c9d8b4-abcde", "Scheduled",
              "Successfully assigned shop/web-5f7c9d8b4-abcde to node-a", 1, -86000, etype="Normal"),
    ]
    return {"writtenAt": ts(0), "pods": pods, "nodes": nodes, "events": events}


def node(name, ready, memory=False, disk=False, pid=False, network=False, taints=None):
    t = ts(-3600)

    def cond(kind, status, reason, message):
        return {"type": kind, "status": status, "reason": reason, "message": message,
                "lastHeartbeatTime": ts(-10), "lastTransitionTime": t}

    conds = [
        cond("MemoryPressure", "True" if memory else "False",
             "KubeletHasInsufficientMemory" if memory else "KubeletHasSufficientMemory", "memory"),
        cond("DiskPressure", "True" if disk else "False",
             "KubeletHasDiskPressure" if disk else "KubeletHasNoDiskPressure", "disk"),
        cond("PIDPressure", "True" if pid else "False",
             "KubeletHasInsufficientPID" if pid else "KubeletHasSufficientPID", "pid"),
        cond("Ready", "True" if ready else "Unknown",
             "KubeletReady" if ready else "NodeStatusUnknown",
             "kubelet is posting ready status" if ready else "Kubelet stopped posting node status."),
    ]
    if network:
        conds.insert(0, cond("NetworkUnavailable", "True", "NoRouteCreated", "route not created"))
    return {
        "apiVersion": "v1", "kind": "Node",
        "metadata": {"name": name, "uid": "uid-node-" + name, "creationTimestamp": ts(-30 * 86400),
                     "labels": {"kubernetes.io/hostname": name}, "resourceVersion": "1"},
        "spec": {"taints": taints} if taints else {},
        "status": {"conditions": conds,
                   "nodeInfo": {"kubeletVersion": "v1.32.4", "kubeProxyVersion": "v1.32.4",
                                "containerRuntimeVersion": "containerd://1.7.24", "osImage": "Debian GNU/Linux 12 (bookworm)",
                                "kernelVersion": "6.1.0-28-amd64", "operatingSystem": "linux", "architecture": "amd64"},
                   "capacity": {"cpu": "4", "memory": "16Gi", "pods": "110", "ephemeral-storage": "100Gi"},
                   "allocatable": {"cpu": "3800m", "memory": "15Gi", "pods": "110", "ephemeral-storage": "92Gi"}},
    }


EVENT_SEQ = [0]


def event(ns, kind, name, reason, message, count, last, etype="Warning"):
    EVENT_SEQ[0] += 1
    return {
        "apiVersion": "v1", "kind": "Event",
        "metadata": {"name": "%s.%x" % (name, 0x17a000 + EVENT_SEQ[0]), "namespace": ns or "default",
                     "creationTimestamp": ts(last - 600), "resourceVersion": "1"},
        "involvedObject": {"kind": kind, "namespace": ns, "name": name},
        "reason": reason, "message": message, "count": count, "type": etype,
        "firstTimestamp": ts(last - 600), "lastTimestamp": ts(last),
        "source": {"component": "kubelet"},
    }


# ----------------------------------------------------------------------------- state


RESOURCES = ("pods", "nodes", "events")


def object_key(obj):
    m = obj.get("metadata", {})
    return (m.get("namespace") or "", m.get("name"))


def same_but_version(a, b):
    """True when two objects differ at most in metadata.resourceVersion (without deep copies)."""
    ma, mb = a.get("metadata", {}), b.get("metadata", {})
    if {k: v for k, v in ma.items() if k != "resourceVersion"} != {k: v for k, v in mb.items() if k != "resourceVersion"}:
        return False
    return {k: v for k, v in a.items() if k != "metadata"} == {k: v for k, v in b.items() if k != "metadata"}


class State:
    """The scenario as loaded, plus watch history so a watch can resume from a resourceVersion.

    Pods, nodes and events each get ADDED / MODIFIED / DELETED history entries when the scenario file
    changes, numbered from one resourceVersion counter as etcd does. History is kept for the last
    `max(1000, 2 x objects)` changes; a watch from before that (or from before an `expire`) gets the
    API server's answer: an ERROR event with a 410 Expired Status, then the end of the stream.
    """

    def __init__(self, path):
        self.path = path
        self.lock = threading.Condition()
        self.mtime = None
        self.rv = 1
        self.objects = {r: {} for r in RESOURCES}   # resource -> (ns, name) -> object
        self.history = []     # (rv, resource, type, object), rv ascending
        self.history_rvs = []
        self.compacted = {r: 0 for r in RESOURCES}  # a watch from at or below this rv is too old
        self.expiries = {r: 0 for r in RESOURCES}   # bumped by `expire`: open watches end with 410
        self.requests = {}    # "list pods", "watch nodes", ... -> count
        self.reload()

    @property
    def pods(self):
        return self.objects["pods"]

    @property
    def nodes(self):
        return [n for _, n in sorted(self.objects["nodes"].items())]

    @property
    def events(self):
        return [e for _, e in sorted(self.objects["events"].items())]

    def count(self, what):
        with self.lock:
            self.requests[what] = self.requests.get(what, 0) + 1

    def expire(self, resource):
        """What etcd compaction does to a watch: every open watch of `resource` ends with 410 Gone."""
        with self.lock:
            self.expiries[resource] += 1
            self.compacted[resource] = self.rv
            self.lock.notify_all()

    def changes_after(self, cursor):
        """History entries with rv > cursor (bisect: many watchers poll this)."""
        import bisect
        return self.history[bisect.bisect_right(self.history_rvs, cursor):]

    def too_old(self, resource, since):
        oldest = self.history_rvs[0] - 1 if self.history_rvs else 0
        return since < self.compacted[resource] or (self.history and since < oldest)

    def reload(self):
        try:
            mtime = os.stat(self.path).st_mtime_ns
        except FileNotFoundError:
            return
        with self.lock:
            if mtime == self.mtime:
                return
            try:
                with open(self.path, encoding="utf-8") as f:
                    data = json.load(f)
            except (OSError, ValueError):
                return  # half-written: try again on the next request
            self.mtime = mtime
            first = not any(self.objects.values()) and not self.history
            for resource in RESOURCES:
                new = {object_key(o): o for o in data.get(resource, [])}
                old_objects = self.objects[resource]
                for key, obj in new.items():
                    old = old_objects.get(key)
                    if old is None or not same_but_version(old, obj):
                        self.rv += 1
                        obj.setdefault("metadata", {})["resourceVersion"] = str(self.rv)
                        if not first:
                            self.record(resource, "ADDED" if old is None else "MODIFIED", obj)
                    else:
                        obj["metadata"]["resourceVersion"] = old["metadata"]["resourceVersion"]
                for key, old in old_objects.items():
                    if key not in new:
                        self.rv += 1
                        gone = copy.deepcopy(old)
                        gone["metadata"]["resourceVersion"] = str(self.rv)
                        self.record(resource, "DELETED", gone)
                self.objects[resource] = new
            keep = max(1000, 2 * sum(len(v) for v in self.objects.values()))
            if len(self.history) > keep:
                self.history = self.history[-keep:]
                self.history_rvs = self.history_rvs[-keep:]
            self.lock.notify_all()

    def record(self, resource, kind, obj):
        self.history.append((self.rv, resource, kind, obj))
        self.history_rvs.append(self.rv)


def match_labels(obj, selector):
    if not selector:
        return True
    labels = obj.get("metadata", {}).get("labels", {}) or {}
    for term in split_selector(selector):
        term = term.strip()
        if not term:
            continue
        if "!=" in term:
            k, v = term.split("!=", 1)
            if labels.get(k.strip()) == v.strip():
                return False
        elif "==" in term or "=" in term:
            k, v = term.split("==", 1) if "==" in term else term.split("=", 1)
            if labels.get(k.strip()) != v.strip():
                return False
        elif " in " in term or " notin " in term:
            neg = " notin " in term
            k, vs = term.split(" notin " if neg else " in ", 1)
            values = {v.strip() for v in vs.strip().strip("()").split(",")}
            inside = labels.get(k.strip()) in values
            if inside == neg:
                return False
        elif term.startswith("!"):
            if term[1:] in labels:
                return False
        elif term not in labels:
            return False
    return True


def split_selector(selector):
    parts, depth, cur = [], 0, ""
    for ch in selector:
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        if ch == "," and depth == 0:
            parts.append(cur)
            cur = ""
        else:
            cur += ch
    parts.append(cur)
    return parts


def field_value(obj, path):
    cur = obj
    for part in path.split("."):
        if not isinstance(cur, dict):
            return ""
        cur = cur.get(part, "")
    return "" if cur is None else str(cur)


def match_fields(obj, selector):
    if not selector:
        return True
    for term in selector.split(","):
        if "!=" in term:
            k, v = term.split("!=", 1)
            if field_value(obj, k) == v:
                return False
        elif "=" in term:
            k, v = term.split("==", 1) if "==" in term else term.split("=", 1)
            if field_value(obj, k) != v:
                return False
    return True


# ----------------------------------------------------------------------------- server-side printing

# kubectl asks for `Accept: application/json;as=Table;v=v1;g=meta.k8s.io` and prints the cells the
# server computes, so plain `kubectl get pods` in the lab shows READY/STATUS/RESTARTS/AGE only if the
# stand-in computes them. This is a port of printPod / printNode (pkg/printers/internalversion) and of
# duration.HumanDuration, kept independent of triage's Swift port so each can check the other.


def parse_time(text):
    if not text:
        return None
    text = text.replace("Z", "+00:00")
    if "." in text:
        head, rest = text.split(".", 1)
        frac = "".join(ch for ch in rest if ch.isdigit())
        tz = rest[len(frac):]
        text = head + "." + frac[:6].ljust(6, "0") + tz
    return dt.datetime.fromisoformat(text)


def human_duration(seconds):
    seconds = int(seconds)
    if seconds < -1:
        return "<invalid>"
    if seconds < 0:
        return "0s"
    if seconds < 120:
        return "%ds" % seconds
    minutes = seconds // 60
    if minutes < 10:
        s = seconds % 60
        return "%dm" % minutes if s == 0 else "%dm%ds" % (minutes, s)
    if minutes < 180:
        return "%dm" % minutes
    hours = seconds // 3600
    if hours < 8:
        m = minutes % 60
        return "%dh" % hours if m == 0 else "%dh%dm" % (hours, m)
    if hours < 48:
        return "%dh" % hours
    if hours < 24 * 8:
        h = hours % 24
        return "%dd" % (hours // 24) if h == 0 else "%dd%dh" % (hours // 24, h)
    if hours < 24 * 365 * 2:
        return "%dd" % (hours // 24)
    if hours < 24 * 365 * 8:
        dy = (hours // 24) % 365
        return "%dy" % (hours // 24 // 365) if dy == 0 else "%dy%dd" % (hours // 24 // 365, dy)
    return "%dy" % (hours // 24 // 365)


def since(text):
    t = parse_time(text)
    if t is None:
        return "<unknown>"
    return human_duration((dt.datetime.now(dt.timezone.utc) - t).total_seconds())


def pod_columns(p):
    spec, status, meta = p.get("spec", {}), p.get("status", {}), p.get("metadata", {})
    restarts = 0
    sidecar_restarts = 0
    total = len(spec.get("containers", []))
    ready = 0
    last_restart = None
    last_sidecar_restart = None
    phase = status.get("phase", "")
    reason = status.get("reason") or phase
    for c in status.get("conditions") or []:
        if c.get("type") == "PodScheduled" and c.get("reason") == "SchedulingGated":
            reason = "SchedulingGated"
    init_specs = {c["name"]: c for c in spec.get("initContainers", [])}
    for c in spec.get("initContainers", []):
        if c.get("restartPolicy") == "Always":
            total += 1

    def later(a, b):
        if b is None:
            return a
        if a is None or b > a:
            return b
        return a

    initializing = False
    inits = status.get("initContainerStatuses") or []
    for i, c in enumerate(inits):
        restarts += c.get("restartCount", 0)
        term_last = (c.get("lastState") or {}).get("terminated")
        finished = parse_time(term_last.get("finishedAt")) if term_last else None
        last_restart = later(last_restart, finished)
        sidecar = init_specs.get(c.get("name"), {}).get("restartPolicy") == "Always"
        if sidecar:
            sidecar_restarts += c.get("restartCount", 0)
            last_sidecar_restart = later(last_sidecar_restart, finished)
        state = c.get("state") or {}
        term = state.get("terminated")
        waiting = state.get("waiting")
        if term is not None and term.get("exitCode", 0) == 0:
            continue
        if sidecar and c.get("started"):
            if c.get("ready"):
                ready += 1
            continue
        if term is not None:
            if not term.get("reason"):
                if term.get("signal"):
                    reason = "Init:Signal:%d" % term["signal"]
                else:
                    reason = "Init:ExitCode:%d" % term.get("exitCode", 0)
            else:
                reason = "Init:" + term["reason"]
        elif waiting is not None and waiting.get("reason") and waiting.get("reason") != "PodInitializing":
            reason = "Init:" + waiting["reason"]
        else:
            reason = "Init:%d/%d" % (i, len(spec.get("initContainers", [])))
        initializing = True
        break
    initialized = any(c.get("type") == "Initialized" and c.get("status") == "True"
                      for c in status.get("conditions") or [])
    if not initializing or initialized:
        restarts = sidecar_restarts
        last_restart = last_sidecar_restart
        has_running = False
        for c in reversed(status.get("containerStatuses") or []):
            restarts += c.get("restartCount", 0)
            term_last = (c.get("lastState") or {}).get("terminated")
            if term_last:
                last_restart = later(last_restart, parse_time(term_last.get("finishedAt")))
            state = c.get("state") or {}
            waiting, term, running = state.get("waiting"), state.get("terminated"), state.get("running")
            if waiting is not None and waiting.get("reason"):
                reason = waiting["reason"]
            elif term is not None and term.get("reason"):
                reason = term["reason"]
            elif term is not None:
                reason = "Signal:%d" % term["signal"] if term.get("signal") else "ExitCode:%d" % term.get("exitCode", 0)
            elif c.get("ready") and running is not None:
                has_running = True
                ready += 1
        if reason == "Completed" and has_running:
            ready_cond = any(c.get("type") == "Ready" and c.get("status") == "True"
                             for c in status.get("conditions") or [])
            reason = "Running" if ready_cond else "NotReady"
    if meta.get("deletionTimestamp") and status.get("reason") == "NodeLost":
        reason = "Unknown"
    elif meta.get("deletionTimestamp") and phase not in ("Succeeded", "Failed"):
        reason = "Terminating"
    restarts_text = str(restarts)
    if restarts and last_restart is not None:
        restarts_text = "%d (%s ago)" % (restarts, human_duration(
            (dt.datetime.now(dt.timezone.utc) - last_restart).total_seconds()))
    return ["%d/%d" % (ready, total), reason, restarts_text]


def node_status(n):
    conds = {c.get("type"): c.get("status") for c in n.get("status", {}).get("conditions", [])}
    ready = conds.get("Ready")
    text = "Ready" if ready == "True" else ("NotReady" if ready == "False" else "Unknown")
    if n.get("spec", {}).get("unschedulable"):
        text += ",SchedulingDisabled"
    return text


def event_table(events, rv):
    def seen(e):
        return since(e.get("lastTimestamp") or e.get("eventTime") or e.get("firstTimestamp")
                     or e["metadata"].get("creationTimestamp"))

    def obj(e):
        o = e.get("involvedObject", {})
        return "%s/%s" % (o.get("kind", "").lower(), o.get("name", ""))

    return {"kind": "Table", "apiVersion": "meta.k8s.io/v1", "metadata": {"resourceVersion": rv},
            "columnDefinitions": [column("Last Seen"), column("Type"), column("Reason"), column("Object"),
                                  column("Message")],
            "rows": [{"cells": [seen(e), e.get("type", ""), e.get("reason", ""), obj(e), e.get("message", "")],
                      "object": partial_metadata(e)} for e in events]}


def partial_metadata(obj):
    m = obj.get("metadata", {})
    keep = {k: m[k] for k in ("name", "namespace", "uid", "resourceVersion", "creationTimestamp",
                              "deletionTimestamp", "labels") if k in m}
    return {"kind": "PartialObjectMetadata", "apiVersion": "meta.k8s.io/v1", "metadata": keep}


def column(name, priority=0, fmt=""):
    return {"name": name, "type": "string", "format": fmt, "description": name, "priority": priority}


def pod_table(pods, rv):
    return {"kind": "Table", "apiVersion": "meta.k8s.io/v1", "metadata": {"resourceVersion": rv},
            "columnDefinitions": [column("Name", 0, "name"), column("Ready"), column("Status"), column("Restarts"),
                                  column("Age"), column("IP", 1), column("Node", 1)],
            "rows": [{"cells": [p["metadata"]["name"]] + pod_columns(p)
                      + [since(p["metadata"].get("creationTimestamp")),
                         p.get("status", {}).get("podIP") or "<none>", p.get("spec", {}).get("nodeName") or "<none>"],
                      "object": partial_metadata(p)} for p in pods]}


def node_table(nodes, rv):
    return {"kind": "Table", "apiVersion": "meta.k8s.io/v1", "metadata": {"resourceVersion": rv},
            "columnDefinitions": [column("Name", 0, "name"), column("Status"), column("Roles"), column("Age"),
                                  column("Version")],
            "rows": [{"cells": [n["metadata"]["name"], node_status(n), "<none>",
                                since(n["metadata"].get("creationTimestamp")),
                                n.get("status", {}).get("nodeInfo", {}).get("kubeletVersion", "")],
                      "object": partial_metadata(n)} for n in nodes]}


# ----------------------------------------------------------------------------- HTTP


API_RESOURCES = {
    "kind": "APIResourceList", "groupVersion": "v1",
    "resources": [
        {"name": "pods", "singularName": "pod", "namespaced": True, "kind": "Pod", "shortNames": ["po"],
         "verbs": ["get", "list", "watch", "delete"], "categories": ["all"]},
        {"name": "pods/log", "singularName": "", "namespaced": True, "kind": "Pod", "verbs": ["get"]},
        {"name": "nodes", "singularName": "node", "namespaced": False, "kind": "Node", "shortNames": ["no"],
         "verbs": ["get", "list", "watch", "patch"]},
        {"name": "events", "singularName": "event", "namespaced": True, "kind": "Event", "shortNames": ["ev"],
         "verbs": ["get", "list", "watch"]},
        {"name": "namespaces", "singularName": "namespace", "namespaced": False, "kind": "Namespace",
         "shortNames": ["ns"], "verbs": ["get", "list"]},
    ],
}


APPS_RESOURCES = {
    "kind": "APIResourceList", "groupVersion": "apps/v1",
    "resources": [
        {"name": "replicasets", "singularName": "replicaset", "namespaced": True, "kind": "ReplicaSet",
         "shortNames": ["rs"], "verbs": ["get", "list"]},
        {"name": "deployments", "singularName": "deployment", "namespaced": True, "kind": "Deployment",
         "shortNames": ["deploy"], "verbs": ["get", "list", "patch"], "categories": ["all"]},
    ],
}


def replica_set(ns, name):
    """A ReplicaSet as the pods owning it imply; its Deployment is its name minus the last `-hash`."""
    rs = {"apiVersion": "apps/v1", "kind": "ReplicaSet",
          "metadata": {"name": name, "namespace": ns, "uid": "uid-rs-" + name, "resourceVersion": "1"},
          "spec": {"replicas": 1}, "status": {"replicas": 1}}
    if "-" in name:
        deploy = name.rsplit("-", 1)[0]
        rs["metadata"]["ownerReferences"] = [{"apiVersion": "apps/v1", "kind": "Deployment", "name": deploy,
                                              "uid": "uid-deploy-" + deploy, "controller": True}]
    return rs


def deployment(ns, name, annotations):
    return {"apiVersion": "apps/v1", "kind": "Deployment",
            "metadata": {"name": name, "namespace": ns, "uid": "uid-deploy-" + name, "resourceVersion": "1",
                         "generation": 1},
            "spec": {"replicas": 1, "selector": {"matchLabels": {"app": name}},
                     "template": {"metadata": {"labels": {"app": name}, "annotations": annotations},
                                  "spec": {"containers": [container_spec(name)]}}},
            "status": {"replicas": 1, "observedGeneration": 1}}


def make_handler(state, watch_timeout, forbidden=()):
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        server_version = "kube-standin/1"

        def log_message(self, fmt, *args):
            if os.environ.get("KUBE_STANDIN_VERBOSE"):
                sys.stderr.write("%s %s\n" % (self.address_string(), fmt % args))

        # -- responses
        def send_json(self, obj, code=200):
            body = json.dumps(obj, ensure_ascii=False).encode("utf-8")
            self.send_response(code)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def not_found(self, what):
            self.send_json({"kind": "Status", "apiVersion": "v1", "metadata": {}, "status": "Failure",
                            "message": what + " not found", "reason": "NotFound", "code": 404}, 404)

        def start_stream(self, ctype):
            self.send_response(200)
            self.send_header("Content-Type", ctype)
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()

        def chunk(self, data):
            self.wfile.write(b"%x\r\n%s\r\n" % (len(data), data))
            self.wfile.flush()

        def end_stream(self):
            try:
                self.wfile.write(b"0\r\n\r\n")
                self.wfile.flush()
            except OSError:
                pass

        # -- routing
        def do_GET(self):
            state.reload()
            url = urllib.parse.urlsplit(self.path)
            q = {k: v[-1] for k, v in urllib.parse.parse_qs(url.query).items()}
            parts = [urllib.parse.unquote(p) for p in url.path.strip("/").split("/") if p]
            try:
                self.route(parts, q)
            except (BrokenPipeError, ConnectionResetError):
                pass

        def route(self, parts, q):
            if parts == ["version"]:
                return self.send_json({"major": "1", "minor": "32", "gitVersion": "v1.32.4-standin",
                                       "gitCommit": "0" * 40, "gitTreeState": "clean",
                                       "buildDate": "2026-01-01T00:00:00Z", "goVersion": "go1.23",
                                       "compiler": "gc", "platform": "linux/amd64"})
            if parts == ["api"]:
                return self.send_json({"kind": "APIVersions", "versions": ["v1"],
                                       "serverAddressByClientCIDRs": [
                                           {"clientCIDR": "0.0.0.0/0", "serverAddress": "127.0.0.1"}]})
            if parts == ["apis"]:
                apps = {"groupVersion": "apps/v1", "version": "v1"}
                return self.send_json({"kind": "APIGroupList", "apiVersion": "v1", "groups": [
                    {"name": "apps", "versions": [apps], "preferredVersion": apps}]})
            if parts == ["apis", "apps", "v1"]:
                return self.send_json(APPS_RESOURCES)
            if parts[:3] == ["apis", "apps", "v1"]:
                return self.apps(parts[3:])
            if parts == ["api", "v1"]:
                return self.send_json(API_RESOURCES)
            if parts == ["standin", "requests"]:
                with state.lock:
                    return self.send_json(dict(state.requests))
            if parts[:2] != ["api", "v1"]:
                return self.not_found("/" + "/".join(parts))
            rest = parts[2:]
            resource = rest[2] if len(rest) >= 3 and rest[0] == "namespaces" else (rest[0] if rest else "")
            named = len(rest) >= (4 if rest and rest[0] == "namespaces" else 2)
            verb = "get" if named else ("watch" if q.get("watch") in ("true", "1") else "list")
            state.count("%s %s" % (verb, resource))
            if resource in forbidden:
                return self.send_json({
                    "kind": "Status", "apiVersion": "v1", "metadata": {}, "status": "Failure",
                    "message": '%s is forbidden: User "lab-user" cannot list resource "%s" in API group "" at the cluster scope'
                               % (resource, resource),
                    "reason": "Forbidden", "details": {"kind": resource}, "code": 403}, 403)
            ns = None
            if len(rest) >= 2 and rest[0] == "namespaces":
                ns = rest[1]
                rest = rest[2:]
                if not rest:
                    return self.send_json({"apiVersion": "v1", "kind": "Namespace",
                                           "metadata": {"name": ns}, "status": {"phase": "Active"}})
            if rest == ["namespaces"]:
                names = sorted({k[0] for k in state.pods} | {"default"})
                return self.send_json({"apiVersion": "v1", "kind": "NamespaceList",
                                       "metadata": {"resourceVersion": str(state.rv)},
                                       "items": [{"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": n},
                                                  "status": {"phase": "Active"}} for n in names]})
            if rest and rest[0] in RESOURCES and len(rest) == 1 and q.get("watch") in ("true", "1"):
                return self.watch(rest[0], ns, q)
            if rest and rest[0] == "pods":
                if len(rest) == 1:
                    return self.list_pods(ns, q)
                name = rest[1]
                p = state.pods.get((ns, name))
                if p is None:
                    return self.not_found('pods "%s"' % name)
                if len(rest) == 2:
                    return self.send_json(p)
                if rest[2] == "log":
                    return self.logs(p, q)
                return self.not_found("/".join(rest))
            if rest and rest[0] == "nodes":
                if len(rest) == 2:
                    for n in state.nodes:
                        if n["metadata"]["name"] == rest[1]:
                            return self.send_json(n)
                    return self.not_found('nodes "%s"' % rest[1])
                items = [n for n in state.nodes if match_labels(n, q.get("labelSelector"))
                         and match_fields(n, q.get("fieldSelector"))]
                if self.wants_table():
                    return self.send_json(node_table(items, str(state.rv)))
                return self.send_json({"apiVersion": "v1", "kind": "NodeList",
                                       "metadata": {"resourceVersion": str(state.rv)}, "items": items})
            if rest and rest[0] == "events":
                items = [e for e in state.events
                         if (ns is None or e["metadata"].get("namespace") == ns)
                         and match_fields(e, q.get("fieldSelector"))]
                if self.wants_table():
                    return self.send_json(event_table(items, str(state.rv)))
                return self.send_json({"apiVersion": "v1", "kind": "EventList",
                                       "metadata": {"resourceVersion": str(state.rv)}, "items": items})
            return self.not_found("/" + "/".join(parts))

        def selected_pods(self, ns, q):
            with state.lock:
                pods = [p for (pns, _), p in sorted(state.pods.items()) if ns is None or pns == ns]
            return [p for p in pods if match_labels(p, q.get("labelSelector"))
                    and match_fields(p, q.get("fieldSelector"))]

        def wants_table(self):
            return "as=Table" in (self.headers.get("Accept") or "")

        def list_pods(self, ns, q):
            if self.wants_table():
                return self.send_json(pod_table(self.selected_pods(ns, q), str(state.rv)))
            self.send_json({"apiVersion": "v1", "kind": "PodList",
                            "metadata": {"resourceVersion": str(state.rv)},
                            "items": self.selected_pods(ns, q)})

        def watch(self, resource, ns, q):
            """A v1 watch: the changes after `resourceVersion` (0: every object as ADDED), then each new one.

            Ends after the watch timeout, as the real server does; a `resourceVersion` older than the kept
            history, or an `expire` while open, ends it with an ERROR event carrying a 410 Expired Status.
            """
            try:
                since = int(q.get("resourceVersion") or 0)
            except ValueError:
                since = 0
            timeout = min(float(q.get("timeoutSeconds") or watch_timeout), watch_timeout)
            deadline = time.monotonic() + timeout
            self.start_stream("application/json")

            def wanted(o):
                return (ns is None or o["metadata"].get("namespace") == ns) and \
                    match_labels(o, q.get("labelSelector")) and match_fields(o, q.get("fieldSelector"))

            def emit(kind, o):
                line = json.dumps({"type": kind, "object": o}, ensure_ascii=False).encode("utf-8") + b"\n"
                self.chunk(line)

            def gone():
                emit("ERROR", {"kind": "Status", "apiVersion": "v1", "metadata": {}, "status": "Failure",
                               "message": "too old resource version: %d (%d)" % (since, state.rv),
                               "reason": "Expired", "code": 410})
                self.end_stream()

            with state.lock:
                expiry = state.expiries[resource]
                if since != 0 and state.too_old(resource, since):
                    initial = None
                elif since == 0:
                    initial = [("ADDED", o) for _, o in sorted(state.objects[resource].items()) if wanted(o)]
                else:
                    initial = [(t, o) for (_, r, t, o) in state.changes_after(since) if r == resource and wanted(o)]
                cursor = max(since, state.rv)
            try:
                if initial is None:
                    return gone()
                for kind, o in initial:
                    emit(kind, o)
                while time.monotonic() < deadline:
                    state.reload()
                    with state.lock:
                        if state.expiries[resource] != expiry:
                            since = cursor
                            break
                        fresh = state.changes_after(cursor)
                        if not fresh:
                            state.lock.wait(timeout=0.2)
                            continue
                        cursor = fresh[-1][0]
                    for _, r, kind, o in fresh:
                        if r == resource and wanted(o):
                            emit(kind, o)
                else:
                    return self.end_stream()
                return gone()
            except OSError:
                return

        def logs(self, p, q):
            name = p["metadata"]["name"]
            container = q.get("container") or p["spec"]["containers"][0]["name"]
            tail = int(q.get("tailLines") or 20)
            follow = q.get("follow") in ("true", "1")
            self.start_stream("text/plain")
            created = time.time() - 60
            try:
                for i in range(max(0, 100 - tail), 100):
                    self.chunk(log_line(name, container, i, created + i * 0.5).encode("utf-8"))
                if follow:
                    deadline = time.monotonic() + watch_timeout
                    i = 100
                    while time.monotonic() < deadline and (p["metadata"]["namespace"], name) in state.pods:
                        time.sleep(0.5)
                        state.reload()
                        self.chunk(log_line(name, container, i, time.time()).encode("utf-8"))
                        i += 1
            except OSError:
                return
            self.end_stream()

        # -- changes: kubectl delete pod, cordon / uncordon, rollout restart (saved to the scenario file)
        def read_body(self):
            length = int(self.headers.get("Content-Length") or 0)
            raw = self.rfile.read(length) if length else b""
            try:
                return json.loads(raw.decode("utf-8") or "{}")
            except ValueError:
                return {}

        def edit_scenario(self, change):
            with state.lock:
                data = load(state.path)
                result = change(data)
                if result is not None:
                    save(state.path, data)
            state.reload()
            return result

        def do_DELETE(self):
            url = urllib.parse.urlsplit(self.path)
            parts = [urllib.parse.unquote(p) for p in url.path.strip("/").split("/") if p]
            self.read_body()
            if len(parts) != 6 or parts[:3] != ["api", "v1", "namespaces"] or parts[4] != "pods":
                return self.not_found("/" + "/".join(parts))
            ns, name = parts[3], parts[5]

            def change(data):
                found = [p for p in data["pods"] if (p["metadata"]["namespace"], p["metadata"]["name"]) == (ns, name)]
                data["pods"] = [p for p in data["pods"] if p not in found]
                return found[0] if found else None
            gone = self.edit_scenario(change)
            if gone is None:
                return self.not_found('pods "%s"' % name)
            self.send_json(gone)

        def do_PATCH(self):
            url = urllib.parse.urlsplit(self.path)
            parts = [urllib.parse.unquote(p) for p in url.path.strip("/").split("/") if p]
            patch = self.read_body()
            if len(parts) == 4 and parts[:3] == ["api", "v1", "nodes"]:
                unschedulable = (patch.get("spec") or {}).get("unschedulable")

                def change(data):
                    for n in data.get("nodes", []):
                        if n["metadata"]["name"] == parts[3]:
                            if unschedulable:
                                n.setdefault("spec", {})["unschedulable"] = True
                            else:
                                n.setdefault("spec", {}).pop("unschedulable", None)
                            return n
                    return None
                changed = self.edit_scenario(change)
                return self.send_json(changed) if changed else self.not_found('nodes "%s"' % parts[3])
            if len(parts) == 7 and parts[:4] == ["apis", "apps", "v1", "namespaces"] and parts[5] == "deployments":
                ns, name = parts[4], parts[6]
                annotations = ((((patch.get("spec") or {}).get("template") or {}).get("metadata") or {})
                               .get("annotations") or {})

                def change(data):
                    if not self.deployment_exists(ns, name):
                        return None
                    stored = data.setdefault("deployments", {}).setdefault(ns + "/" + name, {})
                    stored.update(annotations)
                    return deployment(ns, name, stored)
                changed = self.edit_scenario(change)
                return self.send_json(changed) if changed else self.not_found('deployments.apps "%s"' % name)
            return self.not_found("/" + "/".join(parts))

        def deployment_exists(self, ns, name):
            with state.lock:
                owners = [ref.get("name") for (pns, _), p in state.pods.items() if pns == ns
                          for ref in p["metadata"].get("ownerReferences", []) if ref.get("kind") == "ReplicaSet"]
            return any("-" in rs and rs.rsplit("-", 1)[0] == name for rs in owners)

        def apps(self, rest):
            if len(rest) != 4 or rest[0] != "namespaces":
                return self.not_found("/apis/apps/v1/" + "/".join(rest))
            ns, kind, name = rest[1], rest[2], rest[3]
            if kind == "replicasets":
                with state.lock:
                    owned = any(ref.get("kind") == "ReplicaSet" and ref.get("name") == name
                                for (pns, _), p in state.pods.items() if pns == ns
                                for ref in p["metadata"].get("ownerReferences", []))
                return self.send_json(replica_set(ns, name)) if owned else self.not_found('replicasets.apps "%s"' % name)
            if kind == "deployments" and self.deployment_exists(ns, name):
                stored = load(state.path).get("deployments", {}).get(ns + "/" + name, {})
                return self.send_json(deployment(ns, name, stored))
            return self.not_found('%s.apps "%s"' % (kind, name))
        def do_POST(self):
            url = urllib.parse.urlsplit(self.path)
            q = {k: v[-1] for k, v in urllib.parse.parse_qs(url.query).items()}
            length = int(self.headers.get("Content-Length") or 0)
            if length:
                self.rfile.read(length)
            if url.path == "/standin/expire" and q.get("resource") in RESOURCES:
                state.expire(q["resource"])
                return self.send_json({"expired": q["resource"]})
            return self.not_found(url.path)

        def do_HEAD(self):
            self.send_response(405)
            self.send_header("Content-Length", "0")
            self.end_headers()

    return Handler


def log_line(pod_name, container, i, t):
    stamp = dt.datetime.fromtimestamp(t, dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    level = "ERROR" if "crash" in pod_name and i % 3 == 0 else "INFO"
    return "%s %s %s/%s request %d handled\n" % (stamp, level, pod_name, container, i)


class Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 128
    allow_reuse_address = True


def serve_hang(host, port, port_file):
    """Accept every connection and never answer: the wedged API server every client must survive."""
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind((host, port))
    s.listen(128)
    write_port(port_file, s.getsockname()[1])
    held = []
    while True:
        conn, _ = s.accept()
        held.append(conn)
        held = held[-512:]  # bounded: the oldest are closed by garbage collection


def write_port(port_file, port):
    print("kube-standin listening on 127.0.0.1:%d" % port, flush=True)
    if port_file:
        tmp = port_file + ".tmp"
        with open(tmp, "w") as f:
            f.write("%d\n" % port)
        os.replace(tmp, port_file)


# ----------------------------------------------------------------------------- scenario edits


def load(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def rebase(path):
    """Moves every timestamp of a scenario so that it reads as written now.

    Run once when the server starts: a lab brought up hours after its scenario was written still shows
    "restarted 2m ago" and warnings of the last hour, and from then on times are real, as in a cluster.
    """
    data = load(path)
    written = data.get("writtenAt")
    if not written:
        return
    then = dt.datetime.strptime(written, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=dt.timezone.utc)
    delta = int((dt.datetime.now(dt.timezone.utc) - then).total_seconds())
    if delta > 0:
        save(path, shifted(data, delta))


def save(path, data):
    tmp = path + ".tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        json.dump(data, f, indent=1, ensure_ascii=False)
    os.replace(tmp, path)


def replace_pod(data, new):
    key = (new["metadata"]["namespace"], new["metadata"]["name"])
    data["pods"] = [p for p in data["pods"]
                    if (p["metadata"]["namespace"], p["metadata"]["name"]) != key] + [new]


def scale_scenario(count):
    """`count` healthy pods spread over 20 namespaces, with the default nodes and warning events."""
    data = default_scenario()
    data["pods"] = [pod("scale-%02d" % (i % 20), "app-%05d-%s" % (i, "abcde"), "app-%d" % (i % 50), "Running",
                        [running_status("main")], node="node-a" if i % 2 else "node-b") for i in range(count)]
    return data


def touch_pods(data):
    """One more restart for every pod's first container: the change a 'relist' benchmark waits for."""
    for p in data["pods"]:
        for s in p.get("status", {}).get("containerStatuses") or []:
            s["restartCount"] = s.get("restartCount", 0) + 1
            break


def control(port, method, path):
    import urllib.request
    req = urllib.request.Request("http://127.0.0.1:%d%s" % (port, path), method=method, data=b"" if method == "POST" else None)
    with urllib.request.urlopen(req, timeout=10) as r:
        return r.read().decode("utf-8")


def write_kubeconfig(path, port, down_port=None):
    clusters = [("lab", port)] + ([("lab-down", down_port)] if down_port else [])
    lines = ["apiVersion: v1", "kind: Config", "current-context: lab", "clusters:"]
    for name, p in clusters:
        lines += ["- name: %s" % name, "  cluster:", "    server: http://127.0.0.1:%d" % p]
    lines += ["users:", "- name: lab-user", "  user:", "    token: lab-token", "contexts:"]
    for name, _ in clusters:
        lines += ["- name: %s" % name, "  context:", "    cluster: %s" % name, "    user: lab-user"]
    lines += ["preferences: {}", ""]
    with open(path, "w") as f:
        f.write("\n".join(lines))


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    s = sub.add_parser("serve")
    s.add_argument("--scenario")
    s.add_argument("--host", default="127.0.0.1")
    s.add_argument("--port", type=int, default=0)
    s.add_argument("--port-file")
    s.add_argument("--watch-timeout", type=float, default=300.0,
                   help="seconds before a watch or log follow ends (the real server ends them too)")
    s.add_argument("--hang", action="store_true")
    s.add_argument("--forbid", action="append", default=[], metavar="RESOURCE",
                   help="answer 403 Forbidden for this resource (nodes, events, pods), as RBAC would")
    w = sub.add_parser("write-scenario")
    w.add_argument("file")
    for name in ("break-pod", "heal-pod"):
        b = sub.add_parser(name)
        b.add_argument("file")
    a = sub.add_parser("add-pod")
    a.add_argument("file"); a.add_argument("namespace"); a.add_argument("name")
    d = sub.add_parser("delete-pod")
    d.add_argument("file"); d.add_argument("namespace"); d.add_argument("name")
    k = sub.add_parser("kubeconfig")
    k.add_argument("file"); k.add_argument("port", type=int); k.add_argument("down_port", type=int, nargs="?")
    sc = sub.add_parser("write-scale-scenario")
    sc.add_argument("file"); sc.add_argument("pods", type=int)
    t = sub.add_parser("touch-pods")
    t.add_argument("file")
    e = sub.add_parser("expire")
    e.add_argument("port", type=int); e.add_argument("resource", choices=RESOURCES)
    r = sub.add_parser("requests")
    r.add_argument("port", type=int)
    args = ap.parse_args()

    if args.cmd == "serve":
        if args.host not in ("127.0.0.1", "::1", "localhost"):
            sys.exit("kube-standin: loopback only")
        if args.hang:
            return serve_hang(args.host, args.port, args.port_file)
        if not args.scenario:
            sys.exit("kube-standin: --scenario FILE is required")
        if not os.path.exists(args.scenario):
            save(args.scenario, default_scenario())
        rebase(args.scenario)
        state = State(args.scenario)
        srv = Server((args.host, args.port), make_handler(state, args.watch_timeout, tuple(args.forbid)))
        write_port(args.port_file, srv.server_address[1])
        srv.serve_forever(poll_interval=0.2)
    elif args.cmd == "write-scenario":
        save(args.file, default_scenario())
    elif args.cmd == "break-pod":
        data = load(args.file); replace_pod(data, crashing_checkout()); save(args.file, data)
    elif args.cmd == "heal-pod":
        data = load(args.file); replace_pod(data, healthy_checkout()); save(args.file, data)
    elif args.cmd == "add-pod":
        data = load(args.file)
        replace_pod(data, pod(args.namespace, args.name, "added", "Running", [running_status("main")], age=-5))
        save(args.file, data)
    elif args.cmd == "delete-pod":
        data = load(args.file)
        data["pods"] = [p for p in data["pods"]
                        if (p["metadata"]["namespace"], p["metadata"]["name"]) != (args.namespace, args.name)]
        save(args.file, data)
    elif args.cmd == "kubeconfig":
        write_kubeconfig(args.file, args.port, args.down_port)
    elif args.cmd == "write-scale-scenario":
        save(args.file, scale_scenario(args.pods))
    elif args.cmd == "touch-pods":
        data = load(args.file); touch_pods(data); save(args.file, data)
    elif args.cmd == "expire":
        print(control(args.port, "POST", "/standin/expire?resource=" + args.resource))
    elif args.cmd == "requests":
        print(control(args.port, "GET", "/standin/requests"))


if __name__ == "__main__":
    try:
        main()
    except KeyboardInterrupt:
        pass
