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
    }
}
