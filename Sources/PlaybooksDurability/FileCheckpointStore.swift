import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A ``CheckpointStore`` in plain files: `files:DIR`.
///
/// Each execution has a directory `DIR/<id>/` holding
/// - `info.json`: its ``ExecutionInfo``, replaced atomically (temporary file and rename);
/// - `journal`: a header then append-only, checksummed frames (see ``JournalFrame``), one `write`
///   per append;
/// - `snapshots/<sequence>.snap`: checksummed snapshots, each written atomically;
/// - `lock`: the lock file of ``lock(_:)``.
///
/// At ``DurabilityLevel/machine`` every append ends with `fdatasync`, and every rename with an
/// fsync of the file and its directory. At ``DurabilityLevel/process`` nothing is fsynced:
/// committed data is in the OS and survives the process being killed.
///
/// ```swift
/// let store = try FileCheckpointStore(directory: ".playbooks/journal", durability: .machine)
/// let id = try ExecutionID(validating: "report-1")
/// try await store.createExecution(ExecutionInfo(id: id, programPath: "report.pb", programHash: hash))
/// let lock = try store.lock(id)
/// try await store.append([JournalRecord(sequence: 1, kind: 1, payload: bytes)], to: id)
/// lock.release()
/// ```
public final class FileCheckpointStore: CheckpointStore {
    /// The store's directory.
    public let directory: String
    public let durability: DurabilityLevel
    public var location: String { "files:\(directory)" }

    private let failpoints: Failpoints
    private let crash: @Sendable () -> Void
    private let journals = Locked<[ExecutionID: FileJournal]>([:])
    private let knownExecutions = Locked<Set<ExecutionID>>([])

    static let formatVersion = 1
    static let markerName = ".playbooks-store"

    /// Opens (creating if needed) the store in `directory`.
    ///
    /// - Parameters:
    ///   - failpoints: crash points to honour; `torn-write:N` is the one a store acts on.
    ///   - crash: what a failpoint does; the default kills the process. Tests pass a closure that
    ///     returns, and the operation then throws ``StoreError/unavailable(_:)``.
    public init(
        directory: String, durability: DurabilityLevel = .process, failpoints: Failpoints = .current,
        crash: @escaping @Sendable () -> Void = { Failpoints.crashNow() }
    ) throws(StoreError) {
        self.directory = directory.count > 1 && directory.hasSuffix("/") ? String(directory.dropLast()) : directory
        self.durability = durability
        self.failpoints = failpoints
        self.crash = crash
        try POSIXFile.makeDirectories(self.directory)
        try checkFormatMarker()
    }

