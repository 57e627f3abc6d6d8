import Foundation
import PlaybooksDurability
import PlaybooksLanguage
import PlaybooksRuntime
import PlaybooksStores

#if canImport(Glibc)
    import Glibc
#endif

// `playbooks-bench durability`: running an execution to its end with timing, a bare VM, one fsync.
extension BenchDurabilityCommand {
    struct BenchFailure: Error, CustomStringConvertible {
        var description: String
    }

    /// Starts an execution of `program` in `store` and runs it to the end; returns the seconds `run()` took.
    static func runToEnd(
        _ program: ExecutionProgram, store: any CheckpointStore, id: String, expect: String,
        policy: SnapshotPolicy = SnapshotPolicy()
    ) async throws -> Double {
        try await timedRun(program, store: store, id: id, expect: expect, policy: policy).wall
    }

    /// CPU time (user + system, all threads) this process has used so far, in seconds.
    static func cpuSeconds() -> Double {
        var usage = rusage()
        getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
        let user = Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6
        let system = Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) / 1e6
        return user + system
    }

    /// As ``runToEnd(_:store:id:expect:policy:)``, also returning the process CPU time `run()` took
    /// (includes the store's own threads; a measure that load from other processes barely moves).
    /// `onEvent`, when given, sees the runner's events (`playbooks-bench society` times checkpoints with it).
    /// With `answering`, each time the execution waits for a message from the user it is given one
    /// (`message 1`, `message 2`, ...) and run again, all of it timed.
    static func timedRun(
        _ program: ExecutionProgram, store: any CheckpointStore, id: String, expect: String,
        policy: SnapshotPolicy = SnapshotPolicy(), onEvent: ((ExecutionEvent) -> Void)? = nil, answering: Bool = false
    ) async throws -> (wall: Double, cpu: Double) {
        let runner = try await ExecutionRunner.start(
            program: program, store: store, id: try ExecutionID(validating: id),
            options: RunnerOptions(policy: policy).with(failpoints: Failpoints()))
        defer { runner.close() }
        if let onEvent { runner.onEvent = onEvent }
        let clock = ContinuousClock()
        let c0 = cpuSeconds()
        let t0 = clock.now
        var outcome = try await runner.run()
        var given = 0
        while answering, case .waitingForMessage = outcome {
            given += 1
            runner.send("message \(given)")
            outcome = try await runner.run()
        }
        let seconds = Self.seconds(clock.now - t0)
        let cpu = cpuSeconds() - c0
        guard case .finished(let result) = outcome, result.repr == expect else {
            throw BenchFailure(description: "execution \(id) ended with \(outcome), expected result \(expect)")
        }
        return (seconds, cpu)
    }

    /// The same awaits answered by a bare VM: no runtime, no records, no snapshots.
    static func bareVM(_ n: Int) throws -> Double {
        let source = """
            async def Main():
                for i in range(\(n)):
                    await Step(f"S:{i}")
                return \(n)
            result = await Main()
            """
        let vm = VirtualMachine()
        vm.registerHostFunction("Step")
        try vm.load(source: source, filename: "<bench-vm>")
        let clock = ContinuousClock()
        let t0 = clock.now
        var awaits = 0
        loop: while true {
            switch vm.run() {
            case .suspended:
                awaits += 1
                vm.resume(returning: .none)
            case .awaitPoint: continue
            case .finished: break loop
            case .failed(let e): throw BenchFailure(description: "bare VM failed: \(e)")
            }
        }
        let s = seconds(clock.now - t0)
        guard awaits == n else { throw BenchFailure(description: "bare VM awaited \(awaits) times, expected \(n)") }
        return s
    }

    /// Median of `pwrite(100 bytes)` + `fdatasync` on a file in `dir`, in microseconds.
    static func fsyncMicroseconds(in dir: String, samples: Int = 100) -> Double {
        let path = "\(dir)/fsync-probe"
        let fd = Glibc.open(path, O_RDWR | O_CREAT | O_APPEND, 0o644)
        guard fd >= 0 else { return .nan }
        defer {
            close(fd)
            unlink(path)
        }
        let bytes = [UInt8](repeating: 0x61, count: 100)
        var xs: [Double] = []
        let clock = ContinuousClock()
        for _ in 0..<(samples + 5) {
            let t0 = clock.now
            _ = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
            _ = fdatasync(fd)
            xs.append(seconds(clock.now - t0) * 1e6)
        }
        return median(Array(xs.dropFirst(5)))
    }
}
