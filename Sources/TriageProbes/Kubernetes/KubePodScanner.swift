import Foundation

/// Reads v1 Pod JSON with `JSONScanner` into the same `KubeJSON` values the Codable path produces.
///
/// Only the fields in `KubeJSON.Pod` are read; everything else is skipped by byte scanning. A field
/// of the wrong type throws, and the list reader then drops that one pod (as the lenient Codable
/// path did) and goes on with the next.
enum KubePodScanner {
    /// A whole `List`/`PodList` document: items, resourceVersion, a Status's message, and pods dropped.
    struct ListResult {
        var kind: String?
        var message: String?
        var resourceVersion: String?
        var items: [KubeJSON.Pod]?
        var dropped = 0
    }

    static func list(_ scanner: JSONScanner) throws(JSONScanner.Malformed) -> ListResult {
        var result = ListResult()
        try scanner.object { key throws(JSONScanner.Malformed) in
            switch key {
            case "kind": result.kind = try scanner.optionalString()
            case "message": result.message = try scanner.optionalString()
            case "metadata":
                try scanner.object { key throws(JSONScanner.Malformed) in
                    if key == "resourceVersion" { result.resourceVersion = try scanner.optionalString() } else { try scanner.skipValue() }
                }
            case "items":
                var items: [KubeJSON.Pod] = []
                try scanner.array { () throws(JSONScanner.Malformed) in
                    scanner.skipSpace()
                    let start = scanner.index
                    do {
                        items.append(try pod(scanner))
                    } catch {
                        // One bad pod: rewind to its start and skip it whole.
                        scanner.reset(to: start)
                        try scanner.skipValue()
                        result.dropped += 1
                    }
                }
                result.items = items
            default: try scanner.skipValue()
            }
        }
        return result
    }

    /// One watch event: `{"type": ..., "object": {...}}`.
    static func watchEvent(_ scanner: JSONScanner) throws(JSONScanner.Malformed) -> KubeJSON.WatchEvent {
        var event = KubeJSON.WatchEvent()
        try scanner.object { key throws(JSONScanner.Malformed) in
            switch key {
            case "type": event.type = try scanner.optionalString()
            case "object": event.object = try pod(scanner)
            default: try scanner.skipValue()
            }
        }
        return event
    }

    static func pod(_ s: JSONScanner) throws(JSONScanner.Malformed) -> KubeJSON.Pod {
        var pod = KubeJSON.Pod()
        try s.object { key throws(JSONScanner.Malformed) in
            switch key {
            case "kind": pod.kind = try s.optionalString()
            case "metadata": pod.metadata = try meta(s)
            case "spec": pod.spec = try spec(s)
            case "status":
                // A Status object (a watch ERROR event) has `"status": "Failure"`, a string.
                if s.peek() == UInt8(ascii: "{") { pod.status = try status(s) } else { try s.skipValue() }
            case "message": pod.message = try s.optionalString()
            case "reason": pod.reason = try s.optionalString()
            case "code": pod.code = try s.optionalInt()
            default: try s.skipValue()
            }
        }
        return pod
    }

    static func meta(_ s: JSONScanner) throws(JSONScanner.Malformed) -> KubeJSON.ObjectMeta {
        var meta = KubeJSON.ObjectMeta()
        try s.object { key throws(JSONScanner.Malformed) in
            switch key {
            case "name": meta.name = try s.optionalString()
            case "namespace": meta.namespace = try s.optionalString()
            case "uid": meta.uid = try s.optionalString()
            case "resourceVersion": meta.resourceVersion = try s.optionalString()
            case "creationTimestamp": meta.creationTimestamp = try s.optionalString()
            case "deletionTimestamp": meta.deletionTimestamp = try s.optionalString()
            case "labels": meta.labels = try s.stringMap()
            case "ownerReferences":
                try s.array { () throws(JSONScanner.Malformed) in
                    var kind = "", name = "", controller = false
                    try s.object { key throws(JSONScanner.Malformed) in
                        switch key {
                        case "kind": kind = try s.optionalString() ?? ""
                        case "name": name = try s.optionalString() ?? ""
                        case "controller": controller = try s.optionalBool() ?? false
                        default: try s.skipValue()
                        }
                    }
                    if meta.owner == nil || controller { meta.owner = kind + "/" + name }
                }
            default: try s.skipValue()
            }
        }
        return meta
    }

