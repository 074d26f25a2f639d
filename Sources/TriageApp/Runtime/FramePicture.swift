import Foundation

/// The picture the last frame's panes were ordered by, kept for the keys that act on the selected
/// row (Enter, d, l, p, n, x, the actions): they look the row up in it instead of building the
/// whole ``OutageEntities`` picture again for each key.
///
/// Only while it is of the newest snapshot: once the loop has read a newer one (drawn with the
/// next second), ``current`` is nil and the lookup builds a picture of that snapshot, as before.
struct FramePicture {
    /// The version of the snapshot the terminal loop last read (``TerminalApp/latestSnapshot``'s).
    var latestVersion: UInt64?
    private var shownVersion: UInt64?
    private var picture: OutageEntities?

    /// A frame was built from the latest snapshot with this picture.
    mutating func shown(_ picture: OutageEntities?) {
        self.picture = picture
        shownVersion = latestVersion
    }

    /// Lets go of the last frame's picture while the next frame is built: the picture cache patches
    /// the last picture's list in place only while nothing else holds it (``PictureCache``).
    mutating func letGo() { picture = nil }

    /// The frame's picture while it is of the latest snapshot; nil otherwise (or before a frame).
    var current: OutageEntities? {
        shownVersion == latestVersion ? picture : nil
    }
}
