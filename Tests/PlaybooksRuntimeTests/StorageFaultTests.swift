import Foundation
import Testing

@testable import PlaybooksDurability

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Storage faults under the real stores, in real `playbooks` processes: writes and fsyncs failing
/// with `EIO`, `ENOSPC` or `EROFS` (the `LD_PRELOAD` interposer), short writes, a full tmpfs, a
/// filesystem remounted read-only, another connection holding SQLite's write lock.
///
/// Each fault must stop the run with exit status 4 and a message naming the execution and the
/// fault; everything committed before it must still read, with no false damage; and once the
/// fault is gone, `playbooks resume` must end with the transcript, result and output of an
/// uninterrupted run. See docs/RELIABILITY.md, "Storage faults".
@Suite("Storage faults under the real stores", .serialized)
struct StorageFaultTests {
    /// 150 awaits, each record ~250 bytes: long enough for a fault to land in the middle.
    static let loop = CLIProgram.python(
        "loop",
        """
        @playbook
        async def Main():
            total = 0
            for i in range(150):
                await Say("user", f"message {i} " + "x" * 200)
                total += i
            return total
        """)

    /// Waits for the user half-way: the fault comes between two processes.
    static let waiting = CLIProgram.python(
        "waiting",
        """
        @playbook
        async def Main():
            for i in range(20):
                await Say("user", f"before {i}")
            name = await WaitForMessage("user")
            for i in range(20):
                await Say("user", f"after {i}, {name}")
            return name
        """)

    /// Where the interposer's path filter finds the store's hot file: the journal of the files
    /// store, the WAL of SQLite.
    static func hotFile(_ store: CLIStore) -> String {
        store == .files ? "/journal" : "state.db-wal"
    }

    /// The uninterrupted run of `program` as execution `baseline`, read back.
    static func baseline(
        _ path: String, store: String, in directory: URL, arguments: [String] = [], environment: [String: String] = [:]
    ) throws -> FinishedExecution {
        let run = try CLI.run(
            ["run", path, "--store", store, "--id", "baseline", "--non-interactive"] + arguments, in: directory, environment: environment)
        try #require(run.status == 0 && run.exited, "uninterrupted run: \(run)")
        return try FinishedExecution.read("baseline", store: store, in: directory, stdout: run.lines)
    }

    /// What the user saw of a message, from a transcript line ("Agent -> user: text" is printed "Agent: text").
    static func printed(_ transcript: String) -> [String] {
        transcript.split(separator: "\n").map { $0.replacingOccurrences(of: " -> user: ", with: ": ") }
    }

    /// Checks a run stopped by a fault, then resumes it (the fault gone) and compares with `expected`.
    ///
    /// - `seen`: what the runs before the fault printed;
    /// - `fault`: texts of which the error message must contain one;
    /// - `ambiguous`: the failed write may have reached the store after all (SQLite's WAL keeps a
    ///   commit whose fsync failed): the message of that await is then in the transcript but was
    ///   never printed, as after a crash just after a checkpoint.
    static func expectRecovery(
        _ id: String, faulted: CLI.Outcome, seen: [String], fault: [String], expected: FinishedExecution, store: String,
        in directory: URL, resumeArguments: [String] = [], ambiguous: Bool = false, context: String
    ) throws {
        // (a) A clear error, naming the execution and the fault; no crash, no hang, no success.
        #expect(faulted.exited && faulted.status == 4, "\(context): \(faulted)")
        #expect(faulted.stderr.contains("execution \(id)"), "\(context): the error does not name the execution: \(faulted.stderr)")
        #expect(fault.contains { faulted.stderr.contains($0) }, "\(context): the error does not name the fault \(fault): \(faulted.stderr)")
        #expect(seen.count < expected.stdout.count, "\(context): the fault did not stop the run: \(faulted)")

        // (b) Nothing committed is lost: every message printed is in the durable transcript, which
        // reads without damage.
        let transcript = try CLI.run(["executions", "show", id, "--store", store, "--transcript"], in: directory)
        #expect(transcript.status == 0 && !transcript.stderr.contains("damage"), "\(context): \(transcript)")
        let durable = printed(transcript.stdout)
        let boundaryMessage = Array(expected.stdout.dropFirst(seen.count).prefix(1))
        #expect(
            durable == seen || (ambiguous && durable == seen + boundaryMessage),
            "\(context): the durable transcript after the fault\n\(durable.joined(separator: "\n"))\nwhat was printed\n\(seen.joined(separator: "\n"))"
        )
        let checkpoints = try CLI.run(["checkpoints", "list", id, "--store", store], in: directory)
        #expect(checkpoints.status == 0, "\(context): \(checkpoints)")

