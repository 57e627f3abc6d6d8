/// When an execution writes a full snapshot besides its journal records, and how much history it keeps.
///
/// A snapshot is written at the first await, when the execution waits for a message, and then
/// once `everyRecords` records have been appended since the last one — unless the snapshot is
/// large compared with those records (a big namespace), in which case it waits until the
/// records since the last snapshot weigh an eighth of it, or `16 * everyRecords` records pass.
/// So the bytes written per await stay close to the size of the record itself however large the
/// namespace grows, and a resume replays at most `16 * everyRecords` records.
public struct SnapshotPolicy: Sendable, Equatable {
    public var everyRecords: Int
    /// `0` keeps all history; `n` prunes records and snapshots that are not needed to restore any
    /// of the last `n` checkpoints.
    public var keepLast: Int

    public init(everyRecords: Int = 64, keepLast: Int = 0) {
        self.everyRecords = max(1, everyRecords)
        self.keepLast = max(0, keepLast)
    }

    func isDue(recordsSince: Int, bytesSince: Int, lastSnapshotBytes: Int) -> Bool {
        guard recordsSince >= everyRecords else { return false }
        return bytesSince * 8 >= lastSnapshotBytes || recordsSince >= everyRecords * 16
    }
}