    /// Writes or checks `DIR/.playbooks-store`, which names the store format version.
    private func checkFormatMarker() throws(StoreError) {
        let path = "\(directory)/\(FileCheckpointStore.markerName)"
        let expected = "playbooks files store \(FileCheckpointStore.formatVersion)\n"
        if let bytes = try POSIXFile.readFile(path) {
            let text = String(decoding: bytes, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            let prefix = "playbooks files store "
            guard text.hasPrefix(prefix), let version = Int(text.dropFirst(prefix.count)) else {
                throw .unsupportedFormat("\(path): not a playbooks files store marker")
            }
            guard version <= FileCheckpointStore.formatVersion else {
                throw .unsupportedFormat(
                    "\(path): files store format \(version); this build reads up to \(FileCheckpointStore.formatVersion)")
            }
            return
        }
        if try !POSIXFile.atomicWrite(Array(expected.utf8), to: path, sync: durability == .machine, exclusive: true) {
            try checkFormatMarker()  // another process wrote it first
        }
    }

    // MARK: Paths

    func executionDirectory(_ id: ExecutionID) -> String { "\(directory)/\(id.rawValue)" }
    func infoPath(_ id: ExecutionID) -> String { "\(executionDirectory(id))/info.json" }
    func journalPath(_ id: ExecutionID) -> String { "\(executionDirectory(id))/journal" }
    func snapshotDirectory(_ id: ExecutionID) -> String { "\(executionDirectory(id))/snapshots" }
    func snapshotPath(_ id: ExecutionID, _ sequence: Int) -> String { "\(snapshotDirectory(id))/\(sequence).snap" }
    func lockPath(_ id: ExecutionID) -> String { "\(executionDirectory(id))/lock" }

    private func journal(_ id: ExecutionID) -> FileJournal {
        journals.withLock { table in
            if let journal = table[id] { return journal }
            let journal = FileJournal(id: id, path: journalPath(id))
            table[id] = journal
            return journal
        }
    }

    private func requireExecution(_ id: ExecutionID) throws(StoreError) {
        if knownExecutions.withLock({ $0.contains(id) }) { return }
        guard POSIXFile.exists(infoPath(id)) else { throw .executionNotFound(id) }
        _ = knownExecutions.withLock { $0.insert(id) }
    }

    /// Creates the execution's directory; fsyncs the store directory when it is new at machine level.
    private func makeExecutionDirectory(_ id: ExecutionID) throws(StoreError) {
        if try POSIXFile.makeDirectory(executionDirectory(id)), durability == .machine {
            try POSIXFile.syncDirectory(directory)
        }
    }

    // MARK: Executions

    public func createExecution(_ info: ExecutionInfo) async throws(StoreError) {
        let id = info.id
        try makeExecutionDirectory(id)
        try journal(id).create(durability: durability)
        let bytes = try ExecutionInfoCoding.encode(info)
        guard try POSIXFile.atomicWrite(bytes, to: infoPath(id), sync: durability == .machine, exclusive: true) else {
            throw .executionExists(id)
        }
        _ = knownExecutions.withLock { $0.insert(id) }
    }

    public func loadExecution(_ id: ExecutionID) async throws(StoreError) -> ExecutionInfo? {
        guard let bytes = try POSIXFile.readFile(infoPath(id)) else { return nil }
        return try ExecutionInfoCoding.decode(bytes, id: id)
    }

    public func updateExecution(_ info: ExecutionInfo) async throws(StoreError) {
        try requireExecution(info.id)
        let bytes = try ExecutionInfoCoding.encode(info)
        try POSIXFile.atomicWrite(bytes, to: infoPath(info.id), sync: durability == .machine)
    }

    public func listExecutions() async throws(StoreError) -> [ExecutionInfo] {
        let listing = try await listExecutionsReportingDamage()
        if let damage = listing.damaged.first { throw damage }
        return listing.executions
    }

    public func listExecutionsReportingDamage() async throws(StoreError) -> ExecutionListing {
        var listing = ExecutionListing(executions: [])
        for name in try POSIXFile.list(directory) where ExecutionID.isValid(name) {
            let id = ExecutionID(unchecked: name)
            guard let bytes = try POSIXFile.readFile(infoPath(id)) else { continue }
            do { listing.executions.append(try ExecutionInfoCoding.decode(bytes, id: id)) } catch { listing.damaged.append(error) }
        }
        listing.executions.sort { ($0.createdAt, $0.id) < ($1.createdAt, $1.id) }
        return listing
    }

    // MARK: Journal

    public func append(_ records: [JournalRecord], to id: ExecutionID) async throws(StoreError) {
        try requireExecution(id)
        guard !records.isEmpty else { return }
        try journal(id).append(records, durability: durability, failpoints: failpoints, crash: crash)
    }

    public func readJournal(_ id: ExecutionID, from sequence: Int) async throws(StoreError) -> JournalRead {
        try requireExecution(id)
        return try journal(id).read(from: sequence)
    }

    public func lastSequence(_ id: ExecutionID) async throws(StoreError) -> Int {
        try requireExecution(id)
        return try journal(id).lastSequence()
    }

    // MARK: Snapshots

    public func writeSnapshot(_ snapshot: SnapshotRecord, for id: ExecutionID) async throws(StoreError) {
        try requireExecution(id)
        guard snapshot.sequence >= 0 else {
            throw .unavailable("execution \(id): snapshot sequence \(snapshot.sequence) is negative")
        }
        let dir = snapshotDirectory(id)
        if try POSIXFile.makeDirectory(dir), durability == .machine {
            try POSIXFile.syncDirectory(executionDirectory(id))
        }
        try POSIXFile.atomicWrite(SnapshotFile.encode(snapshot), to: snapshotPath(id, snapshot.sequence), sync: durability == .machine)
    }

    /// Sequences of the snapshot files present, ascending (intact or not).
    private func snapshotFileSequences(_ id: ExecutionID) throws(StoreError) -> [Int] {
        try POSIXFile.list(snapshotDirectory(id)).compactMap { name -> Int? in
            guard name.hasSuffix(".snap"), let n = Int(name.dropLast(5)), n >= 0, "\(n).snap" == name else { return nil }
            return n
        }.sorted()
    }

    /// The snapshot in file `sequence`, or `nil` when it is missing or damaged.
    private func readSnapshot(_ id: ExecutionID, _ sequence: Int) throws(StoreError) -> SnapshotRecord? {
        let path = snapshotPath(id, sequence)
        guard let content = try POSIXFile.readFile(path) else { return nil }
        switch SnapshotFile.decode(content) {
        case .snapshot(let snapshot): return snapshot.sequence == sequence ? snapshot : nil
        case .damaged: return nil
        case .unknownVersion(let v):
            throw .unsupportedFormat("\(path): snapshot format version \(v); this build reads version \(SnapshotFile.formatVersion)")
        }
    }

    public func latestSnapshot(_ id: ExecutionID, atOrBefore sequence: Int) async throws(StoreError) -> SnapshotRecord? {
        try requireExecution(id)
        for n in try snapshotFileSequences(id).reversed() where n <= sequence {
            if let snapshot = try readSnapshot(id, n) { return snapshot }
        }
        return nil
    }

    public func snapshotSequences(_ id: ExecutionID) async throws(StoreError) -> [Int] {
        try requireExecution(id)
        var intact: [Int] = []
        for n in try snapshotFileSequences(id) where try readSnapshot(id, n) != nil { intact.append(n) }
        return intact
    }

    public func prune(_ id: ExecutionID, keepingFrom sequence: Int) async throws(StoreError) {
        try requireExecution(id)
        try journal(id).prune(keepingFrom: sequence)
        var removed = false
        for n in try snapshotFileSequences(id) where n < sequence {
            let path = snapshotPath(id, n)
            guard unlink(path) == 0 || errno == ENOENT else { throw POSIXFile.failure("cannot delete", path) }
            removed = true
        }
        if removed && durability == .machine { try POSIXFile.syncDirectory(snapshotDirectory(id)) }
    }

    // MARK: Locks

    /// Takes `DIR/<id>/lock` with `flock` (see ``FileExecutionLock``).
    public func lock(_ id: ExecutionID) throws(StoreError) -> ExecutionLock {
        try makeExecutionDirectory(id)
        return try FileExecutionLock.acquire(id, path: lockPath(id))
    }
}
