import Foundation
import TriageCore
import TriageProbes

/// What a kept picture (``PictureCache``) was made from: the entities other than pods, the pods'
/// part of it by the ``PodEntityIndex``'s changes, and the contexts' and docker hosts' arrays by
/// identity, which the panes' kept rows were worked out from.
///
/// Most rounds of a big cluster change nothing a pane shows: the kube probe hands the same arrays
/// over while no pod changed, and the other ~200 entities judge the same. Such a round's picture is
/// the last one, and so are the rows worked out over it: a data frame then costs what a clock frame
/// costs, not a merge, ranks and rows over 5,000 pods (docs/PERFORMANCE.md (a)).
struct PictureInputs {
    /// The entities other than pods, in the outage order.
    let others: [OutageEntity]
    /// ``PodEntityIndex/changes`` after the update that gave the pods' entities.
    let podChanges: Int
    let everySourceAnswered: Bool
    let contexts: [KubeSnapshot]
    let hosts: [DockerSnapshot]

    /// Both give the same picture: the same other entities, the same pods' entities in the same order.
    func samePicture(as other: PictureInputs) -> Bool {
        podChanges == other.podChanges && everySourceAnswered == other.everySourceAnswered && others == other.others
    }

    /// The Pods pane's rows worked out from one are those of the other (with the same picture):
    /// the same contexts with the very same pods and nodes.
    func samePods(as other: PictureInputs) -> Bool {
        contexts.count == other.contexts.count && zip(contexts, other.contexts).allSatisfy { a, b in
            a.context == b.context && a.pods.sharesStorage(with: b.pods) && a.nodes.sharesStorage(with: b.nodes)
        }
    }

    /// The Pods pane's warning events worked out from one are those of the other: the same contexts
    /// with the very same events.
    func sameEvents(as other: PictureInputs) -> Bool {
        contexts.count == other.contexts.count && zip(contexts, other.contexts).allSatisfy { a, b in
            a.context == b.context && a.events.sharesStorage(with: b.events)
        }
    }

    /// The Containers pane's rows worked out from one are those of the other (with the same
    /// picture): the same hosts with the very same containers.
    func sameContainers(as other: PictureInputs) -> Bool {
        hosts.count == other.hosts.count && zip(hosts, other.hosts).allSatisfy { a, b in
            a.host == b.host && a.containers.sharesStorage(with: b.containers)
        }
    }
}
