import Foundation
import TriageCore

/// The entities other than pods that the last picture made, each with the raw inputs it was made
/// from, in the order they were made: a new picture takes an entity as it is when the entity made
/// at the same place had the same inputs.
///
/// Every probe round gives a new snapshot, so every new picture made its ~200 checks', containers'
/// and nodes' entities again, cleaning each name and spelling each key, though few had changed:
/// 0.4–0.9 M instructions of every data frame with 100 containers (docs/PERFORMANCE.md (n)).
/// Comparing the raw inputs is a tenth of that. An entity is a function of its inputs alone, so a
/// kept one is the one that would be made; the places only make the comparison cheap: a container
/// added shifts the places after it, whose entities are then made again, as before.
struct OtherEntitiesMemo {
    /// What an entity other than a pod is made from: the fields of its source's row that it reads,
    /// raw, with what of the round it reads (the staleness, whether names carry their host).
    enum Inputs: Equatable {
        case service(name: String, state: HealthState, kind: ServiceCheckResult.Kind, reason: String?, since: Date?)
        case container(host: String, name: String, containerHost: String, multiHost: Bool, state: HealthState, reason: String?,
                       since: Date?, staleSince: Date?)
        case node(context: String, name: String, suffix: String, state: HealthState, reason: String?, staleSince: Date?)
    }

    private var last: [(inputs: Inputs, entity: OutageEntity)] = []
    private var made: [(inputs: Inputs, entity: OutageEntity)] = []
    /// Entities taken from the last picture, and made, since the memo was made.
    private(set) var kept = 0
    private(set) var built = 0

    /// The entity made from `inputs`: the last picture's at this place when its inputs were these,
    /// else `make()`'s.
    mutating func entity(_ inputs: Inputs, make: () -> OutageEntity) -> OutageEntity {
        let place = made.count
        let entity: OutageEntity
        if place < last.count, last[place].inputs == inputs {
            entity = last[place].entity
            kept += 1
        } else {
            entity = make()
            built += 1
        }
        made.append((inputs, entity))
        return entity
    }

    /// Ends a picture: what it made is what the next one compares with.
    mutating func finish() {
        swap(&last, &made)
        made.removeAll(keepingCapacity: true)
    }
}