    static func spec(_ s: JSONScanner) throws(JSONScanner.Malformed) -> KubeJSON.PodSpec {
        var spec = KubeJSON.PodSpec()
        try s.object { key throws(JSONScanner.Malformed) in
            switch key {
            case "nodeName": spec.nodeName = try s.optionalString()
            case "containers": spec.containers = try containers(s)
            case "initContainers": spec.initContainers = try containers(s)
            default: try s.skipValue()
            }
        }
        return spec
    }

    static func containers(_ s: JSONScanner) throws(JSONScanner.Malformed) -> [KubeJSON.Container] {
        var out: [KubeJSON.Container] = []
        try s.array { () throws(JSONScanner.Malformed) in
            var container = KubeJSON.Container()
            try s.object { key throws(JSONScanner.Malformed) in
                switch key {
                case "name": container.name = try s.optionalString()
                case "restartPolicy": container.restartPolicy = try s.optionalString()
                case "image": container.image = try s.optionalString()
                default: try s.skipValue()
                }
            }
            out.append(container)
        }
        return out
    }

    static func status(_ s: JSONScanner) throws(JSONScanner.Malformed) -> KubeJSON.PodStatus {
        var status = KubeJSON.PodStatus()
        try s.object { key throws(JSONScanner.Malformed) in
            switch key {
            case "phase": status.phase = try s.optionalString()
            case "reason": status.reason = try s.optionalString()
            case "message": status.message = try s.optionalString()
            case "conditions":
                var conditions: [KubeJSON.Condition] = []
                try s.array { () throws(JSONScanner.Malformed) in
                    var condition = KubeJSON.Condition()
                    try s.object { key throws(JSONScanner.Malformed) in
                        switch key {
                        case "type": condition.type = try s.optionalString()
                        case "status": condition.status = try s.optionalString()
                        case "reason": condition.reason = try s.optionalString()
                        case "message": condition.message = try s.optionalString()
                        default: try s.skipValue()
                        }
                    }
                    conditions.append(condition)
                }
                status.conditions = conditions
            case "containerStatuses": status.containerStatuses = try containerStatuses(s)
            case "initContainerStatuses": status.initContainerStatuses = try containerStatuses(s)
            case "podIP": status.podIP = try s.optionalString()
            case "qosClass": status.qosClass = try s.optionalString()
            default: try s.skipValue()
            }
        }
        return status
    }

    static func containerStatuses(_ s: JSONScanner) throws(JSONScanner.Malformed) -> [KubeJSON.ContainerStatus] {
        var out: [KubeJSON.ContainerStatus] = []
        try s.array { () throws(JSONScanner.Malformed) in
            var container = KubeJSON.ContainerStatus()
            try s.object { key throws(JSONScanner.Malformed) in
                switch key {
                case "name": container.name = try s.optionalString()
                case "ready": container.ready = try s.optionalBool()
                case "started": container.started = try s.optionalBool()
                case "restartCount": container.restartCount = try s.optionalInt()
                case "state": container.state = try state(s)
                case "lastState": container.lastState = try state(s)
                default: try s.skipValue()
                }
            }
            out.append(container)
        }
        return out
    }

    static func state(_ s: JSONScanner) throws(JSONScanner.Malformed) -> KubeJSON.ContainerState {
        var state = KubeJSON.ContainerState()
        try s.object { key throws(JSONScanner.Malformed) in
            switch key {
            case "waiting":
                var waiting = KubeJSON.Waiting()
                try s.object { key throws(JSONScanner.Malformed) in
                    switch key {
                    case "reason": waiting.reason = try s.optionalString()
                    case "message": waiting.message = try s.optionalString()
                    default: try s.skipValue()
                    }
                }
                state.waiting = waiting
            case "running":
                var running = KubeJSON.Running()
                try s.object { key throws(JSONScanner.Malformed) in
                    if key == "startedAt" { running.startedAt = try s.optionalString() } else { try s.skipValue() }
                }
                state.running = running
            case "terminated":
                var done = KubeJSON.Terminated()
                try s.object { key throws(JSONScanner.Malformed) in
                    switch key {
                    case "exitCode": done.exitCode = try s.optionalInt()
                    case "signal": done.signal = try s.optionalInt()
                    case "reason": done.reason = try s.optionalString()
                    case "message": done.message = try s.optionalString()
                    case "startedAt": done.startedAt = try s.optionalString()
                    case "finishedAt": done.finishedAt = try s.optionalString()
                    default: try s.skipValue()
                    }
                }
                state.terminated = done
            default: try s.skipValue()
            }
        }
        return state
    }
}
