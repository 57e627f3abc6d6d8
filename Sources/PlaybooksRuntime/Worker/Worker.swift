import Foundation
import PlaybooksDurability
import PlaybooksLLM
import PlaybooksLanguage

/// Runs many executions of a shared ``ExecutionQueue`` (PostgreSQL) concurrently in one process:
/// claims queued executions and executions whose owner's lease expired, keeps its leases alive with
/// heartbeats, continues each from its last checkpoint through a store view fenced by its lease,
/// and gives each back when it ends.
///
/// - A worker that loses a lease (it was paused past the lease, or partitioned, and another
///   worker took over) learns it from the heartbeat or from its next write, which the database
///   refuses; it drops that execution at once and reports ``Event/lost(_:_:)``.
/// - ``stop()`` (SIGTERM in `playbooks worker`) stops claiming, lets each execution finish the
///   await in progress, releases the leases so that other workers continue at once, and makes
///   ``run()`` return.
///
/// ```swift
/// let worker = Worker(queue: store, options: Worker.Options(concurrency: 50))
/// worker.onEvent = { print($0) }
/// await worker.run()          // until worker.stop()
/// ```
public final class Worker: Sendable {
    public struct Options: Sendable {
        /// Executions run at once.
        public var concurrency: Int
        /// How long a lease lasts without a heartbeat: the time before another worker may take
        /// over the executions of a worker that died.
        public var leaseDuration: Duration
        /// Heartbeats per lease duration.
        public var heartbeatsPerLease = 3
        /// The longest an idle worker sleeps between looks at the queue (notifications wake it
        /// sooner; expired leases of dead workers are found by these looks).
        public var idlePoll: Duration
        /// This worker's identity in leases: "pid N on HOST #XXXX" by default.
        public var owner: String
        /// How each execution runs: host functions, LLM, snapshot policy, limits.
        public var runner: RunnerOptions

        public init(
            concurrency: Int = 16, leaseDuration: Duration = .seconds(15), idlePoll: Duration? = nil, owner: String? = nil,
            runner: RunnerOptions = RunnerOptions()
        ) {
            self.concurrency = max(1, concurrency)
            self.leaseDuration = leaseDuration
            self.idlePoll = idlePoll ?? min(.seconds(1), leaseDuration / 2)
            self.owner = owner ?? Worker.defaultOwner()
            self.runner = runner
        }
    }

    /// What a worker did, for logs.
    public enum Event: Sendable, CustomStringConvertible {
        case claimed(Lease)
        case finished(ExecutionID, ExecutionOutcome)
        /// The lease is no longer this worker's; the execution was dropped here.
        case lost(ExecutionID, String)
        /// Stopped after an await and given back to the queue (shutdown).
        case released(ExecutionID)
        /// The execution could not be run here; `requeued` tells whether another try will come.
        case failed(ExecutionID, String, requeued: Bool)
        /// The queue itself failed (a database that is down); the worker keeps trying.
        case queueError(String)

        public var description: String {
            switch self {
            case .claimed(let lease): return "claimed \(lease.executionID) (token \(lease.token))"
            case .finished(let id, let outcome):
                switch outcome {
                case .finished(let result): return "finished \(id): \(result)"
                case .failed(let traceback):
                    return "finished \(id) with an error: \(traceback.split(separator: "\n").last.map(String.init) ?? "")"
                case .waitingForMessage(let source): return "\(id) waits for a message from \(source); out of the queue"
                }
            case .lost(let id, let why): return "lost \(id): \(why)"
            case .released(let id): return "released \(id) for another worker"
            case .failed(let id, let why, let requeued): return "cannot run \(id): \(why)\(requeued ? " (will retry)" : "")"
            case .queueError(let why): return "queue: \(why)"
            }
        }
    }

    public let queue: any ExecutionQueue
    public let options: Options
    private let handler = Locked<@Sendable (Event) -> Void>({ _ in })

    private struct State {
        /// Leases held, with what their task is doing (for the shutdown log). One execution can
        /// briefly have two: a lease this worker lost, whose task has not noticed yet, and a new one
        /// it claimed again; the old task's writes fail against the new token.
        var running: [Lease: String] = [:]
        var lost: Set<Lease> = []
        var stopping = false
        var programs: [String: ExecutionProgram] = [:]
        var executionsRun = 0
        var lastStragglerReport = ContinuousClock.now
        /// Journal sequence conflicts met by each execution not finished yet (see `handle(_:lease:)`).
        var sequenceConflicts: [ExecutionID: Int] = [:]
    }

