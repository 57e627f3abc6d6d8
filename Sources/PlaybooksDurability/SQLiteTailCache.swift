import GRDB

/// The last sequence of each execution's journal as this store last wrote or read it inside a
/// write transaction, so that an append needs no lookup of the execution and its tail row.
///
/// An entry means: the execution exists and its journal ends with an intact row of that sequence
/// (or has no rows and `pruned_through` is that sequence). The cache is only valid while no other
/// connection has committed: ``validate(_:)`` runs inside each append transaction (after `BEGIN
/// IMMEDIATE`, so no other writer can commit until ours ends) and empties the cache when
/// `PRAGMA data_version` changed. `data_version` does not change for the connection's own commits,
/// so every other write of this store on the writer connection invalidates what it touches.
///
/// Reached only on the pool's writer connection (inside `write` / `writeWithoutTransaction`),
/// which GRDB serializes: hence no lock.
final class SQLiteTailCache: @unchecked Sendable {
    private var lastSequences: [String: Int] = [:]
    private var dataVersion: Int?

    /// Empties the cache if another connection committed since the last call. Call inside a write
    /// transaction.
    func validate(_ db: Database) throws {
        let statement = try db.cachedStatement(sql: "PRAGMA data_version")
        let version = try Int.fetchOne(statement)
        if version != dataVersion || version == nil {
            lastSequences.removeAll(keepingCapacity: true)
            dataVersion = version
        }
    }

    func lastSequence(_ id: ExecutionID) -> Int? { lastSequences[id.rawValue] }

    func set(_ id: ExecutionID, lastSequence: Int) { lastSequences[id.rawValue] = lastSequence }

    func forget(_ id: ExecutionID) { lastSequences[id.rawValue] = nil }

    func forgetAll() {
        lastSequences.removeAll(keepingCapacity: true)
        dataVersion = nil
    }
}
