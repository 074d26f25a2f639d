/// A rectangle of cells; layout splits these, widgets draw inside them.
public struct Rect: Sendable, Hashable, CustomStringConvertible {
    public var x: Int
    public var y: Int
    public var width: Int
    public var height: Int

    public init(x: Int, y: Int, width: Int, height: Int) {
        self.x = x
        self.y = y
        self.width = max(0, width)
        self.height = max(0, height)
    }

    public var maxX: Int { x + width }
    public var maxY: Int { y + height }
    public var isEmpty: Bool { width <= 0 || height <= 0 }
    public var description: String { "\(width)x\(height)@\(x),\(y)" }

    /// The area inside a one-cell border.
    public var inner: Rect { inset(by: 1) }

    public func inset(by amount: Int) -> Rect {
        Rect(x: x + amount, y: y + amount, width: width - 2 * amount, height: height - 2 * amount)
    }

    /// Row `index` of this rect as a one-line rect.
    public func row(_ index: Int) -> Rect { Rect(x: x, y: y + index, width: width, height: index < height ? 1 : 0) }

    /// Splits horizontally (side by side) by weights, giving rounding leftovers to the last parts.
    public func splitColumns(_ weights: [Int]) -> [Rect] {
        split(total: width, weights: weights).map { Rect(x: x + $0.offset, y: y, width: $0.size, height: height) }
    }

    /// Splits vertically (stacked) by weights.
    public func splitRows(_ weights: [Int]) -> [Rect] {
        split(total: height, weights: weights).map { Rect(x: x, y: y + $0.offset, width: width, height: $0.size) }
    }

    /// Takes `count` rows off the top; returns (top, rest).
    public func takeTop(_ count: Int) -> (Rect, Rect) {
        let c = min(max(0, count), height)
        return (Rect(x: x, y: y, width: width, height: c), Rect(x: x, y: y + c, width: width, height: height - c))
    }

    /// Takes `count` rows off the bottom; returns (rest, bottom).
    public func takeBottom(_ count: Int) -> (Rect, Rect) {
        let c = min(max(0, count), height)
        return (Rect(x: x, y: y, width: width, height: height - c), Rect(x: x, y: maxY - c, width: width, height: c))
    }

    /// A rect of the given size centred in this one (clamped to fit).
    public func centered(width w: Int, height h: Int) -> Rect {
        let cw = min(w, width), ch = min(h, height)
        return Rect(x: x + (width - cw) / 2, y: y + (height - ch) / 2, width: cw, height: ch)
    }

    private func split(total: Int, weights: [Int]) -> [(offset: Int, size: Int)] {
        let sum = max(1, weights.reduce(0, +))
        var result: [(Int, Int)] = []
        var offset = 0
        for (i, weight) in weights.enumerated() {
            let size = i == weights.count - 1 ? total - offset : total * weight / sum
            result.append((offset, max(0, size)))
            offset += size
        }
        return result
    }
}
