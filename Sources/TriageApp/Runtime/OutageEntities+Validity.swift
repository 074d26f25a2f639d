import Foundation
import TriageCore
import TriageProbes

extension OutageEntities {
    /// The first moment after `now` at which the picture of `snapshot` could differ from its
    /// picture at `now` with nothing delivered: until then, ``PictureCache`` shows the same picture.
    ///
    /// The picture depends on the time only through the windows ``init(_:now:sources:)`` judges by,
    /// and each of them flips at a known moment: a source's rows turn stale ``silentAfter`` after
    /// its round, a pod's restart stops being recent ``PodInfo/recentRestartWindow`` after it, a
    /// context's newest warning stops being recent ``recentEventWindow`` after it was seen. A new
    /// judgement by the time belongs both there and here (`PictureCacheTests` compares the kept
    /// picture with a fresh one at every second across each of these moments).
    public static func nextChange(of snapshot: DashboardSnapshot, after now: Date) -> Date {
        var next = Date.distantFuture
        func consider(_ moment: Date) { if moment > now, moment < next { next = moment } }
        for host in snapshot.docker where host.failure == nil {
            consider(host.roundAt.addingTimeInterval(silentAfter))
        }
        for context in snapshot.kubernetes {
            if context.failure == nil { consider(context.roundAt.addingTimeInterval(silentAfter)) }
            for pod in context.pods where pod.columns.restarts > 0 {
                if let last = pod.columns.lastRestartAt { consider(last.addingTimeInterval(PodInfo.recentRestartWindow)) }
            }
            let newest = context.events.lazy.filter(\.isWarning).compactMap(\.lastSeen).max()
            if let newest { consider(newest.addingTimeInterval(recentEventWindow)) }
        }
        for source in snapshot.alertmanagers where source.failure == nil {
            consider(source.roundAt.addingTimeInterval(silentAfter))
        }
        return next
    }
}
