import Foundation

/// One entity of the outage picture as a recording keeps it: what it is, how it was judged and why.
///
/// The fields the replay and the post-mortem need from an ``OutageEntity`` and no more, with short
/// coding keys, because a key frame stores the whole picture once a minute as compact JSON.
public struct RecordedEntity: Sendable, Equatable, Codable {
    public var key: String
    public var kind: OutageEntity.Kind
    public var name: String
    public var state: HealthState
    public var reason: String?
    /// Which probe saw it ("services", "docker:local", "kube:lab", "host").
    public var source: String
    /// When it entered its state, when the source says so (whole seconds).
    public var since: Date?

    public init(key: String, kind: OutageEntity.Kind, name: String, state: HealthState, reason: String? = nil,
                source: String = "", since: Date? = nil) {
        self.key = key
        self.kind = kind
        self.name = name
        self.state = state
        self.reason = reason
        self.source = source
        self.since = since.map { Date(timeIntervalSince1970: $0.timeIntervalSince1970.rounded(.down)) }
    }

    public init(_ entity: OutageEntity) {
        self.init(key: entity.key, kind: entity.kind, name: entity.name, state: entity.state, reason: entity.reason,
                  source: entity.source, since: entity.since)
    }

    /// Back into the picture's entity, for the views that draw a picture.
    public var entity: OutageEntity {
        OutageEntity(state: state, kind: kind, name: name, reason: reason, since: since, source: source, key: key)
    }

    /// The same entity with every outside text passed through the redactor, as every store write is.
    public var redacted: RecordedEntity {
        var copy = self
        copy.key = SecretRedactor.redact(key)
        copy.name = SecretRedactor.redact(name)
        copy.reason = reason.map(SecretRedactor.redact)
        return copy
    }

    enum CodingKeys: String, CodingKey {
        case key = "k", kind = "t", name = "n", state = "s", reason = "r", source = "o", since = "a"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        key = try c.decode(String.self, forKey: .key)
        kind = OutageEntity.Kind(rawValue: try c.decode(String.self, forKey: .kind)) ?? .source
        name = try c.decode(String.self, forKey: .name)
        state = try c.decode(HealthState.self, forKey: .state)
        reason = try c.decodeIfPresent(String.self, forKey: .reason)
        source = try c.decodeIfPresent(String.self, forKey: .source) ?? ""
        since = try c.decodeIfPresent(Int64.self, forKey: .since).map { Date(timeIntervalSince1970: TimeInterval($0)) }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(key, forKey: .key)
        try c.encode(kind.rawValue, forKey: .kind)
        try c.encode(name, forKey: .name)
        try c.encode(state, forKey: .state)
        try c.encodeIfPresent(reason, forKey: .reason)
        if !source.isEmpty { try c.encode(source, forKey: .source) }
        try c.encodeIfPresent(since.map { Int64($0.timeIntervalSince1970) }, forKey: .since)
    }
}
