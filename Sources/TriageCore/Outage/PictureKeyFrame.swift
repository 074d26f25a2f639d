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

    /// About what ``encoded()`` writes for `entities`, without encoding them: their texts and each
    /// entity's keys and punctuation (for spacing key frames, not for storage).
    public static func estimatedBytes(of entities: [RecordedEntity]) -> Int {
        entities.reduce(2) { sum, entity in
            sum + 48 + entity.key.utf8.count + entity.name.utf8.count + (entity.reason?.utf8.count ?? 0) + entity.source.utf8.count
        }
    }

    /// Reads what ``encoded()`` wrote; nil for text that is not such an array.
    public static func decoded(_ text: String, time: Date) -> PictureKeyFrame? {
        guard let entities = try? JSONDecoder().decode([RecordedEntity].self, from: Data(text.utf8)) else { return nil }
        return PictureKeyFrame(time: time, entities: entities)
    }
}
