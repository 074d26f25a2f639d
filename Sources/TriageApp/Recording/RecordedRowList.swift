import TriageProbes

/// One list of a source's rows as the recording last saw it (a context's pods, a docker host's
/// containers): the next round's list is compared by its storage first, then item by item, so only
/// the items that changed are turned into recorded rows, and a context of thousands of pods that
/// did not change costs one comparison (the probe hands the same array over) or one `==` per pod
/// (a new array with the same pods).
struct RecordedRowList<Item: Equatable> {
    /// The list last seen. Kept, not only its address: while it is held no other list can be
    /// allocated at that address (which would match falsely), and a list changed in place by its
    /// owner is copied first, so it gets an address of its own.
    private var items: [Item] = []
    /// `keys[i]` is the recorded key of `items[i]`.
    private var keys: [String] = []

    /// Brings the rows up to `new`: `put` for each item that is not the one seen at its position
    /// last time (with its key), `remove` for each key no longer in the list.
    mutating func update(_ new: [Item], key: (Item) -> String, put: (Item, String) -> Void, remove: (String) -> Void) {
        if new.sharesStorage(with: items) { return }
        var newKeys: [String] = []
        newKeys.reserveCapacity(new.count)
        var moved = new.count != items.count
        for (index, item) in new.enumerated() {
            if index < items.count, items[index] == item {
                newKeys.append(keys[index])
                continue
            }
            let itemKey = key(item)
            if index >= keys.count || keys[index] != itemKey { moved = true }
            put(item, itemKey)
            newKeys.append(itemKey)
        }
        if moved {
            let present = Set(newKeys)
            for old in keys where !present.contains(old) { remove(old) }
        }
        items = new
        keys = newKeys
    }

    /// Every key the list holds now.
    var allKeys: [String] { keys }
}
