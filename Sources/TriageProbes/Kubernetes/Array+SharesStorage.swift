extension Array {
    /// True when both arrays are the same storage, so they hold the same elements without comparing
    /// one: an array kept from an earlier round and handed on unchanged (a kube probe's pods while
    /// none changed). Sound while `self` is alive: storage another array still holds is never reused,
    /// and changing either array copies it first. Two empty arrays share storage.
    public func sharesStorage(with other: [Element]) -> Bool {
        guard count == other.count else { return false }
        return withUnsafeBufferPointer { mine in other.withUnsafeBufferPointer { mine.baseAddress == $0.baseAddress } }
    }
}
