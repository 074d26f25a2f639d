import Foundation
import Testing
import TriageCore
@testable import TriageProbes

/// The pure parts of the informer: kubectl's request log, node and event watch events, the relist cache.
@Suite("KubeWatch parsing")
struct KubeWatchParsingTests {
    @Test func kubectlsRequestLogTellsAnsweredListsAndOpenWatches() {
        // kubectl 1.32 (and 1.27..1.31) and 1.33 log responses differently; both are read.
        let list132 = "I1206 20:46:27.863073    5762 round_trippers.go:560] GET http://127.0.0.1:18421/api/v1/nodes?limit=500 200 OK in 0 milliseconds"
        let watch132 = "I1206 20:46:27.956838    5762 round_trippers.go:560] GET http://127.0.0.1:18421/api/v1/nodes?resourceVersion=19&watch=true 200 OK in 21 milliseconds"
        let list133 = #"I1206 20:46:46.597558    6758 round_trippers.go:632] "Response" verb="GET" url="http://127.0.0.1:18421/api/v1/namespaces/shop/events?fieldSelector=type%3DWarning&limit=500" status="200 OK" milliseconds=36"#
        let watch133 = #"I1206 20:46:46.602968    6758 round_trippers.go:632] "Response" verb="GET" url="https://10.0.0.1:6443/api/v1/namespaces/shop/events?fieldSelector=type%3DWarning&resourceVersion=19&watch=true" status="200 OK" milliseconds=4"#
        #expect(KubectlWatchLog.classify(list132, resource: "nodes") == .listAnswered)
        #expect(KubectlWatchLog.classify(watch132, resource: "nodes") == .watchStarted)
        #expect(KubectlWatchLog.classify(list133, resource: "events") == .listAnswered)
        #expect(KubectlWatchLog.classify(watch133, resource: "events") == .watchStarted)
        // A forbidden list is an answer too (kubectl then exits with its verdict).
        let forbidden = "I1206 20:46:27.863073    5762 round_trippers.go:560] GET http://h/api/v1/nodes?limit=500 403 Forbidden in 1 milliseconds"
        #expect(KubectlWatchLog.classify(forbidden, resource: "nodes") == .listAnswered)
        // A request that never got a response is not an answer.
        let refused = "I1206 20:48:58.776443   12136 round_trippers.go:560] GET http://127.0.0.1:18421/api/v1/nodes?limit=500  in 17 milliseconds"
        let refused133 = #"I1206 20:46:46.597558 6758 round_trippers.go:632] "Response" verb="GET" url="http://127.0.0.1:1/api/v1/pods?limit=500" status="" milliseconds=0"#
        #expect(KubectlWatchLog.classify(refused, resource: "nodes") == .chatter)
        #expect(KubectlWatchLog.classify(refused133, resource: "pods") == .chatter)
        // Discovery and other resources are chatter; warnings and verdicts are kept for the reason.
        #expect(KubectlWatchLog.classify("I1206 20:46:27.699226    5762 round_trippers.go:560] GET http://127.0.0.1:18421/api?timeout=32s 200 OK in 69 milliseconds", resource: "pods") == .chatter)
        #expect(KubectlWatchLog.classify(list132, resource: "pods") == .chatter)
        #expect(KubectlWatchLog.classify("I1206 20:49:14.229219   12837 loader.go:402] Config loaded from file:  kc", resource: "pods") == .chatter)
        #expect(KubectlWatchLog.classify("The connection to the server 127.0.0.1:1 was refused - did you specify the right host or port?", resource: "pods") == .message)
        #expect(KubectlWatchLog.classify(#"E1123 19:50:50.740076   16692 memcache.go:265] "Unhandled Error" err="x""#, resource: "pods") == .message)
    }

