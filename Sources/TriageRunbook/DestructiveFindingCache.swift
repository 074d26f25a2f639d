import TriageCore

/// The destructive check's verdict for each distinct command text within one parse.
///
/// Runbooks repeat commands (`kubectl get pods -n $NS` under many sections), and judging one parses
/// it as a shell script and walks every wrapper, so each distinct text is judged once and its
/// verdict reused. The verdict is a pure function of the text, so reusing it changes no output.
struct DestructiveFindingCache {
    private var verdicts: [String: DestructiveFinding?] = [:]
    /// How many texts were judged (cache misses): the count a test holds to the distinct texts.
    private(set) var classified = 0

    /// `RunbookCommand.destructiveFinding(code)`, judged at most once per distinct `code`.
    mutating func finding(for code: String) -> DestructiveFinding? {
        if let known = verdicts[code] { return known }
        classified += 1
        let verdict = RunbookCommand.destructiveFinding(code)
        verdicts[code] = verdict
        return verdict
    }
}
