extension Array {
    /// Takes the element at `from` out and puts `element` in at `to` (a place in the array without
    /// it): what `remove(at: from)` then `insert(element, at: to)` give, moving only the elements
    /// between the two places once, where those move every element after each place. A pod whose
    /// state changed moves between two places of ~5,000 (docs/PERFORMANCE.md (a) round seven).
    mutating func replaceMoving(from: Int, to: Int, with element: Element) {
        precondition(indices.contains(from) && indices.contains(to))
        withUnsafeMutableBufferPointer { buffer in
            let base = buffer.baseAddress!
            _ = (base + from).move()
            // The two ranges overlap by all but one element: moveInitialize copies as memmove does.
            if to > from {
                (base + from).moveInitialize(from: base + from + 1, count: to - from)
            } else if to < from {
                (base + to + 1).moveInitialize(from: base + to, count: from - to)
            }
            (base + to).initialize(to: element)
        }
    }
}
