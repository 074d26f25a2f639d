import Foundation
import Synchronization
import Testing
import TriageApp
import TriageCore
import TriageProbes
import TriageStore

/// What recording an incident costs with a 5,000-pod context, counted (not timed): a round in which
/// one pod of 5,000 changed builds, encodes, compares and writes about one row, not 5,000; a round
/// that hands the same pods over looks at none; and the recording still rebuilds every round's rows.
@Suite struct RecordingCostTests {
    static let t0 = Date(timeIntervalSince1970: 1_795_435_200)
    static let podCount = 5_000

    /// A context of `podCount` running pods and three nodes, and nothing else (so every row counted is the context's).
    static func context(at time: Date) -> DashboardSnapshot {
        var snapshot = DashboardSnapshot(startedAt: time)
        let pods = (0..<podCount).map { index in
            PodInfo(context: "big", namespace: "shop", name: "payments-6b8d-\(index)-x2x9q", node: "node-\(index % 3)",
                    creationTimestamp: time.addingTimeInterval(-86_400),
                    facts: KubePodFacts(phase: "Running", conditions: ["Ready": "True"], containerNames: ["app"],
                                        containerStatuses: [KubeContainerStatus(name: "app", ready: true, started: true,
                                                                                state: .running(startedAt: time.addingTimeInterval(-86_400)))]))
        }
        let nodes = (0..<3).map { NodeInfo(context: "big", name: "node-\($0)", readyStatus: "True") }
        snapshot.kubernetes = [KubeSnapshot(context: "big", pods: pods, nodes: nodes, events: [], podsUpdatedAt: time, lastGoodAt: time,
                                            roundAt: time, failure: nil, watching: true)]
        return snapshot
    }

    /// One pod turns bad or heals, in a new array (as a probe that decodes its round anew hands over).
    static func flip(_ snapshot: inout DashboardSnapshot, pod index: Int, at time: Date) {
        var pods = snapshot.kubernetes[0].pods.map { $0 }
        pods[index].columns.status = pods[index].columns.status == "Running" ? "CrashLoopBackOff" : "Running"
        pods[index].columns.restarts += 1
        snapshot.kubernetes[0].pods = pods
        snapshot.kubernetes[0].roundAt = time
    }

    @Test func onePodOf5000ChangingPerRoundCostsAboutOneRowNot5000() throws {
        var snapshot = Self.context(at: Self.t0)
        let encoder = SnapshotSourceRows.Encoder()
        var recorder = SourceRecorder()
        let firstBatch = recorder.take(SnapshotSourceRows.rows(of: snapshot, encoder: encoder), at: Self.t0)
        let first = try #require(firstBatch)
        #expect(first.keyFrame?.rows["kube:big"]?.keys.count == Self.podCount + 4, "the first round is a key frame of every row")
        let (built, encoded, compared) = (encoder.counts.rowsBuilt, encoder.counts.rowsEncoded, recorder.rowsCompared)
        let rounds = 20
        var written = 0
        for round in 1...rounds {
            let time = Self.t0.addingTimeInterval(Double(round) * 2)
            // Between two changes, a version with the very same pods (a new round time only) ...
            snapshot.kubernetes[0].roundAt = time.addingTimeInterval(-1)
            let quiet = recorder.take(SnapshotSourceRows.rows(of: snapshot, encoder: encoder), at: time.addingTimeInterval(-1))
            #expect(quiet == nil)
            // ... and a new array of 5,000 pods of which one changed.
            Self.flip(&snapshot, pod: (round * 37) % Self.podCount, at: time)
            let taken = recorder.take(SnapshotSourceRows.rows(of: snapshot, encoder: encoder), at: time)
            let batch = try #require(taken)
            #expect(batch.changes.map(\.key) == ["shop/payments-6b8d-\((round * 37) % Self.podCount)-x2x9q"])
            #expect(batch.keyFrame == nil)
            written += batch.changes.count
        }
        #expect(written == rounds)
        // Per version the context's own row is built (its header) and per round the pod that changed.
        #expect(encoder.counts.rowsBuilt - built <= 3 * rounds, "rows built: \(encoder.counts.rowsBuilt - built)")
        #expect(encoder.counts.rowsEncoded - encoded <= rounds, "rows encoded: \(encoder.counts.rowsEncoded - encoded)")
        #expect(recorder.rowsCompared - compared <= rounds, "rows compared: \(recorder.rowsCompared - compared)")
    }

