import Foundation
import PlaybooksDurability
import PostgresNIO

/// `LISTEN` on a dedicated connection, so that idle workers wake as soon as an execution is
/// submitted or released instead of polling hard.
///
/// Connects on the first ``wait(timeout:)`` and reconnects (after a second) when the connection
/// drops; every (re)connection wakes the waiters once, as a notification may have been missed
/// while it was down. A notification that arrives while nobody waits is remembered, so the next
/// wait returns at once.
final class PostgresWorkListener: Sendable {
    let channel: String
    private let configuration: PostgresConnection.Configuration
    private let logger: Logger

    private struct State {
        var task: Task<Void, Never>?
        var connection: PostgresConnection?
        var stopped = false
    }
    private let state = Locked(State())
    private let wake = WakeSignal()

    init(configuration: PostgresConnection.Configuration, channel: String, logger: Logger) {
        self.configuration = configuration
        self.channel = channel
        self.logger = logger
    }

    /// Returns on the next notification (or one that arrived since the last wait), or after `timeout`.
    func wait(timeout: Duration) async {
        startIfNeeded()
        if state.withLock({ $0.stopped }) { return }
        await wake.wait(timeout: timeout)
    }

    /// Closes the connection and ends listening for good.
    func stop() {
        let (task, connection) = state.withLock { state in
            state.stopped = true
            return (state.task, state.connection)
        }
        task?.cancel()
        connection?.closeInBackground()
        wake.signal()
    }

    private func signal() { wake.signal() }

    private func startIfNeeded() {
        state.withLock { state in
            guard state.task == nil, !state.stopped else { return }
            state.task = Task { [weak self] in await self?.listenForever() }
        }
    }

    private func listenForever() async {
        while !state.withLock({ $0.stopped }) && !Task.isCancelled {
            do {
                let connection = try await PostgresConnection.connect(configuration: configuration, id: 1, logger: logger)
                let keep = state.withLock { state -> Bool in
                    state.connection = connection
                    return !state.stopped
                }
                if !keep {
                    connection.closeInBackground()
                    return
                }
                try await connection.listen(on: channel) { notifications in
                    signal()
                    for try await _ in notifications { signal() }
                }
            } catch {
                logger.debug("listening on \(channel) failed: \(error)")
            }
            // Closed before it is dropped, also when the server went away under it: PostgresNIO
            // traps on a connection freed without `close()` (a worker died with SIGILL when the
            // server was killed under it).
            let dropped = state.withLock { state -> PostgresConnection? in
                let connection = state.connection
                state.connection = nil
                return connection
            }
            try? await dropped?.close()
            signal()
            try? await Task.sleep(for: .seconds(1))
        }
    }
}
