import Dispatch
import PlaybooksDurability
import PostgresNIO

/// Exclusive use of one execution across processes and machines: a session-level advisory lock,
/// `pg_try_advisory_lock(hashtextextended('SCHEMA/ID', 0))`, held on a connection of its own for
/// the lock's lifetime.
///
/// - The server releases the lock when that session ends: ``release()`` (which unlocks and waits
///   for the server's answer, so the next taker succeeds at once), deinit, the holder's process
///   dying (its socket closes), or — for a holder whose machine vanished — TCP keepalives giving up
///   on it (about 25 s; the session asks for `tcp_keepalives_idle = 10`).
/// - The session's `application_name` is "pid N on host H", so a refused caller is told who holds it
///   (read from `pg_locks` and `pg_stat_activity`).
/// - The key is a 64-bit hash of schema and id; two ids colliding would only make one wait for the other.
///
/// This is mutual exclusion, not fencing: a holder whose connection broke (a network partition, a
/// server restart) has lost the lock without knowing it, and another may take it. Workers use
/// leases with fencing tokens instead (``PostgresCheckpointStore/claim(owner:limit:leaseDuration:)``,
/// ``PostgresFencedStore``); the advisory lock stays as the cheap guard for a single `run`/`resume`,
/// which in turn may not write to an execution that belongs to the worker queue.
///
/// ```swift
/// let lock = try store.lock(id)
/// defer { lock.release() }
/// ```
public final class PostgresExecutionLock: ExecutionLock, @unchecked Sendable {
    public let executionID: ExecutionID
    private let key: String
    private let timeout: Duration
    private let logger: Logger
    private let connection: Locked<PostgresConnection?>

    /// Who holds this process's locks: "pid N on host H", as in file locks (at most 63 bytes, the
    /// server's limit for `application_name`).
    static var holderDescription: String {
        var text = FileExecutionLock.holderDescription
        while text.utf8.count > 63 { text.removeLast() }
        return text
    }

    private init(executionID: ExecutionID, key: String, timeout: Duration, logger: Logger, connection: PostgresConnection) {
        self.executionID = executionID
        self.key = key
        self.timeout = timeout
        self.logger = logger
        self.connection = Locked(connection)
    }

    deinit { release() }

    /// Whether the lock is still held: false after ``release()`` or once its connection is gone.
    public var isHeld: Bool { connection.withLock { $0.map { !$0.isClosed } ?? false } }

    public func release() {
        guard
            let connection = connection.withLock({ held -> PostgresConnection? in
                defer { held = nil }
                return held
            })
        else { return }
        // Unlock and wait for the answer, so that whoever takes the lock next gets it at once; closing
        // alone would leave the lock to the server's cleanup of the session. (Never wait on an event loop.)
        if !connection.isClosed, !connection.eventLoop.inEventLoop {
            _ = PostgresExecutionLock.wait(
                connection.query("SELECT pg_advisory_unlock(hashtextextended(\(key), 0))", logger: logger), timeout: timeout)
        }
        connection.closeInBackground()
    }

    /// Takes the lock on a new connection, or throws ``StoreError/locked(_:holder:)`` naming the
    /// holder, or ``StoreError/unavailable(_:)`` when the server cannot be reached in `timeout`.
    static func acquire(
        _ id: ExecutionID, key: String, configuration: PostgresConnection.Configuration, timeout: Duration, location: String,
        endpoint: String, logger: Logger
    ) throws(StoreError) -> PostgresExecutionLock {
        let eventLoop = PostgresConnection.defaultEventLoopGroup.any()
        let connecting = PostgresConnection.connect(on: eventLoop, configuration: configuration, id: 0, logger: logger)
        let connection: PostgresConnection
        switch wait(connecting, timeout: timeout) {
        case .success(let opened): connection = opened
        case .failure(let error):
            connecting.whenSuccess { $0.closeInBackground() }
            throw .unavailable(
                "\(location): cannot connect to \(endpoint) to lock execution \(id): \(PostgresConnectionPool.describe(error, endpoint: endpoint))"
            )
        case nil:
            connecting.whenSuccess { $0.closeInBackground() }
            throw .unavailable(
                "\(location): cannot connect to \(endpoint) within \(timeout.seconds.formattedSeconds) to lock execution \(id)")
        }
        func fail(_ error: (any Error)?) -> StoreError {
            connection.closeInBackground()
            guard let error else {
                return .unavailable(
                    "\(location): no answer from \(endpoint) within \(timeout.seconds.formattedSeconds) to lock execution \(id)")
            }
            return .unavailable("\(location): cannot lock execution \(id): \(PostgresConnectionPool.describe(error, endpoint: endpoint))")
        }
        let taken: Bool
        switch wait(connection.query("SELECT pg_try_advisory_lock(hashtextextended(\(key), 0))", logger: logger), timeout: timeout) {
        case .success(let result):
            guard let row = result.rows.first, let value = try? row.decode(Bool.self) else { throw fail(nil) }
            taken = value
        case .failure(let error): throw fail(error)
        case nil: throw fail(nil)
        }
        if taken {
            return PostgresExecutionLock(executionID: id, key: key, timeout: timeout, logger: logger, connection: connection)
        }
        let holder = wait(
            connection.query(
                """
                SELECT a.application_name, a.pid FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
                WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 1 AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
                AND l.classid = ((hashtextextended(\(key), 0) >> 32) & 4294967295)::oid
                AND l.objid = (hashtextextended(\(key), 0) & 4294967295)::oid
                """, logger: logger), timeout: timeout)
        connection.closeInBackground()
        var description = "another session"
        if case .success(let result)? = holder, let row = result.rows.first, let found = try? row.decode((String?, Int32).self) {
            description = (found.0?.isEmpty ?? true) ? "PostgreSQL backend pid \(found.1)" : found.0 ?? ""
        }
        throw .locked(id, holder: description)
    }

    /// Blocks until `future` completes or `timeout` passes (`nil`). Never call it on an event loop.
    static func wait<T: Sendable>(_ future: EventLoopFuture<T>, timeout: Duration) -> Result<T, any Error>? {
        let done = DispatchSemaphore(value: 0)
        let outcome = Locked<Result<T, any Error>?>(nil)
        future.whenComplete { result in
            outcome.withLock { $0 = result }
            done.signal()
        }
        guard done.wait(timeout: .now() + .nanoseconds(Int(timeout.seconds * 1e9))) == .success else { return nil }
        return outcome.withLock { $0 }
    }
}
