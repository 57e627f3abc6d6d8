import Synchronization

/// Lets tests that start many processes take turns: the PostgreSQL worker and fault suites each
/// start servers and several worker processes, and on a two-core machine running the rest of the
/// suite beside them, two of them at once starved each other past their time bounds.
///
/// ```swift
/// await ExclusiveGate.postgresWorkers.acquire()
/// defer { ExclusiveGate.postgresWorkers.release() }
/// ```
public final class ExclusiveGate: Sendable {
    /// The gate of the suites that run `playbooks worker` processes against PostgreSQL.
    public static let postgresWorkers = ExclusiveGate()

    private struct State {
        var busy = false
        var waiters: [CheckedContinuation<Void, Never>] = []
    }
    private let state = Mutex(State())

    public init() {}

    /// Waits until no other holder has the gate, then holds it.
    public func acquire() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let now = state.withLock { state -> Bool in
                if !state.busy {
                    state.busy = true
                    return true
                }
                state.waiters.append(continuation)
                return false
            }
            if now { continuation.resume() }
        }
    }

    /// Gives the gate to the next waiter, if any.
    public func release() {
        let next = state.withLock { state -> CheckedContinuation<Void, Never>? in
            if state.waiters.isEmpty {
                state.busy = false
                return nil
            }
            return state.waiters.removeFirst()
        }
        next?.resume()
    }
}
