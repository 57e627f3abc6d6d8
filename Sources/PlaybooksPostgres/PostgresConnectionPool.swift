import Foundation
import PlaybooksDurability
import PostgresNIO

/// The connections of one ``PostgresCheckpointStore``: at most ``maximumConnections`` open, idle
/// ones reused, and every use under a deadline.
///
/// Why not `PostgresClient`: its pool hides why a connection failed (a request just waits until its
/// circuit breaker trips) and backs off up to a minute between attempts once a server went away.
/// Here a request that needs a connection opens one itself, so a server that is down is reported at
/// once with the reason ("connection refused", a bad password), and the first request after the
/// server is back succeeds.
///
/// ```swift
/// let info = try await pool.withConnection { connection in
///     try await connection.query("SELECT 1", logger: pool.logger)
/// }
/// ```
final class PostgresConnectionPool: Sendable {
    let url: PostgresURL
    let timeout: Duration
    let maximumConnections: Int
    let logger: Logger
    private let configuration: PostgresConnection.Configuration
    private let eventLoopGroup: any EventLoopGroup
    private let state = Locked(State())
    private let nextConnectionID = Locked(0)

    private struct State {
        var idle: [PostgresConnection] = []
        var open = 0
        var closed = false
        /// Callers waiting for a connection: resumed with an idle one, or with `nil` when they may open one.
        var waiters: [CheckedContinuation<PostgresConnection?, Never>] = []
        /// See ``limitIdleTransactions(to:)``: the limit in milliseconds, and the limit each open
        /// connection's session was set to (by connection id).
        var idleTransactionLimit: Int?
        var sessionIdleLimits: [Int: Int] = [:]
    }

    init(
        url: PostgresURL, timeout: Duration, maximumConnections: Int, startupParameters: [(String, String)], logger: Logger,
        eventLoopGroup: any EventLoopGroup = PostgresConnection.defaultEventLoopGroup
    ) {
        self.url = url
        self.timeout = timeout
        self.maximumConnections = max(1, maximumConnections)
        self.logger = logger
        self.eventLoopGroup = eventLoopGroup
        self.configuration = PostgresConnectionPool.configuration(url: url, timeout: timeout, startupParameters: startupParameters)
    }

    /// The settings of a connection to `url`; `startupParameters` are server settings for the session.
    static func configuration(
        url: PostgresURL, timeout: Duration, startupParameters: [(String, String)]
    ) -> PostgresConnection.Configuration {
        var configuration = PostgresConnection.Configuration(
            host: url.host, port: url.port, username: url.user, password: url.password, database: url.database, tls: .disable)
        configuration.options.connectTimeout = .nanoseconds(Int64(timeout.seconds * 1e9))
        configuration.options.additionalStartupParameters = startupParameters
        return configuration
    }

    deinit { closeAll() }

    /// Closes idle connections; connections in use close when they come back.
    func closeAll() {
        let idle = state.withLock { state -> [PostgresConnection] in
            state.closed = true
            defer { state.idle.removeAll() }
            return state.idle
        }
        for connection in idle { connection.closeInBackground() }
    }