    /// How many times this worker gives an execution that meets a journal sequence conflict back to
    /// the queue before it takes it out (a conflict that resuming does not clear is not a lost
    /// commit, and requeueing it would go round for ever).
    package static let sequenceConflictRetries = 3
    private let state = Locked(State())
    /// Wakes the claim loop: a slot freed, or stop().
    private let wake = WakeSignal()
    /// Wakes the heartbeat loop on stop(), so that it ends with the last execution.
    private let heartbeatWake = WakeSignal()

    public init(queue: any ExecutionQueue, options: Options = Options()) {
        self.queue = queue
        self.options = options
    }

    /// Called for every ``Event``, from any task.
    public var onEvent: @Sendable (Event) -> Void {
        get { handler.withLock { $0 } }
        set { handler.withLock { $0 = newValue } }
    }

    /// Executions ended or given back by this worker so far.
    public var executionsRun: Int { state.withLock { $0.executionsRun } }

    /// "pid N on HOST #XXXX": the process, its machine, and a random part for a restarted pid.
    public static func defaultOwner() -> String {
        "\(FileExecutionLock.holderDescription) #\(String(UInt16.random(in: .min ... .max), radix: 16))"
    }

    /// Stops claiming, stops each execution after its current await, releases the leases.
    public func stop() {
        state.withLock { $0.stopping = true }
        wake.signal()
        heartbeatWake.signal()
    }

    private var isStopping: Bool { state.withLock { $0.stopping } }

