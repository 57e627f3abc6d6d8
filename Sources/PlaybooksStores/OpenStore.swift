import PlaybooksDurability
import PlaybooksPostgres

/// Opens the store at `location`: SQLite, files, or PostgreSQL (`postgres://` and `postgresql://` URLs).
///
/// This is the one place that knows every kind of store, so that no module has to register one
/// with another.
///
/// ```swift
/// let store = try openStore(try StoreLocation(parsing: "sqlite:.playbooks/state.db"), durability: .machine)
/// ```
///
/// - Parameters:
///   - failpoints: crash points the store honours (`torn-write:N`); by default those of `PLAYBOOKS_FAILPOINT`.
/// - Throws: ``StoreError/invalidLocation(_:)`` for a URL scheme no store serves or a PostgreSQL URL
///   without a user and a host; otherwise what the store's initializer throws.
public func openStore(
    _ location: StoreLocation, durability: DurabilityLevel, failpoints: Failpoints = .current
) throws(StoreError) -> any CheckpointStore {
    switch location {
    case .sqlite(let path): return try SQLiteCheckpointStore(path: path, durability: durability, failpoints: failpoints)
    case .files(let directory): return try FileCheckpointStore(directory: directory, durability: durability, failpoints: failpoints)
    case .url(let url):
        try checkStoreLocation(location)
        return try PostgresCheckpointStore(url: url, durability: durability, failpoints: failpoints)
    }
}

/// Checks that `location` names a kind of store ``openStore(_:durability:failpoints:)`` can open,
/// without opening it: a `postgres://`/`postgresql://` URL must name a user and a host (the rest
/// is checked when the store opens).
public func checkStoreLocation(_ location: StoreLocation) throws(StoreError) {
    guard case .url(let url) = location else { return }
    guard location.scheme == "postgres" || location.scheme == "postgresql" else {
        throw .invalidLocation(
            "'\(location)': no store serves \(location.scheme ?? "this")://; expected sqlite:PATH, files:DIR or postgres://USER@HOST:PORT/DB"
        )
    }
    let rest = url.drop(while: { $0 != "/" }).dropFirst(2)
    let authority = rest.prefix(while: { $0 != "/" && $0 != "?" && $0 != "#" })
    guard let at = authority.lastIndex(of: "@"), at != authority.startIndex,
        authority[authority.index(after: at)...].contains(where: { $0 != ":" })
    else {
        throw .invalidLocation("'\(location)': needs a user and a host, e.g. postgres://USER:PASSWORD@HOST:5432/DB")
    }
}