    /// Runs `body` on a connection, all within ``timeout``: when the time is up the call fails with
    /// ``StoreError/unavailable(_:)`` at once and the connection is closed under `body`.
    ///
    /// `body` runs in a task of its own, and the caller does not wait for it past the time limit: a
    /// query on a connection closed under it may never complete (postgres-nio), and a caller stuck
    /// there would never learn that the store is unavailable (seen with a worker paused by SIGSTOP
    /// past its timeouts).
    ///
    /// `body` may throw a ``StoreError`` for a result of the store's logic (the connection is reused:
    /// `body` must have ended any transaction it began, as ``transaction(_:_:)`` does); any other
    /// error closes the connection and is reported as ``StoreError/unavailable(_:)``.
    func withConnection<T: Sendable>(
        _ body: @escaping @Sendable (PostgresConnection) async throws -> T
    ) async throws(StoreError) -> T {
        let start = ContinuousClock.now
        let connection = try await acquire()
        let remaining = timeout - (ContinuousClock.now - start)
        let setting = pendingIdleLimit(of: connection)
        let logger = self.logger
        let configured: @Sendable (PostgresConnection) async throws -> T = { connection in
            if let setting {
                try await connection.query(
                    "SELECT set_config('idle_in_transaction_session_timeout', \(String(setting)), false)", logger: logger)
            }
            return try await body(connection)
        }
        switch await Self.race(configured, on: connection, within: remaining) {
        case .success(let value):
            if let setting { state.withLock { $0.sessionIdleLimits[connection.id] = setting } }
            release(connection, reusable: true)
            return value
        case .timedOut:
            release(connection, reusable: false)
            throw .unavailable("\(url.redacted): no answer from \(url.endpoint) within \(timeout.seconds.formattedSeconds)")
        case .failure(let error as StoreError):
            release(connection, reusable: true)
            throw error
        case .failure(let error):
            release(connection, reusable: false)
            throw unavailable(error)
        }
    }

    /// Bounds, from now on, how long a transaction of this pool may sit idle on the server between
    /// two statements: past `limit` the server ends the session, which releases the transaction's
    /// row locks (`idle_in_transaction_session_timeout`, set on each connection before its next use).
    /// Only ever lowers the limit.
    ///
    /// A client does not idle inside its own transactions (it sends their statements back to back),
    /// unless its process is stopped (`SIGSTOP`, a debugger, a VM paused) or its network is gone:
    /// then its locks would otherwise outlive its leases, and a worker taking over the leased
    /// executions would skip them (`FOR UPDATE SKIP LOCKED`) until ``timeout``.
    func limitIdleTransactions(to limit: Duration) {
        let milliseconds = Int(min(max(limit.seconds * 1000, 1), 2_000_000_000))
        state.withLock { state in
            if state.idleTransactionLimit.map({ milliseconds < $0 }) ?? true { state.idleTransactionLimit = milliseconds }
        }
    }

    /// The idle-transaction limit `connection`'s session must be set to before its next use, if it
    /// differs from what it was set to.
    private func pendingIdleLimit(of connection: PostgresConnection) -> Int? {
        state.withLock { state in
            guard let limit = state.idleTransactionLimit, state.sessionIdleLimits[connection.id] != limit else { return nil }
            return limit
        }
    }

    private enum Outcome<T: Sendable>: Sendable {
        case success(T)
        case failure(any Error)
        case timedOut
    }

    /// `body`'s outcome, or ``Outcome/timedOut`` once `limit` has passed (then the connection is
    /// closed and `body` is left to end on its own).
    private static func race<T: Sendable>(
        _ body: @escaping @Sendable (PostgresConnection) async throws -> T, on connection: PostgresConnection, within limit: Duration
    ) async -> Outcome<T> {
        await withCheckedContinuation { (continuation: CheckedContinuation<Outcome<T>, Never>) in
            let settled = Locked(false)
            let timer = Locked<Scheduled<Void>?>(nil)
            let settle: @Sendable (Outcome<T>) -> Bool = { outcome in
                let first = settled.withLock { done -> Bool in
                    defer { done = true }
                    return !done
                }
                if first { continuation.resume(returning: outcome) }
                return first
            }
            let work = Task {
                let outcome: Outcome<T>
                do { outcome = .success(try await body(connection)) } catch { outcome = .failure(error) }
                if settle(outcome) { timer.withLock { $0 }?.cancel() }
            }
            let scheduled = connection.eventLoop.scheduleTask(in: .nanoseconds(Int64(max(limit.seconds, 0.001) * 1e9))) {
                if settle(.timedOut) {
                    work.cancel()
                    connection.closeInBackground()
                }
            }
            timer.withLock { $0 = scheduled }
            if settled.withLock({ $0 }) { scheduled.cancel() }
        }
    }