    @Test func theRecordingRebuildsEveryRoundsRowsWhenPodsComeGoAndChangeInPlace() throws {
        var snapshot = Self.context(at: Self.t0)
        snapshot.kubernetes[0].pods.removeLast(Self.podCount - 300)
        let encoder = SnapshotSourceRows.Encoder()
        var recorder = SourceRecorder()
        var frames: [SourceKeyFrame] = []
        var changes: [SourceRowChange] = []
        var expected: [(Date, SourceRows)] = []
        for round in 0..<12 {
            let time = Self.t0.addingTimeInterval(Double(round) * 5)
            switch round % 4 {
            case 1: Self.flip(&snapshot, pod: round * 7, at: time)
            case 2: snapshot.kubernetes[0].pods.remove(at: round)  // a pod goes
            case 3:
                var pod = snapshot.kubernetes[0].pods[0]
                pod.name = "new-\(round)"
                snapshot.kubernetes[0].pods.insert(pod, at: 5)  // a pod comes, in the middle
            default: snapshot.kubernetes[0].pods[round].columns.restarts += 1  // changed in place
            }
            let rows = SnapshotSourceRows.rows(of: snapshot, encoder: encoder)
            // What a fresh encoder makes of the same snapshot: the rows the recording must give back.
            expected.append((time, SnapshotSourceRows.rows(of: snapshot, encoder: SnapshotSourceRows.Encoder())))
            #expect(rows.all.map(\.key).sorted() == expected.last!.1.all.map(\.key).sorted())
            if let batch = recorder.take(rows, at: time) {
                changes += batch.changes
                frames += [batch.keyFrame].compactMap { $0 }
            }
        }
        let recording = SourceRecording(keyFrames: frames, changes: changes)
        for (time, rows) in expected {
            let rebuilt = recording.rows(at: time)
            #expect(Dictionary(uniqueKeysWithValues: rebuilt.all.map { ($0.source + " " + $0.key, $0.body) })
                == Dictionary(uniqueKeysWithValues: rows.all.map { ($0.source + " " + $0.key, $0.body) }), "at \(time)")
        }
    }

    @Test func aRoundThatCouldNotBeWrittenMakesTheNextOneAKeyFrame() throws {
        let temp = NSTemporaryDirectory() + "triage-recording-cost-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: temp, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: temp) }
        let store = try IncidentStore(path: temp + "/incidents.sqlite")
        let incident = try store.createIncident(title: "t", severity: "P1", at: Self.t0, actor: "a")
        let gate = Gate()
        let writer = PictureRecordingWriter(store: { gate.open.withLock { $0 } ? store : nil })
        var snapshot = Self.context(at: Self.t0)
        snapshot.kubernetes[0].pods.removeLast(Self.podCount - 10)
        writer.record(snapshot, logLines: [], incidentID: incident.id, at: Self.t0)
        writer.write(incidentID: incident.id, PictureBatch(keyFrame: PictureKeyFrame(time: Self.t0, entities: [])))
        writer.drain()
        #expect(writer.dropped == 2)
        #expect(writer.takePictureKeyFrameRequest())
        #expect(!writer.takePictureKeyFrameRequest(), "asked once")
        gate.open.withLock { $0 = true }
        Self.flip(&snapshot, pod: 3, at: Self.t0.addingTimeInterval(2))
        writer.record(snapshot, logLines: [], incidentID: incident.id, at: Self.t0.addingTimeInterval(2))
        writer.drain()
        let recording = try store.sourceRecording(incidentID: incident.id)
        #expect(recording.keyFrames.map(\.time) == [Self.t0.addingTimeInterval(2)], "the dropped key frame is put back at once")
        #expect(recording.rows(at: Self.t0.addingTimeInterval(2))["kube:big"]?.keys.count == 10 + 4)
    }

    /// Whether the writer's store is open: shut, every write is dropped.
    final class Gate: Sendable {
        let open = Mutex(false)
    }
}
