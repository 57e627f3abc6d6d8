import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// One execution's journal file in a ``FileCheckpointStore``: a ``JournalFileHeader`` then
/// ``JournalFrame``s, appended with one `write` per append.
///
/// The end of the intact part and the last sequence are cached, so an append costs a `stat`, an
/// `fstat`, one `write` (and an `fdatasync` at ``DurabilityLevel/machine``), with no re-scan.
/// The cache is keyed by the file's identity, size and modification time: when another process
/// appended or pruned meanwhile (holding the execution's lock, as it must), they differ and the
/// file is scanned again.
final class FileJournal: @unchecked Sendable {
    let id: ExecutionID
    let path: String
    private let lock = NSLock()
    private var fd: Int32 = -1
    private var cache: Cache?
    /// Set once an fsync of the journal failed: what every later append and prune throws.
    private var syncFailure: StoreError?

    /// What is known about the open file while its stat still matches.
    private struct Cache {
        var device: UInt64
        var inode: UInt64
        var size: Int
        var modified: timespec
        var baseSequence: Int
        var validEnd: Int
        var lastSequence: Int
        var hasDamagedTail: Bool
    }

    init(id: ExecutionID, path: String) {
        self.id = id
        self.path = path
    }

    deinit { if fd >= 0 { close(fd) } }

    private func withLock<R>(_ body: () throws(StoreError) -> R) throws(StoreError) -> R {
        lock.lock()
        defer { lock.unlock() }
        return try body()
    }

    // MARK: Opening and scanning

    /// Makes `fd` refer to the file now at `path` (reopening after a prune replaced it). Returns
    /// `false` when there is no journal file.
    private func openCurrentFile() throws(StoreError) -> Bool {
        var st = stat()
        if stat(path, &st) != 0 {
            guard errno == ENOENT else { throw POSIXFile.failure("cannot stat", path) }
            closeFile()
            return false
        }
        if fd >= 0, let cache, cache.device == UInt64(st.st_dev), cache.inode == UInt64(st.st_ino) { return true }
        closeFile()
        let opened = POSIXFile.open(path, O_RDWR | O_APPEND)
        guard opened >= 0 else {
            if errno == ENOENT { return false }
            throw POSIXFile.failure("cannot open journal", path)
        }
        fd = opened
        return true
    }

    private func closeFile() {
        if fd >= 0 { close(fd) }
        fd = -1
        cache = nil
    }

    private func currentStat() throws(StoreError) -> stat {
        var st = stat()
        guard fstat(fd, &st) == 0 else { throw POSIXFile.failure("cannot stat", path) }
        return st
    }

    private static func sameTime(_ a: timespec, _ b: timespec) -> Bool { a.tv_sec == b.tv_sec && a.tv_nsec == b.tv_nsec }

    /// The cache for the open file, scanning it when it changed since the cache was taken.
    private func validCache() throws(StoreError) -> Cache {
        let st = try currentStat()
        if let cache, cache.size == Int(st.st_size), FileJournal.sameTime(cache.modified, st.st_mtim) { return cache }
        return try scanOpenFile(collectingFrom: nil).1
    }

    /// Reads and scans the open file, refreshing the cache.
    private func scanOpenFile(collectingFrom: Int?) throws(StoreError) -> (JournalScan, Cache) {
        let st = try currentStat()
        let bytes = try POSIXFile.readAll(fd, path: path)
        let scan = try JournalScan.scan(bytes, id: id, file: path, collectingFrom: collectingFrom)
        let fresh = Cache(
            device: UInt64(st.st_dev), inode: UInt64(st.st_ino), size: bytes.count, modified: st.st_mtim,
            baseSequence: scan.baseSequence, validEnd: scan.validEnd, lastSequence: scan.lastSequence,
            hasDamagedTail: scan.damagedTail != nil)
        // Only trust the cache when nothing changed while reading.
        let after = try currentStat()
        cache = Int(after.st_size) == bytes.count && FileJournal.sameTime(after.st_mtim, st.st_mtim) ? fresh : nil
        return (scan, fresh)
    }

    /// Writes an empty journal (header only) atomically, unless one exists.
    func create(durability: DurabilityLevel) throws(StoreError) {
        try withLock { () throws(StoreError) in
            let header = JournalFileHeader(baseSequence: 0).encoded()
            try POSIXFile.atomicWrite(header, to: path, sync: durability == .machine, exclusive: true)
        }
    }

    // MARK: Operations