    /// Claims and runs executions until ``stop()``; returns once every execution it held has stopped.
    public func run() async {
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await self.heartbeats() }
            while !isStopping {
                let free = options.concurrency - state.withLock { $0.running.count }
                var claimedAll = false
                if free > 0 {
                    do {
                        let leases = try await queue.claim(owner: options.owner, limit: free, leaseDuration: options.leaseDuration)
                        claimedAll = !leases.isEmpty && leases.count == free
                        for lease in leases {
                            state.withLock { $0.running[lease] = "starting" }
                            emit(.claimed(lease))
                            group.addTask { await self.execute(lease) }
                        }
                        if !leases.isEmpty && !claimedAll { continue }  // maybe more is free: look again
                    } catch {
                        emit(.queueError("\(error)"))
                    }
                }
                if claimedAll { continue }
                await waitForWorkOrSlot()
            }
            wake.signal()  // ends the heartbeat loop's wait
            await group.waitForAll()
        }
    }

    /// Returns on a notification from the queue, a freed slot, stop(), or after ``Options/idlePoll``.
    private func waitForWorkOrSlot() async {
        let full = state.withLock { $0.running.count >= options.concurrency }
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await self.wake.wait(timeout: self.options.idlePoll) }
            if !full { group.addTask { await self.queue.waitForWork(timeout: self.options.idlePoll) } }
            await group.next()
            group.cancelAll()
        }
    }

    private func emit(_ event: Event) { handler.withLock { $0 }(event) }

    // MARK: Leases

    private func heartbeats() async {
        let interval = options.leaseDuration / max(options.heartbeatsPerLease, 1)
        let clock = ContinuousClock()
        var lastBeat = clock.now
        while true {
            let (leases, stopping) = state.withLock { state in (Array(state.running.keys), state.stopping) }
            if stopping && leases.isEmpty { return }
            if stopping { reportStragglers() }
            // While stopping, the loop wakes often to end with the last execution, but renews no more often.
            if !leases.isEmpty && (!stopping || clock.now - lastBeat >= interval) {
                lastBeat = clock.now
                do {
                    let lost = try await queue.renew(leases, leaseDuration: options.leaseDuration)
                    for lease in leases where lost.contains(lease.executionID) {
                        markLost(lease, "its lease was not renewed in time and another worker may have it")
                    }
                } catch {
                    emit(.queueError("heartbeat: \(error)"))
                }
            }
            // While stopping, look often: the loop ends once the last execution has been given back.
            await heartbeatWake.wait(timeout: stopping ? .milliseconds(50) : interval)
        }
    }

    private func markLost(_ lease: Lease, _ why: String) {
        let first = state.withLock { state -> Bool in
            guard state.running[lease] != nil else { return false }
            return state.lost.insert(lease).inserted
        }
        if first { emit(.lost(lease.executionID, why)) }
    }

    private func setPhase(_ lease: Lease, _ phase: String) {
        state.withLock { state in
            if state.running[lease] != nil { state.running[lease] = phase }
        }
    }

    /// While stopping, every 5 s: which executions are still being given back, and where they are.
    private func reportStragglers() {
        let now = ContinuousClock.now
        let report = state.withLock { state -> String? in
            guard now - state.lastStragglerReport >= .seconds(5) else { return nil }
            state.lastStragglerReport = now
            return state.running.map { "\($0.key.executionID) (\($0.value))" }.sorted().joined(separator: ", ")
        }
        if let report { emit(.queueError("stopping: still giving back \(report)")) }
    }

    // MARK: Executions

    private func execute(_ lease: Lease) async {
        let id = lease.executionID
        defer {
            state.withLock { state in
                state.running[lease] = nil
                state.lost.remove(lease)
                state.executionsRun += 1
            }
            wake.signal()
        }
        let store = queue.fenced(by: lease)
        do {
            setPhase(lease, "loading")
            guard let info = try await store.loadExecution(id) else { return }
            let program = try await program(for: info)
            setPhase(lease, "restoring")
            let runner = try await ExecutionRunner.resume(id: id, program: program, store: store, options: options.runner)
            runner.shouldStop = { [weak self] in
                guard let self else { return true }
                return self.state.withLock { $0.stopping || $0.lost.contains(lease) }
            }
            setPhase(lease, "running")
            let outcome = try await runner.run()
            runner.close()
            setPhase(lease, "releasing")
            state.withLock { _ = $0.sequenceConflicts.removeValue(forKey: id) }
            try await queue.release(lease, finished: true)
            emit(.finished(id, outcome))
        } catch let error as ExecutionError {
            await handle(error, lease: lease)
        } catch let error as StoreError {
            await handle(.store(error), lease: lease)
        } catch {
            await handle(.program("\(error)"), lease: lease)
        }
    }

    private func handle(_ error: ExecutionError, lease: Lease) async {
        let id = lease.executionID
        switch error {
        case .store(.leaseLost(_, let detail)):
            markLost(lease, detail)
        case .stopped:
            if state.withLock({ $0.lost.contains(lease) }) { return }  // reported when it was marked lost
            if await release(lease, finished: false) { emit(.released(id)) }
        case .notResumable:
            // It ended under an earlier owner that died before giving it back.
            await release(lease, finished: true)
        case .llmUnavailable(_, let why):
            // Nothing was recorded; the lease runs out and a worker retries it then (not at once,
            // so a dead endpoint is not hammered).
            emit(.failed(id, why, requeued: true))
        case .store(.sequenceConflict(_, let expected, let got)):
            // The store's journal does not continue where this run's does. With durability
            // `process` (asynchronous commits) a database crash can lose the last commits it
            // acknowledged: the store then ends before this run's last record. Give the execution
            // back to the queue: the next claim resumes it from what the store holds (the awaits
            // past its journal's end run again). Taken out only if it keeps happening here.
            let conflicts = state.withLock { state -> Int in
                state.sequenceConflicts[id, default: 0] += 1
                return state.sequenceConflicts[id]!
            }
            let found =
                expected < got
                ? "the store's journal ends at record \(expected - 1), but this run had written up to record \(got - 1) "
                    + "(commits acknowledged and then lost: a database crash with durability process?)"
                : "the store already holds record \(got) (its next is \(expected)), which this run did not write"
            guard conflicts <= Self.sequenceConflictRetries else {
                await release(lease, finished: true)
                emit(.failed(id, "journal sequence conflict, \(conflicts) times on this worker: \(found)", requeued: false))
                return
            }
            emit(.failed(id, "journal sequence conflict: \(found); requeued to resume from what the store holds", requeued: true))
            await release(lease, finished: false)
        case .store(.unavailable(let why)):
            // The database is away: the lease runs out, and a worker (maybe this one) retries later.
            // A worker that is stopping gives it back if it can, for other workers to retry at once.
            emit(.failed(id, why, requeued: true))
            if isStopping { await release(lease, finished: false) }
        default:
            // Running it again would fail the same way: take it out of the queue, say why.
            await release(lease, finished: true)
            emit(.failed(id, error.description, requeued: false))
        }
    }

    /// Gives `lease` back (to the queue unless `finished`); a failure is reported, and then the
    /// lease simply runs out. Returns whether the release was written.
    @discardableResult
    private func release(_ lease: Lease, finished: Bool) async -> Bool {
        setPhase(lease, "releasing")
        do {
            try await queue.release(lease, finished: finished)
            return true
        } catch {
            emit(.queueError("releasing \(lease.executionID): \(error) (its lease will run out instead)"))
            return false
        }
    }

    /// The program an execution runs: the text recorded at submit, by hash (cached).
    private func program(for info: ExecutionInfo) async throws -> ExecutionProgram {
        if let cached = state.withLock({ $0.programs[info.programHash] }) { return cached }
        guard let text = try await queue.programText(hash: info.programHash) else {
            throw ExecutionError.program("the store has no program text for hash \(info.programHash) (\(info.programPath))")
        }
        let parsed: Program
        do { parsed = try Program(parsing: text, path: info.programPath) } catch {
            throw ExecutionError.program("\(info.programPath): \(error.description)")
        }
        let program = try ExecutionProgram(program: parsed)
        state.withLock { $0.programs[info.programHash] = program }
        return program
    }
}
