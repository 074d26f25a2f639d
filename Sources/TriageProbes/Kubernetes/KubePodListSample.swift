import Foundation

/// A realistic `kubectl get pods -o json` document of any size, for the parse benchmark and tests.
///
/// Each pod carries what real clusters send and the pane ignores (managedFields, env, volumes,
/// tolerations), about 4 KB a pod, so the benchmark measures skipping as well as reading. States
/// rotate through running, crash-looping, OOM-killed, pending and completed pods.
public enum KubePodListSample {
    public static func make(count: Int) -> Data {
        var out = "{\"apiVersion\":\"v1\",\"kind\":\"List\",\"metadata\":{\"resourceVersion\":\"\"},\"items\":["
        out.reserveCapacity(count * 4200 + 100)
        for index in 0..<count {
            if index > 0 { out += "," }
            out += pod(index)
        }
        out += "]}"
        return Data(out.utf8)
    }

    static func pod(_ index: Int) -> String {
        let namespace = "team-\(index % 17)"
        let app = "svc-\(index % 211)"
        let name = "\(app)-7d9f8b6c5-\(String(index, radix: 36))"
        let state: String
        let lastState: String
        var ready = "true"
        var restarts = 0
        switch index % 10 {
        case 7:
            state = "{\"waiting\":{\"reason\":\"CrashLoopBackOff\",\"message\":\"back-off 5m0s restarting failed container=\(app)\"}}"
            lastState = "{\"terminated\":{\"exitCode\":1,\"reason\":\"Error\",\"startedAt\":\"2026-11-23T10:00:00Z\",\"finishedAt\":\"2026-11-23T10:00:05Z\"}}"
            ready = "false"
            restarts = 17
        case 8:
            state = "{\"running\":{\"startedAt\":\"2026-11-23T09:00:00Z\"}}"
            lastState = "{\"terminated\":{\"exitCode\":137,\"reason\":\"OOMKilled\",\"startedAt\":\"2026-11-23T08:00:00Z\",\"finishedAt\":\"2026-11-23T08:59:59Z\"}}"
            restarts = 2
        case 9:
            state = "{\"waiting\":{\"reason\":\"ContainerCreating\"}}"
            lastState = "{}"
            ready = "false"
        default:
            state = "{\"running\":{\"startedAt\":\"2026-11-20T09:00:00Z\"}}"
            lastState = "{}"
        }
        return """
            {"apiVersion":"v1","kind":"Pod","metadata":{"creationTimestamp":"2026-11-20T08:59:00Z","generateName":"\(app)-7d9f8b6c5-",\
            "labels":{"app":"\(app)","pod-template-hash":"7d9f8b6c5","team":"\(namespace)"},\
            "managedFields":[{"apiVersion":"v1","fieldsType":"FieldsV1","fieldsV1":{"f:metadata":{"f:generateName":{},"f:labels":{".":{},"f:app":{},"f:pod-template-hash":{}},\
            "f:ownerReferences":{".":{},"k:{\\"uid\\":\\"0b7e\\"}":{}}},"f:spec":{"f:containers":{"k:{\\"name\\":\\"\(app)\\"}":{".":{},"f:env":{},"f:image":{},"f:imagePullPolicy":{},\
            "f:name":{},"f:ports":{},"f:resources":{},"f:terminationMessagePath":{}}},"f:dnsPolicy":{},"f:enableServiceLinks":{},"f:restartPolicy":{}}},\
            "manager":"kube-controller-manager","operation":"Update","time":"2026-11-20T08:59:00Z"},{"apiVersion":"v1","fieldsType":"FieldsV1",\
            "fieldsV1":{"f:status":{"f:conditions":{"k:{\\"type\\":\\"Ready\\"}":{".":{},"f:lastProbeTime":{},"f:lastTransitionTime":{},"f:status":{},"f:type":{}}},\
            "f:containerStatuses":{},"f:hostIP":{},"f:phase":{},"f:podIP":{},"f:podIPs":{},"f:startTime":{}}},"manager":"kubelet","operation":"Update",\
            "subresource":"status","time":"2026-11-23T10:00:05Z"}],"name":"\(name)","namespace":"\(namespace)",\
            "ownerReferences":[{"apiVersion":"apps/v1","blockOwnerDeletion":true,"controller":true,"kind":"ReplicaSet","name":"\(app)-7d9f8b6c5","uid":"0b7e"}],\
            "resourceVersion":"\(100000 + index)","uid":"5f0c\(index)-aaaa-bbbb-cccc-dddddddddddd"},\
            "spec":{"containers":[{"env":[{"name":"LOG_LEVEL","value":"info"},{"name":"DB_HOST","value":"db.\(namespace).svc"},\
            {"name":"POD_NAME","valueFrom":{"fieldRef":{"apiVersion":"v1","fieldPath":"metadata.name"}}}],"image":"registry.example/\(app):1.\(index % 9).0",\
            "imagePullPolicy":"IfNotPresent","name":"\(app)","ports":[{"containerPort":8080,"name":"http","protocol":"TCP"}],\
            "readinessProbe":{"failureThreshold":3,"httpGet":{"path":"/ready","port":8080,"scheme":"HTTP"},"periodSeconds":10,"successThreshold":1,"timeoutSeconds":1},\
            "resources":{"limits":{"cpu":"500m","memory":"512Mi"},"requests":{"cpu":"100m","memory":"128Mi"}},"terminationMessagePath":"/dev/termination-log",\
            "terminationMessagePolicy":"File","volumeMounts":[{"mountPath":"/var/run/secrets/kubernetes.io/serviceaccount","name":"kube-api-access-x2x9q","readOnly":true}]}],\
            "dnsPolicy":"ClusterFirst","enableServiceLinks":true,"nodeName":"node-\(index % 40)","preemptionPolicy":"PreemptLowerPriority","priority":0,\
            "restartPolicy":"Always","schedulerName":"default-scheduler","securityContext":{},"serviceAccount":"default","serviceAccountName":"default",\
            "terminationGracePeriodSeconds":30,"tolerations":[{"effect":"NoExecute","key":"node.kubernetes.io/not-ready","operator":"Exists","tolerationSeconds":300},\
            {"effect":"NoExecute","key":"node.kubernetes.io/unreachable","operator":"Exists","tolerationSeconds":300}],\
            "volumes":[{"name":"kube-api-access-x2x9q","projected":{"defaultMode":420,"sources":[{"serviceAccountToken":{"expirationSeconds":3607,"path":"token"}},\
            {"configMap":{"items":[{"key":"ca.crt","path":"ca.crt"}],"name":"kube-root-ca.crt"}},{"downwardAPI":{"items":[{"fieldRef":{"apiVersion":"v1",\
            "fieldPath":"metadata.namespace"},"path":"namespace"}]}}]}}]},\
            "status":{"conditions":[{"lastProbeTime":null,"lastTransitionTime":"2026-11-20T08:59:00Z","status":"True","type":"Initialized"},\
            {"lastProbeTime":null,"lastTransitionTime":"2026-11-23T10:00:05Z","status":"\(ready == "true" ? "True" : "False")","type":"Ready"},\
            {"lastProbeTime":null,"lastTransitionTime":"2026-11-23T10:00:05Z","status":"\(ready == "true" ? "True" : "False")","type":"ContainersReady"},\
            {"lastProbeTime":null,"lastTransitionTime":"2026-11-20T08:59:00Z","status":"True","type":"PodScheduled"}],\
            "containerStatuses":[{"containerID":"containerd://\(String(repeating: "ab", count: 32))","image":"registry.example/\(app):1.\(index % 9).0",\
            "imageID":"registry.example/\(app)@sha256:\(String(repeating: "cd", count: 32))","lastState":\(lastState),"name":"\(app)","ready":\(ready),\
            "restartCount":\(restarts),"started":\(ready),"state":\(state)}],"hostIP":"10.0.\(index % 40).1","phase":"\(index % 10 == 9 ? "Pending" : "Running")",\
            "podIP":"10.244.\(index % 250).\(index % 200)","podIPs":[{"ip":"10.244.\(index % 250).\(index % 200)"}],"qosClass":"Burstable","startTime":"2026-11-20T08:59:00Z"}}
            """
    }
}