    @Test func nodeAndEventWatchEventsParse() throws {
        let node = #"{"type":"MODIFIED","object":{"kind":"Node","metadata":{"name":"node-b","resourceVersion":"7"},"status":{"conditions":[{"type":"MemoryPressure","status":"True"},{"type":"Ready","status":"True"}],"nodeInfo":{"kubeletVersion":"v1.32.4"}}}}"#
        let parsedNode = try KubeWatchEventParser.parse(node, context: "lab", resource: .nodes)
        #expect(parsedNode.kind == .modified && parsedNode.node?.name == "node-b" && parsedNode.node?.memoryPressure == true)
        #expect(parsedNode.pod == nil && parsedNode.event == nil)
        let event = #"{"type":"ADDED","object":{"kind":"Event","metadata":{"name":"web.17a","namespace":"shop","uid":"u1"},"involvedObject":{"kind":"Pod","name":"web"},"reason":"BackOff","message":"back-off","count":3,"type":"Warning","lastTimestamp":"2026-12-06T20:00:00Z"}}"#
        let parsedEvent = try KubeWatchEventParser.parse(event, context: "lab", resource: .events)
        #expect(parsedEvent.event?.reason == "BackOff" && parsedEvent.event?.count == 3 && parsedEvent.event?.namespace == "shop")
        let gone = #"{"type":"ERROR","object":{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"too old resource version: 28 (31)","reason":"Expired","code":410}}"#
        for resource in KubeWatchResource.allCases {
            let parsed = try KubeWatchEventParser.parse(gone, context: "lab", resource: resource)
            #expect(parsed.kind == .error && parsed.errorCode == 410 && parsed.isExpired, "\(resource)")
            #expect(parsed.errorMessage == "too old resource version: 28 (31)")
        }
        let internalError = #"{"type":"ERROR","object":{"kind":"Status","message":"etcd leader changed","code":500}}"#
        #expect(try !KubeWatchEventParser.parse(internalError, context: "lab", resource: .nodes).isExpired)
        #expect(throws: KubeParseError.self) { try KubeWatchEventParser.parse(#"{"type":"ADDED","object":{"kind":"Node"}}"#, context: "lab", resource: .nodes) }
    }

    @Test func aRelistKeepsTheOldObjectsUntilTheListIsCompleteThenDropsTheUnlisted() {
        var cache = KubeObjectCache<String, Int>()
        for key in ["a", "b", "c"] { cache.apply(.added, key: key, value: 1) }
        cache.beginRelist()
        cache.apply(.added, key: "a", value: 2)
        // Mid-list, "b" and "c" are still shown (a relist never empties the pane).
        #expect(cache.objects == ["a": 2, "b": 1, "c": 1])
        cache.apply(.added, key: "c", value: 2)
        let version = cache.version
        cache.finishRelist()
        #expect(cache.objects == ["a": 2, "c": 2], "b was deleted while nobody watched")
        #expect(cache.version > version && !cache.isRelisting)
        cache.apply(.deleted, key: "a", value: 0)
        #expect(cache.objects == ["c": 2])
    }

    @Test func kubectlsLogLinesAreToldFromTheJSONItPrinted() async {
        let box = WatchLineBox()
        #expect(await box.feed("I1206 20:49:14.229219   12837 loader.go:402] Config loaded from file:  kc").count == 1)
        let compact = await box.feed(#"{"type":"ADDED","object":{"kind":"Node","metadata":{"name":"n"}}}"#)
        guard case .object = compact.first else { Issue.record("a JSON line was not an object: \(compact)"); return }
        // A pretty-printed object spans lines; a line inside it is JSON, not a log line.
        #expect(await box.feed("{").isEmpty)
        #expect(await box.feed(#"  "type": "DELETED","#).isEmpty)
        let closed = await box.feed("}")
        guard case .object(let text) = closed.first else { Issue.record("the object did not close: \(closed)"); return }
        #expect(text.contains("DELETED"))
        guard case .log = await box.feed("Error from server (Forbidden): nodes is forbidden").first else {
            Issue.record("kubectl's verdict was not a log line"); return
        }
    }
}
