/// Opens the store at `location`.
///
/// ```swift
/// let store = try openStore(try StoreLocation(parsing: "sqlite:.playbooks/state.db"), durability: .machine)
/// ```
///
/// - Parameters:
///   - failpoints: crash points the store honours (`torn-write:N`); by default those of `PLAYBOOKS_FAILPOINT`.
public func openStore(
    _ location: StoreLocation, durability: DurabilityLevel, failpoints: Failpoints = .current
) throws(StoreError) -> any CheckpointStore {
    switch location {
    case .sqlite(let path): return try SQLiteCheckpointStore(path: path, durability: durability, failpoints: failpoints)
    case .files(let directory): return try FileCheckpointStore(directory: directory, durability: durability, failpoints: failpoints)
    case .postgres(let url):
        guard let open = PostgresStoreOpener.registered else {
            throw .unavailable(
                "\(location): PostgreSQL stores need the PlaybooksPostgres module: call PostgresCheckpointStore.registerWithOpenStore() first"
            )
        }
        return try open(url, durability, failpoints)
    }
}

/// How ``openStore(_:durability:failpoints:)`` opens `postgres://` locations. This module does not
/// link PostgreSQL; the PlaybooksPostgres module sets ``registered`` (`PostgresCheckpointStore.registerWithOpenStore()`).
public enum PostgresStoreOpener {
    public typealias Open =
        @Sendable (_ url: String, _ durability: DurabilityLevel, _ failpoints: Failpoints) throws(StoreError) ->
        any CheckpointStore

    private static let opener = Locked<Open?>(nil)

    /// The opener in use, if a module has registered one.
    public static var registered: Open? {
        get { opener.withLock { $0 } }
        set { opener.withLock { $0 = newValue } }
    }
}