        // (c) The fault gone, the execution resumes and ends as the uninterrupted run did.
        let resumed = try CLI.run(["resume", id, "--store", store, "--non-interactive"] + resumeArguments, in: directory)
        #expect(resumed.status == 0 && resumed.exited, "\(context): resume: \(resumed)")
        #expect(!resumed.stderr.contains("damage"), "\(context): the resume reported damage: \(resumed.stderr)")
        let actual = try FinishedExecution.read(id, store: store, in: directory, stdout: [])
        #expect(actual.transcript == expected.transcript, "\(context): transcript differs")
        #expect(actual.result == expected.result, "\(context): result differs")
        #expect(actual.status == "finished", "\(context): status")
        #expect(actual.state == expected.state, "\(context): final state differs")
        let output = seen + resumed.lines
        var withoutBoundary = expected.stdout
        if seen.count < withoutBoundary.count { withoutBoundary.remove(at: seen.count) }
        #expect(
            output == expected.stdout || (ambiguous && output == withoutBoundary),
            "\(context): output before and after the fault\n\(output.joined(separator: "\n"))\nexpected\n\(expected.stdout.joined(separator: "\n"))"
        )
    }

    /// Runs `loop` with the interposer failing `op` half-way through the calls an uninterrupted
    /// run makes on the store's hot file (counted in a dry run), then checks the recovery. `$DIR`
    /// in a `fault` text stands for the directory of the store.
    func injected(
        op: String, errno number: Int32, store: CLIStore, durability: String, fault: [String], ambiguous: Bool = false
    ) throws {
        let directory = try CLI.temporaryDirectory("fault-\(op)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = try Self.loop.write(into: directory)
        let storeArgument = store.argument(in: directory)
        let context = "\(op) errno \(number) on \(store), durability \(durability)"
        let expected = try Self.baseline(path, store: storeArgument, in: directory, arguments: ["--durability", durability])

        // A dry run counts the calls that could fail (short writes stay short in it).
        let countLog = directory.appendingPathComponent("count.log")
        let dry = try CLI.run(
            ["run", path, "--store", storeArgument, "--id", "dry", "--non-interactive", "--durability", durability], in: directory,
            environment: try StorageFaults.environment(
                op: op, path: Self.hotFile(store), after: 0, errno: number, log: countLog, dryRun: true))
        #expect(dry.status == 0 && dry.lines == expected.stdout, "\(context): dry run: \(dry)")
        let calls = StorageFaults.logLines(countLog).count
        try #require(calls >= 20, "\(context): only \(calls) calls on \(Self.hotFile(store)) in a run")

        let log = directory.appendingPathComponent("fault.log")
        let faulted = try CLI.run(
            ["run", path, "--store", storeArgument, "--id", "faulted", "--non-interactive", "--durability", durability],
            in: directory,
            environment: try StorageFaults.environment(op: op, path: Self.hotFile(store), after: calls / 2, errno: number, log: log))
        #expect(!StorageFaults.logLines(log).isEmpty, "\(context): the interposer injected nothing")
        #expect(faulted.lines.count > 0, "\(context): the fault came before the first message: \(faulted)")
        try Self.expectRecovery(
            "faulted", faulted: faulted, seen: faulted.lines,
            fault: fault.map { $0.replacingOccurrences(of: "$DIR", with: directory.path) },
            expected: expected, store: storeArgument, in: directory,
            ambiguous: ambiguous, context: context)
    }

    static let writeErrors: [(CLIStore, Int32)] = CLIStore.allCases.flatMap { store in [EIO, ENOSPC, EROFS].map { (store, $0) } }

    @Test("a write fails with EIO, ENOSPC or EROFS", arguments: writeErrors)
    func writeFails(store: CLIStore, errno number: Int32) throws {
        // The files store says the system's message; SQLite its own classification, by name, and
        // for EROFS (to SQLite a "disk I/O error", as EIO is) that the file system is read-only,
        // with the path: "sqlite:DIR/state.db: cannot write DIR/state.db: Read-only file system".
        let text: String
        switch (store, number) {
        case (.files, _): text = String(cString: strerror(number))
        case (.sqlite, ENOSPC): text = "SQLITE_FULL"
        case (.sqlite, EROFS): text = "cannot write $DIR/state.db: Read-only file system"
        default: text = "SQLITE_IOERR_WRITE"
        }
        try injected(op: "write", errno: number, store: store, durability: "process", fault: [text])
    }

    /// The files store cuts a record whose fsync failed back out of the journal, so the output is
    /// exact; SQLite's WAL may keep the commit (see ``expectRecovery``).
    @Test("an fsync fails with EIO (durability machine)", arguments: CLIStore.allCases)
    func fsyncFails(store: CLIStore) throws {
        try injected(
            op: "fsync", errno: EIO, store: store, durability: "machine",
            fault: [store == .files ? "cannot fdatasync" : "SQLITE_IOERR_FSYNC"],
            ambiguous: store == .sqlite)
    }

    /// Every write is short (the dry run shows that alone changes nothing); from the middle on, the
    /// rest of a write fails after its first half landed.
    @Test("short writes, then a write cut short by EIO", arguments: CLIStore.allCases)
    func shortWrites(store: CLIStore) throws {
        try injected(
            op: "short", errno: EIO, store: store, durability: "process",
            fault: [store == .files ? "Input/output error" : "SQLITE_IOERR_WRITE"])
    }

    /// A real full filesystem: a small tmpfs filled up to a few pages, freed after the fault.
    @Test("ENOSPC on a full tmpfs", arguments: CLIStore.allCases)
    func diskFull(store: CLIStore) throws {
        let directory = try CLI.temporaryDirectory("enospc")
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = try Self.loop.write(into: directory)
        let expected = try Self.baseline(path, store: store.argument(in: directory), in: directory)

        let mount = try TmpfsMount(label: "enospc", size: "4m")
        defer { mount.unmount() }
        let storeArgument = store.argument(in: mount.directory)
        // Enough for the store and some records; found by trying (4 KiB pages; SQLite needs its
        // WAL index and a few WAL pages before the first commit).
        try mount.fill(leaving: store == .files ? 48 * 1024 : 192 * 1024)
        let faulted = try CLI.run(["run", path, "--store", storeArgument, "--id", "full", "--non-interactive"], in: directory)
        #expect(faulted.lines.count > 0, "\(store): the disk was full before the first message: \(faulted)")
        try mount.removeFiller()
        try Self.expectRecovery(
            "full", faulted: faulted, seen: faulted.lines, fault: ["No space left on device", "database or disk is full"],
            expected: expected, store: storeArgument, in: directory, context: "ENOSPC on \(store)")
    }

    /// A real read-only filesystem: remounted `ro` while the execution waits, then `rw` again.
    @Test("a filesystem remounted read-only", arguments: CLIStore.allCases)
    func readOnly(store: CLIStore) async throws {
        let directory = try CLI.temporaryDirectory("erofs")
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = try Self.waiting.write(into: directory)
        let expected = try Self.baseline(path, store: store.argument(in: directory), in: directory, arguments: ["--message", "Ada"])

        let mount = try TmpfsMount(label: "erofs", size: "16m")
        defer { mount.unmount() }
        let storeArgument = store.argument(in: mount.directory)
        let first = try CLI.run(["run", path, "--store", storeArgument, "--id", "ro", "--non-interactive"], in: directory)
        try #require(first.status == 3, "the run did not stop waiting: \(first)")
        try mount.remount("ro")
        let faulted = try CLI.run(["resume", "ro", "--store", storeArgument, "--non-interactive", "--message", "Ada"], in: directory)
        if store == .sqlite {
            // The resume stops at the lock files (beside the database) first; SQLite's own
            // report of the read-only file system, from a store opened on it and written to.
            let database = mount.directory.appendingPathComponent("state.db").path
            let message = await Self.firstWriteError(sqlite: database)
            #expect(
                message.contains("sqlite:\(database): cannot write \(database): Read-only file system"),
                "SQLite on a read-only file system: \(message)")
        }
        try mount.remount("rw")
        try Self.expectRecovery(
            "ro", faulted: faulted, seen: first.lines, fault: ["Read-only file system", "readonly database"], expected: expected,
            store: storeArgument, in: directory, resumeArguments: ["--message", "Ada"], context: "read-only \(store)")
    }

    /// The error of opening the SQLite store at `path` and creating an execution in it.
    static func firstWriteError(sqlite path: String) async -> String {
        do {
            let store = try SQLiteCheckpointStore(path: path)
            let id = try ExecutionID(validating: "written-read-only")
            try await store.createExecution(ExecutionInfo(id: id, programPath: "p.pb", programHash: "0"))
            return "no error"
        } catch {
            return "\(error)"
        }
    }

    /// Another connection holds SQLite's write lock (`BEGIN IMMEDIATE`): a short hold is waited out;
    /// one longer than the busy timeout fails with SQLITE_BUSY, and the execution resumes after.
    @Test("SQLITE_BUSY: another connection holds the write lock")
    func sqliteBusy() throws {
        let directory = try CLI.temporaryDirectory("busy")
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = try Self.waiting.write(into: directory)
        let storeArgument = CLIStore.sqlite.argument(in: directory)
        let database = directory.appendingPathComponent("state.db").path
        let expected = try Self.baseline(path, store: storeArgument, in: directory, arguments: ["--message", "Ada"])

        // Held for 2 s: the resume waits, then runs to the end.
        let short = try CLI.run(["run", path, "--store", storeArgument, "--id", "short", "--non-interactive"], in: directory)
        try #require(short.status == 3, "\(short)")
        var holder = try SQLiteWriteLockHolder(path: database)
        let started = Date()
        let waiting = try Child(["resume", "short", "--store", storeArgument, "--non-interactive", "--message", "Ada"], in: directory)
        Thread.sleep(forTimeInterval: 2)
        holder.release()
        let waited = waiting.wait(timeout: 60)
        #expect(waited.status == 0 && waited.exited, "a 2 s lock was not waited out: \(waited)")
        #expect(Date().timeIntervalSince(started) >= 2)
        #expect(short.lines + waited.lines == expected.stdout)
        #expect(try FinishedExecution.read("short", store: storeArgument, in: directory, stdout: []).transcript == expected.transcript)

        // Held past the busy timeout: a clear error after it, then a resume that finishes.
        let long = try CLI.run(["run", path, "--store", storeArgument, "--id", "long", "--non-interactive"], in: directory)
        try #require(long.status == 3, "\(long)")
        holder = try SQLiteWriteLockHolder(path: database)
        let before = Date()
        let faulted = try CLI.run(["resume", "long", "--store", storeArgument, "--non-interactive", "--message", "Ada"], in: directory)
        let elapsed = Date().timeIntervalSince(before)
        holder.release()
        #expect(elapsed >= SQLiteCheckpointStore.busyTimeout - 0.5, "gave up after \(elapsed) s")
        #expect(elapsed < SQLiteCheckpointStore.busyTimeout + 30, "waited \(elapsed) s")
        try Self.expectRecovery(
            "long", faulted: faulted, seen: long.lines, fault: ["SQLITE_BUSY"], expected: expected, store: storeArgument,
            in: directory, resumeArguments: ["--message", "Ada"], context: "SQLITE_BUSY")
    }
}
