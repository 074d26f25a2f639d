extension UIState {
    /// A key while the focused pane has a `/` filter; nil when the key is not the filter's.
    ///
    /// Typing edits the text (the rows narrow at once, the cursor goes back to the first row);
    /// arrows and paging still move the cursor; Enter keeps the filter and gives the keys back;
    /// Esc clears it, also after Enter.
    mutating func handleFilter(_ key: Key, keymap: Keymap, rowCounts: [PaneID: Int], pageSize: Int) -> [Effect]? {
        guard var filter = filters[focus] else { return nil }
        if key == .escape {
            filters[focus] = nil
            selection[focus] = 0
            return []
        }
        guard filter.editing else { return nil }
        switch key {
        case .enter:
            filter.editing = false
            filters[focus] = filter.text.isEmpty ? nil : filter
        case .backspace:
            filter.text = String(filter.text.dropLast())
            filters[focus] = filter
            selection[focus] = 0
        case .char(let c):
            filter.text.append(c)
            filters[focus] = filter
            selection[focus] = 0
        case .resize:
            return nil
        default:
            guard let binding = keymap.action(for: key, focus: focus) else { return [] }
            switch binding.action {
            case .moveSelection, .pageSelection, .selectFirst, .selectLast:
                return apply(binding.action, keymap: keymap, rowCounts: rowCounts, pageSize: pageSize)
            default:
                return []
            }
        }
        return []
    }

    /// Pasted text into the filter being typed; false when no filter is being typed.
    mutating func pasteIntoFilter(_ text: String) -> Bool {
        guard var filter = filters[focus], filter.editing else { return false }
        filter.text += text
        filters[focus] = filter
        selection[focus] = 0
        return true
    }
}