    /// How often a transaction runs when PostgreSQL aborts it as a deadlock or serialization failure.
    static let conflictAttempts = 4

    /// Runs `body` between BEGIN and COMMIT on `connection`; ROLLBACK when it throws. A transaction
    /// the server aborted as a deadlock or a serialization failure (SQLSTATE 40P01, 40001) is
    /// rolled back and run again, up to ``conflictAttempts`` times in all: such an abort says
    /// nothing about the data, and `body` (queries only) may run again. Every other error ends it.
    func transaction<T: Sendable>(_ connection: PostgresConnection, _ body: () async throws -> T) async throws -> T {
        var attempt = 1
        while true {
            do {
                return try await transactionOnce(connection, body)
            } catch let error as PSQLError where attempt < Self.conflictAttempts && Self.isTransientConflict(error) {
                attempt += 1
            }
        }
    }

    /// Whether the server aborted a transaction for a conflict with another (deadlock, serialization).
    static func isTransientConflict(_ error: PSQLError) -> Bool {
        guard let state = error.serverInfo?[.sqlState] else { return false }
        return state == "40P01" || state == "40001"
    }

    private func transactionOnce<T: Sendable>(_ connection: PostgresConnection, _ body: () async throws -> T) async throws -> T {
        try await connection.query("BEGIN", logger: logger)
        let value: T
        do {
            value = try await body()
        } catch {
            do { try await connection.query("ROLLBACK", logger: logger) } catch let rollbackError {
                // The connection is in an unknown state: fail with an error that makes the pool close it.
                throw rollbackError
            }
            throw error
        }
        try await connection.query("COMMIT", logger: logger)
        return value
    }

    /// ``StoreError/unavailable(_:)`` naming the server and what went wrong, never the password.
    func unavailable(_ error: any Error) -> StoreError {
        .unavailable("\(url.redacted): \(PostgresConnectionPool.describe(error, endpoint: url.endpoint))")
    }

    // MARK: Connections

    private enum Acquired {
        case idle(PostgresConnection)
        case openNew
        case wait
        case closed
    }

    private func acquire() async throws(StoreError) -> PostgresConnection {
        while true {
            let next = state.withLock { state -> Acquired in
                if state.closed { return .closed }
                while let connection = state.idle.popLast() {
                    if !connection.isClosed { return .idle(connection) }
                    state.open -= 1
                    state.sessionIdleLimits[connection.id] = nil
                }
                if state.open < maximumConnections {
                    state.open += 1
                    return .openNew
                }
                return .wait
            }
            switch next {
            case .closed: throw .unavailable("\(url.redacted): the store is closed")
            case .idle(let connection): return connection
            case .openNew: return try await connect()
            case .wait:
                let handed = await withCheckedContinuation { (continuation: CheckedContinuation<PostgresConnection?, Never>) in
                    let ready = state.withLock { state -> Bool in
                        if state.closed || !state.idle.isEmpty || state.open < maximumConnections { return true }
                        state.waiters.append(continuation)
                        return false
                    }
                    if ready { continuation.resume(returning: nil) }
                }
                if let handed, !handed.isClosed { return handed }
                if let handed { release(handed, reusable: false) }
            }
        }
    }

