/// What the responder typed for a status update's placeholders (`e` on the preview), kept until
/// that update is sent: `[Actions]` → "restarted the payments pool".
struct StatusUpdateFills {
    /// The update the answers belong to; answers for another number are forgotten.
    private(set) var number: Int?
    /// Answers by bracketed placeholder.
    var answers: [String: String] = [:]
    /// Placeholders still to ask for, in message order, while filling.
    var queue: [String] = []
    /// How many placeholders this round of filling asks for, for "2 of 3".
    var roundSize = 0

    init(number: Int? = nil) { self.number = number }

    /// Keeps the answers only when they were given for update `number`.
    mutating func keep(for number: Int) {
        if self.number != number { self = StatusUpdateFills(number: number) }
    }

    /// Starts asking for `placeholders`, one prompt each.
    mutating func ask(_ placeholders: [String]) {
        queue = placeholders
        roundSize = placeholders.count
    }
}
