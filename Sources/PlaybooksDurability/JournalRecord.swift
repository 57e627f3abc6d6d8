/// One entry of an execution's append-only journal.
///
/// Stores treat the payload as opaque bytes; they add a checksum and a format version of their
/// own when they write it and verify both when they read it back.
public struct JournalRecord: Sendable, Equatable {
    /// Position in the journal: the first record is 1, and each append continues without gaps.
    public var sequence: Int
    /// What the record is, for the layer above (for example "await finished" or "call started").
    public var kind: UInt8
    public var payload: [UInt8]

    public init(sequence: Int, kind: UInt8, payload: [UInt8]) {
        self.sequence = sequence
        self.kind = kind
        self.payload = payload
    }
}

/// A full picture of an execution's state, taken now and then so that a resume reads the latest
/// snapshot plus a short tail of the journal.
public struct SnapshotRecord: Sendable, Equatable {
    /// The journal position the snapshot reflects: every record up to and including this one is in it.
    /// `0` means "before the first record".
    public var sequence: Int
    public var bytes: [UInt8]

    public init(sequence: Int, bytes: [UInt8]) {
        self.sequence = sequence
        self.bytes = bytes
    }
}

/// The readable part of a journal, and what was wrong with its end if anything.
public struct JournalRead: Sendable, Equatable {
    /// Intact records in order, starting at the requested sequence.
    public var records: [JournalRecord]
    /// Set when the journal ends in a record that was only partly written or fails its checksum
    /// (a crash in the middle of an append). Nothing intact follows it. The next append discards it.
    public var damagedTail: DamagedTail?

    public init(records: [JournalRecord], damagedTail: DamagedTail? = nil) {
        self.records = records
        self.damagedTail = damagedTail
    }
}

/// A damaged end of a journal.
public struct DamagedTail: Sendable, Equatable, CustomStringConvertible {
    /// The sequence of the last intact record before the damage (0 when none is intact).
    public var lastIntactSequence: Int
    /// What was found, for the message shown to people (for example "17 bytes of a partial record").
    public var detail: String

    public init(lastIntactSequence: Int, detail: String) {
        self.lastIntactSequence = lastIntactSequence
        self.detail = detail
    }

    public var description: String { "damaged journal tail after record \(lastIntactSequence): \(detail)" }
}
