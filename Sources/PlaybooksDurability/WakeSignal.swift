import Foundation

/// Wakes one or many waiting tasks: ``signal()`` resumes every task in ``wait(timeout:)``; a signal
/// sent while nobody waits is remembered, so the next wait returns at once (nothing is missed
/// between two waits). A cancelled waiter returns at once.
///
/// ```swift
/// let wake = WakeSignal()
/// Task { await wake.wait(timeout: .seconds(5)) }   // returns early on:
/// wake.signal()
/// ```
public final class WakeSignal: Sendable {
    private struct State {
        var pending = false
        var waiters: [UUID: CheckedContinuation<Void, Never>] = [:]
    }
    private let state = Locked(State())

    public init() {}

    /// Wakes every waiter, or the next one to wait if there is none.
    public func signal() {
        let waiters = state.withLock { state -> [CheckedContinuation<Void, Never>] in
            if state.waiters.isEmpty { state.pending = true }
            defer { state.waiters.removeAll() }
            return Array(state.waiters.values)
        }
        for waiter in waiters { waiter.resume() }
    }

    /// Returns on the next signal (or one sent since the last wait), after `timeout`, or when the
    /// task is cancelled.
    public func wait(timeout: Duration) async {
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await self.next() }
            group.addTask { try? await Task.sleep(for: timeout) }
            await group.next()
            group.cancelAll()
        }
    }

    /// Returns on the next signal, or when the task is cancelled.
    public func next() async {
        let id = UUID()
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let now = state.withLock { state -> Bool in
                    if state.pending || Task.isCancelled {
                        state.pending = false
                        return true
                    }
                    state.waiters[id] = continuation
                    return false
                }
                if now { continuation.resume() }
            }
        } onCancel: {
            state.withLock { $0.waiters.removeValue(forKey: id) }?.resume()
        }
    }
}
