/// When an execution writes a full snapshot besides its journal records, and how much history it keeps.
///
/// A snapshot is written at the first await, when the execution waits for a message, and then
/// once `everyRecords` records have been appended since the last one — unless the snapshot is
/// large compared with those records (a big namespace), in which case it waits until the
/// records since the last snapshot weigh as much as it does, or `256 * everyRecords` records
/// pass. So snapshots add at most about as many bytes per await as the records themselves,
/// however large the namespace grows, and a resume replays at most `256 * everyRecords` records
/// (16,384 by default; replaying a record costs about 1.5 us plus the code run between awaits).
public struct SnapshotPolicy: Sendable, Equatable {
    public var everyRecords: Int
    /// `0` keeps all history; `n` prunes records and snapshots that are not needed to restore any
    /// of the last `n` checkpoints.
    public var keepLast: Int

    /// How many bytes of records must follow a snapshot, as a fraction of its size, before the
    /// next one (1: as many as the snapshot; 0: ignore sizes and snapshot every `everyRecords`).
    public var journalFraction: Double

    public init(everyRecords: Int = 64, keepLast: Int = 0, journalFraction: Double = 1) {
        self.everyRecords = max(1, everyRecords)
        self.keepLast = max(0, keepLast)
        self.journalFraction = max(0, journalFraction)
    }

    func isDue(recordsSince: Int, bytesSince: Int, lastSnapshotBytes: Int) -> Bool {
        guard recordsSince >= everyRecords else { return false }
        return Double(bytesSince) >= Double(lastSnapshotBytes) * journalFraction || recordsSince >= everyRecords * 256
    }
}
