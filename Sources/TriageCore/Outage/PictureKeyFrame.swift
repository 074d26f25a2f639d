import Foundation

/// The whole recorded picture at one moment: where a replay or a seek starts from, so no replay has
/// to read every transition since the incident began.
public struct PictureKeyFrame: Sendable, Equatable {
    public var time: Date
    public var entities: [RecordedEntity]

    public init(time: Date, entities: [RecordedEntity]) {
        self.time = time
        self.entities = entities
    }

    /// Compact JSON: one array of entities with one-letter keys, no spaces.
    public func encoded() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(entities) else { return "[]" }
        return String(decoding: data, as: UTF8.self)
    }

    /// Reads what ``encoded()`` wrote; nil for text that is not such an array.
    public static func decoded(_ text: String, time: Date) -> PictureKeyFrame? {
        guard let entities = try? JSONDecoder().decode([RecordedEntity].self, from: Data(text.utf8)) else { return nil }
        return PictureKeyFrame(time: time, entities: entities)
    }
}