    /// Opens a connection; the caller has already counted it in `open`.
    private func connect() async throws(StoreError) -> PostgresConnection {
        let id = nextConnectionID.withLock { id -> Int in
            id += 1
            return id
        }
        let configuration = self.configuration
        let eventLoop = eventLoopGroup.any()
        let logger = self.logger
        let timeout = self.timeout
        let result: Result<PostgresConnection, any Error> = await withTaskGroup(of: Result<PostgresConnection, any Error>?.self) { group in
            group.addTask {
                do {
                    return .success(
                        try await PostgresConnection.connect(on: eventLoop, configuration: configuration, id: id, logger: logger))
                } catch {
                    return .failure(error)
                }
            }
            group.addTask {
                try? await Task.sleep(for: timeout)
                return Task.isCancelled ? nil : .failure(ConnectTimeout())
            }
            var first: Result<PostgresConnection, any Error>?
            while first == nil, let next = await group.next() { first = next }
            group.cancelAll()
            // A connection that arrives after the time is up is closed, not leaked.
            while let late = await group.next() {
                if case .success(let connection)? = late { connection.closeInBackground() }
            }
            return first ?? .failure(ConnectTimeout())
        }
        switch result {
        case .success(let connection): return connection
        case .failure(let error):
            release(nil, reusable: false)
            if error is ConnectTimeout {
                throw .unavailable("\(url.redacted): cannot connect to \(url.endpoint) within \(timeout.seconds.formattedSeconds)")
            }
            throw .unavailable(
                "\(url.redacted): cannot connect to \(url.endpoint): \(PostgresConnectionPool.describe(error, endpoint: url.endpoint))")
        }
    }

    private struct ConnectTimeout: Error {}

    /// Gives a connection back: to a waiter, to the idle list, or closed. `nil` returns a slot whose
    /// connection could not be opened.
    private func release(_ connection: PostgresConnection?, reusable: Bool) {
        let keep = reusable && connection.map { !$0.isClosed } ?? false
        let (waiter, close) = state.withLock { state -> (CheckedContinuation<PostgresConnection?, Never>?, Bool) in
            let waiter = state.waiters.isEmpty ? nil : state.waiters.removeFirst()
            if keep, !state.closed {
                if waiter == nil, let connection { state.idle.append(connection) }
                return (waiter, false)
            }
            state.open -= 1
            if let connection { state.sessionIdleLimits[connection.id] = nil }
            return (waiter, connection != nil)
        }
        if close, let connection { connection.closeInBackground() }
        if let waiter { waiter.resume(returning: keep ? connection : nil) }
    }

    // MARK: Messages

    /// What went wrong, for people: the server's message and SQLSTATE, or the network error.
    static func describe(_ error: any Error, endpoint: String) -> String {
        if let error = error as? PSQLError {
            if let info = error.serverInfo, let message = info[.message] {
                return "server error \(info[.sqlState] ?? "?"): \(message)"
            }
            let underlying = error.underlying.map { ": \(describe($0, endpoint: endpoint))" } ?? ""
            switch error.code {
            case .serverClosedConnection: return "\(endpoint) closed the connection\(underlying)"
            case .clientClosedConnection: return "the connection to \(endpoint) was closed\(underlying)"
            case .connectionError: return "connection to \(endpoint) failed\(underlying)"
            default: return "\(error.code)\(underlying)"
            }
        }
        if let error = error as? NIOConnectionError {
            let reasons = error.connectionErrors.map { describe($0.error, endpoint: endpoint) }
            if let dns = error.dnsAAAAError ?? error.dnsAError, reasons.isEmpty { return "cannot resolve the host name: \(dns)" }
            return reasons.isEmpty ? "cannot connect" : Set(reasons).sorted().joined(separator: "; ")
        }
        if let error = error as? IOError {
            return String(cString: strerror(error.errnoCode)).lowercased()
        }
        if let error = error as? ChannelError, case .connectTimeout = error {
            return "no answer from \(endpoint)"
        }
        return String(describing: error)
    }
}

extension Duration {
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}

extension Double {
    /// `10 s`, `2.5 s`.
    var formattedSeconds: String {
        self == rounded() ? "\(Int(self)) s" : "\(self) s"
    }
}

extension PostgresConnection {
    /// Starts closing the connection without waiting for it. The connection stays alive until it
    /// is closed (postgres-nio asserts that a connection is closed before it is freed).
    func closeInBackground() {
        let closing: EventLoopFuture<Void> = close()
        closing.whenComplete { _ in withExtendedLifetime(self) {} }
    }
}
