/// Runs `count` pieces of async work with at most `maxConcurrent` in flight: each one that
/// finishes starts the next, so a few slow ones do not hold up the rest and a large
/// configuration never becomes a fork storm.
enum WindowedTasks {
    /// Results in index order; nil for work not started because the task was cancelled.
    static func map<T: Sendable>(count: Int, maxConcurrent: Int, _ body: @escaping @Sendable (Int) async -> T) async -> [T?] {
        await withTaskGroup(of: (Int, T).self) { group in
            var next = 0
            while next < min(max(1, maxConcurrent), count) {
                let index = next
                group.addTask { (index, await body(index)) }
                next += 1
            }
            var collected = [T?](repeating: nil, count: count)
            for await (index, result) in group {
                collected[index] = result
                if next < count, !Task.isCancelled {
                    let index = next
                    group.addTask { (index, await body(index)) }
                    next += 1
                }
            }
            return collected
        }
    }
}