    /// Appends `records` (already known to be non-empty) in one write. See ``CheckpointStore/append(_:to:)``.
    func append(
        _ records: [JournalRecord], durability: DurabilityLevel, failpoints: Failpoints, crash: @Sendable () -> Void
    ) throws(StoreError) {
        try withLock { () throws(StoreError) in
            if let syncFailure { throw syncFailure }
            if try !openCurrentFile() {
                try POSIXFile.atomicWrite(
                    JournalFileHeader(baseSequence: 0).encoded(), to: path, sync: durability == .machine, exclusive: true)
                guard try openCurrentFile() else { throw .unavailable("journal \(path) vanished while being created") }
            }
            var state = try validCache()
            for (i, record) in records.enumerated() where record.sequence != state.lastSequence + 1 + i {
                throw .sequenceConflict(id, expected: state.lastSequence + 1 + i, got: record.sequence)
            }
            if state.validEnd == 0 {
                // An empty file (created outside this store): give it a header first.
                try POSIXFile.writeAll(fd, JournalFileHeader(baseSequence: 0).encoded(), path: path)
                state.validEnd = JournalFileHeader.size
            } else if state.hasDamagedTail || state.size != state.validEnd {
                guard ftruncate(fd, off_t(state.validEnd)) == 0 else { throw POSIXFile.failure("cannot truncate", path) }
            }
            cache = nil  // until the write is known to be complete

            var bytes: [UInt8] = []
            bytes.reserveCapacity(records.reduce(0) { $0 + JournalFrame.encodedSize($1) })
            for record in records {
                guard record.payload.count <= JournalFrame.maxPayload else {
                    throw .unavailable("\(path): record \(record.sequence) is \(record.payload.count) bytes, over the 1 GiB limit")
                }
                if failpoints.isSet(.tornWrite, at: record.sequence) {
                    var frame: [UInt8] = []
                    JournalFrame.encode(record, into: &frame)
                    bytes.append(contentsOf: frame.prefix(frame.count / 2))
                    try POSIXFile.writeAll(fd, bytes, path: path)
                    try POSIXFile.sync(fd, path: path)
                    crash()
                    throw .unavailable("crashed by failpoint torn-write:\(record.sequence)")
                }
                JournalFrame.encode(record, into: &bytes)
            }
            do throws(StoreError) { try POSIXFile.writeAll(fd, bytes, path: path) } catch {
                throw undoAppend(records, failure: error, keeping: state, sync: durability == .machine, syncFailed: false)
            }
            if durability == .machine {
                do throws(StoreError) { try POSIXFile.syncData(fd, path: path) } catch {
                    throw undoAppend(records, failure: error, keeping: state, sync: true, syncFailed: true)
                }
            }
            let st = try currentStat()
            let end = state.validEnd + bytes.count
            if Int(st.st_size) == end {
                state.size = end
                state.validEnd = end
                state.modified = st.st_mtim
                state.lastSequence = records[records.count - 1].sequence
                state.hasDamagedTail = false
                cache = state
            }
        }
    }

    /// Takes back an append whose `write` or `fdatasync` failed: cuts the file back to where the
    /// intact journal ended before it (`state.validEnd`), fsyncing the cut when `sync`, so the
    /// append is all or nothing and no partial frame is left behind. Returns the error to throw,
    /// naming the execution, the records and the fault.
    ///
    /// After a failed fsync the kernel may have dropped the unwritten pages while reads still show
    /// them, and a later fsync of the same file may succeed without writing them (PostgreSQL's
    /// "fsyncgate"). So the journal is then closed for appends in this process (``syncFailure``):
    /// the execution continues only by a resume that reads the journal afresh.
    private func undoAppend(
        _ records: [JournalRecord], failure: StoreError, keeping state: Cache, sync: Bool, syncFailed: Bool
    ) -> StoreError {
        let what = "\(failure)".replacingOccurrences(of: "store unavailable: ", with: "")
        let first = records[0].sequence
        let range = records.count == 1 ? "record \(first)" : "records \(first)-\(records[records.count - 1].sequence)"
        let cutBack = ftruncate(fd, off_t(state.validEnd)) == 0
        let cutSynced = cutBack && (!sync || fsync(fd) == 0)
        closeFile()
        var detail = "execution \(id): \(what); \(range) not written"
        if !cutBack {
            detail +=
                " (cutting the journal back to record \(state.lastSequence) failed too: a partial record may remain, read as a torn tail)"
        } else if !cutSynced {
            detail += ", the journal is cut back to record \(state.lastSequence) (the cut is not known to be on disk)"
        } else {
            detail += ", the journal is cut back to record \(state.lastSequence)"
        }
        if syncFailed {
            syncFailure = .unavailable(
                "execution \(id): an fsync of journal \(path) failed earlier (\(what)): data written before it may not be on disk, "
                    + "so this store appends nothing more to the execution; resume it with a newly opened store")
            detail += "; no more appends to this journal from this store (after a failed fsync, resume with a newly opened store)"
        }
        return .unavailable(detail)
    }

    /// The intact records from `sequence` on and the damaged tail, if any.
    func read(from sequence: Int) throws(StoreError) -> JournalRead {
        try withLock { () throws(StoreError) in
            guard try openCurrentFile() else { return JournalRead(records: []) }
            let scan = try scanOpenFile(collectingFrom: sequence).0
            return JournalRead(records: scan.records, damagedTail: scan.damagedTail)
        }
    }

    /// The last intact sequence.
    func lastSequence() throws(StoreError) -> Int {
        try withLock { () throws(StoreError) in
            guard try openCurrentFile() else { return 0 }
            return try validCache().lastSequence
        }
    }

    /// Rewrites the journal without the records before `sequence` (and without a damaged tail):
    /// a new file is written and fsynced, then renamed over the old one, at every durability level
    /// (a torn prune would lose the whole journal, not just its last record).
    func prune(keepingFrom sequence: Int) throws(StoreError) {
        try withLock { () throws(StoreError) in
            if let syncFailure { throw syncFailure }
            guard try openCurrentFile() else { return }
            let scan = try scanOpenFile(collectingFrom: sequence).0
            let base = max(scan.baseSequence, min(sequence - 1, scan.lastSequence))
            if base == scan.baseSequence && scan.damagedTail == nil { return }
            var bytes = JournalFileHeader(baseSequence: base).encoded()
            for record in scan.records { JournalFrame.encode(record, into: &bytes) }
            try POSIXFile.atomicWrite(bytes, to: path, sync: true)
            closeFile()
        }
    }
}
