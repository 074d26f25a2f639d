/// Lets batches that start together run in one curl process, each answered as soon as its own
/// transfers are done.
///
/// Checks are grouped by interval and timeout (`IntervalGroups`), one `ProbeLoop` each, and a
/// group's round used to be its own curl. A curl start costs ~9–11 ms of CPU here, most of it
/// loading curl's 33 libraries (docs/PERFORMANCE.md), so the lab's two groups, a 2 s and a 5 s
/// timeout on the same 2 s refresh, cost 45 starts a minute. Their loops tick on the same instants,
/// so a batch that asks within `window` of another joins it. Each result comes back on stderr the
/// moment its transfer ends (`CurlWriteOut`), so the 2 s group is answered in milliseconds while the
/// slow check's transfer goes on, and is never held back by it.
///
/// What is not merged: batches whose body caps differ (one process has one RLIMIT_FSIZE), and a
/// merge past `parallelMax` transfers, which would queue one group's transfers behind another's.
public actor CurlBatchSharing {
    /// How long a batch waits for others to join before its curl starts.
    public nonisolated let window: Duration

    private struct Key: Hashable {
        var curl: String
        var parallelMax: Int
        var fileSizeLimit: Int?
    }

    /// One caller's requests inside a merged batch: indexes `offset ..< offset + count`.
    private struct Member {
        var id: Int
        var offset: Int
        var count: Int
        var received: [Int: CurlTransfer] = [:]
        var continuation: CheckedContinuation<CurlBatch.Result, Never>?
    }

    private struct Batch {
        var batch: CurlBatch
        var fileSizeLimit: Int?
        var requests: [CurlRequest] = []
        var slack: Duration = .zero
        var members: [Member] = []
        var process: Task<Void, Never>?
    }

    private var nextID = 0
    /// Batches still gathering, by what must match to merge.
    private var gathering: [Key: Int] = [:]
    private var batches: [Int: Batch] = [:]
    /// How many curl processes this sharing started (for tests and the lab's count).
    public private(set) var processesStarted = 0

    public init(window: Duration = .milliseconds(25)) {
        self.window = window
    }

    func run(_ requests: [CurlRequest], slack: Duration, fileSizeLimit: Int?, batch: CurlBatch) async -> CurlBatch.Result {
        guard !requests.isEmpty, requests.count < batch.parallelMax else {
            return await batch.runAlone(requests, slack: slack, fileSizeLimit: fileSizeLimit, onTransfer: nil)
        }
        let memberID = nextID
        nextID += 1
        let key = Key(curl: batch.curl, parallelMax: batch.parallelMax, fileSizeLimit: fileSizeLimit)
        return await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                join(key, requests, slack: slack, batch: batch, memberID: memberID, continuation: continuation)
            }
        } onCancel: {
            Task { await self.cancel(memberID) }
        }
    }

    private func join(
        _ key: Key, _ requests: [CurlRequest], slack: Duration, batch: CurlBatch, memberID: Int,
        continuation: CheckedContinuation<CurlBatch.Result, Never>
    ) {
        if let id = gathering[key], let open = batches[id], open.requests.count + requests.count > batch.parallelMax {
            launch(id)
        }
        let id: Int
        if let open = gathering[key] {
            id = open
        } else {
            id = nextID
            nextID += 1
            gathering[key] = id
            let fileSizeLimit = key.fileSizeLimit
            batches[id] = Batch(batch: batch, fileSizeLimit: fileSizeLimit)
            let window = self.window
            Task {
                try? await Task.sleep(for: window)
                await self.launch(id)
            }
        }
        var open = batches[id] ?? Batch(batch: batch, fileSizeLimit: key.fileSizeLimit)
        open.members.append(Member(id: memberID, offset: open.requests.count, count: requests.count, continuation: continuation))
        open.requests += requests
        open.slack = max(open.slack, slack)
        batches[id] = open
    }

    private func launch(_ id: Int) {
        guard let batch = batches[id], batch.process == nil else { return }
        if let key = gathering.first(where: { $0.value == id })?.key { gathering[key] = nil }
        guard batch.members.contains(where: { $0.continuation != nil }) else {
            batches[id] = nil  // everyone who asked was cancelled while it gathered
            return
        }
        processesStarted += 1
        batches[id]?.process = Task {
            let result = await batch.batch.runAlone(batch.requests, slack: batch.slack, fileSizeLimit: batch.fileSizeLimit) { index, transfer in
                await self.deliver(id, index, transfer)
            }
            await self.finish(id, result)
        }
    }

    private func deliver(_ id: Int, _ index: Int, _ transfer: CurlTransfer) {
        guard let members = batches[id]?.members,
            let position = members.firstIndex(where: { $0.offset <= index && index < $0.offset + $0.count })
        else { return }
        var member = members[position]
        guard member.continuation != nil else { return }
        var own = transfer
        own.urlNumber = index - member.offset
        member.received[index - member.offset] = own
        if member.received.count == member.count {
            // Every transfer of this member is in; its files are closed (curl writes the record after).
            let outcome = ProcessOutcome(executable: batches[id]?.batch.curl ?? "curl", exitStatus: .exited(0), deadline: .zero)
            member.continuation?.resume(returning: CurlBatch.Result(transfers: member.received, process: outcome))
            member.continuation = nil
        }
        batches[id]?.members[position] = member
    }

    private func finish(_ id: Int, _ result: CurlBatch.Result) {
        guard let batch = batches.removeValue(forKey: id) else { return }
        for member in batch.members {
            guard let continuation = member.continuation else { continue }
            var transfers = member.received
            for (index, transfer) in result.transfers where member.offset <= index && index < member.offset + member.count {
                var own = transfer
                own.urlNumber = index - member.offset
                transfers[index - member.offset] = transfers[index - member.offset] ?? own
            }
            continuation.resume(returning: CurlBatch.Result(transfers: transfers, process: result.process))
        }
    }

    /// A caller gave up (its round was cancelled): it is answered now with what it has; the
    /// process goes on for the others, and is ended when no one is left waiting on it.
    private func cancel(_ memberID: Int) {
        for (id, batch) in batches {
            guard let position = batch.members.firstIndex(where: { $0.id == memberID }),
                let continuation = batch.members[position].continuation
            else { continue }
            let outcome = ProcessOutcome(executable: batch.batch.curl, exitStatus: .cancelled, deadline: .zero)
            continuation.resume(returning: CurlBatch.Result(transfers: batch.members[position].received, process: outcome))
            batches[id]?.members[position].continuation = nil
            if batches[id]?.members.allSatisfy({ $0.continuation == nil }) == true { batches[id]?.process?.cancel() }
            return
        }
    }
}
