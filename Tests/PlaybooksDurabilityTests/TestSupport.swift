import Foundation
import Testing

@testable import PlaybooksDurability
@testable import PlaybooksPostgres

/// The stores the conformance suite runs against.
enum StoreKind: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case files, sqlite, postgres
    var testDescription: String { rawValue }
}

/// A directory under the system's temporary directory. Tests remove it with
/// `defer { directory.remove() }`, which also keeps it alive until the test ends.
final class TemporaryDirectory: Sendable {
    let path: String

    init() {
        let base = NSTemporaryDirectory().hasSuffix("/") ? NSTemporaryDirectory() : NSTemporaryDirectory() + "/"
        path = base + "playbooks-durability-\(UUID().uuidString)"
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    func remove() { try? FileManager.default.removeItem(atPath: path) }
}

/// Counts failpoint crashes instead of dying.
final class CrashCounter: Sendable {
    private let count = Locked(0)
    var crashes: Int { count.withLock { $0 } }
    var closure: @Sendable () -> Void { { [count] in count.withLock { $0 += 1 } } }
}

/// A store of one kind in its own temporary directory; ``open(durability:failpoints:crash:)`` can
/// be called again to reopen the same data, as a new process would.
struct StoreFixture {
    let kind: StoreKind
    let directory = TemporaryDirectory()
    /// A schema of its own in the test server's database, so that PostgreSQL tests run in parallel.
    let postgresSchema = "playbooks_test_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")

    func remove() { directory.remove() }

    var location: StoreLocation {
        switch kind {
        case .files: return .files(directory: directory.path + "/journal")
        case .sqlite: return .sqlite(path: directory.path + "/db/state.db")
        case .postgres:
            let server = (try? TestPostgres.url()) ?? "postgres://nobody@127.0.0.1:1/none"
            return .postgres(url: server + (server.contains("?") ? "&" : "?") + "schema=\(postgresSchema)")
        }
    }

    func open(
        durability: DurabilityLevel = .process, failpoints: Failpoints = Failpoints(), crash: @escaping @Sendable () -> Void = {}
    ) throws -> any CheckpointStore {
        switch location {
        case .files(let dir): return try FileCheckpointStore(directory: dir, durability: durability, failpoints: failpoints, crash: crash)
        case .sqlite(let path): return try SQLiteCheckpointStore(path: path, durability: durability, failpoints: failpoints, crash: crash)
        case .postgres(let url):
            _ = try TestPostgres.url()  // fails with how to provide a server
            return try PostgresCheckpointStore(
                url: url, durability: durability, failpoints: failpoints, options: TestPostgres.options, crash: crash)
        }
    }
}

func makeID(_ text: String) -> ExecutionID {
    (try? ExecutionID(validating: text)) ?? ExecutionID.generate()
}

func makeInfo(_ id: ExecutionID, createdAt: Date = Date(timeIntervalSinceReferenceDate: 800_000_000.25)) -> ExecutionInfo {
    ExecutionInfo(
        id: id, programPath: "Examples/\(id).pb", programHash: String(repeating: "ab", count: 32), createdAt: createdAt,
        attributes: ["agent": "Main"])
}

/// Records `range` with payloads that differ per sequence (`size` bytes each).
func makeRecords(_ range: ClosedRange<Int>, size: Int = 30) -> [JournalRecord] {
    range.map { n in
        JournalRecord(sequence: n, kind: UInt8(n % 7), payload: (0..<size).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ n) })
    }
}

/// An execution created in `store` with `count` records appended.
func makeExecution(_ store: any CheckpointStore, _ name: String, records count: Int = 0, size: Int = 30) async throws -> ExecutionID {
    let id = makeID(name)
    try await store.createExecution(makeInfo(id))
    if count > 0 { try await store.append(makeRecords(1...count, size: size), to: id) }
    return id
}

/// Rewrites file `path` with `change` applied to its bytes.
func editFile(_ path: String, _ change: (inout [UInt8]) -> Void) throws {
    var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
    change(&bytes)
    try Data(bytes).write(to: URL(fileURLWithPath: path))
}

/// The PostgreSQL server of this test process: the one in `PLAYBOOKS_TEST_POSTGRES_URL`, or else a
/// throwaway server that `scripts/postgres-throwaway.sh` starts on first use (once per process,
/// shared by all tests, stopped at exit). Without either, PostgreSQL tests fail saying what to do.
enum TestPostgres {
    struct Unavailable: Error, CustomStringConvertible {
        var description: String
    }

    /// Store options for tests: few connections per store, and a long timeout, as the whole suite
    /// running in parallel on 2 cores can keep a store's tasks from running for many seconds.
    static var options: PostgresCheckpointStore.Options {
        var options = PostgresCheckpointStore.Options()
        options.timeout = .seconds(90)
        options.maximumConnections = 4
        return options
    }

    /// The server's URL (password included), or the reason there is none.
    static func url() throws -> String { try server.get() }

    private static let server: Result<String, Unavailable> = {
        PostgresCheckpointStore.registerWithOpenStore()
        if let url = ProcessInfo.processInfo.environment["PLAYBOOKS_TEST_POSTGRES_URL"], !url.isEmpty { return .success(url) }
        switch ThrowawayPostgres.start() {
        case .success(let server):
            startedDirectory.withLock { $0 = server.directory }
            atexit { TestPostgres.stopAtExit() }
            return .success(server.url)
        case .failure(let error):
            return .failure(
                Unavailable(
                    description: """
                        no PostgreSQL server for the tests. Either set PLAYBOOKS_TEST_POSTGRES_URL=postgres://USER:PASSWORD@HOST:PORT/DB \
                        (a database the tests may create schemas in), or install PostgreSQL (apt-get install -y postgresql) so that \
                        the tests start a throwaway server with scripts/postgres-throwaway.sh. Starting one failed: \(error)
                        """))
        }
    }()

    private static let startedDirectory = Locked<String?>(nil)

    private static func stopAtExit() {
        guard let directory = startedDirectory.withLock({ $0 }) else { return }
        ThrowawayPostgres.stop(directory: directory)
    }
}

/// A server started by `scripts/postgres-throwaway.sh` (as the `postgres` user when root).
struct ThrowawayPostgres: Sendable {
    let directory: String
    let url: String

    static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("scripts/postgres-throwaway.sh").path

    static func start() -> Result<ThrowawayPostgres, TestPostgres.Unavailable> {
        let (status, output) = run(["start", String(getpid())])  // stopped at exit, or when this process dies
        var values: [String: String] = [:]
        for line in output.split(separator: "\n") {
            let parts = line.split(separator: "=", maxSplits: 1).map(String.init)
            if parts.count == 2 { values[parts[0]] = parts[1] }
        }
        guard status == 0, let directory = values["PLAYBOOKS_PG_DIR"], let url = values["PLAYBOOKS_TEST_POSTGRES_URL"] else {
            return .failure(TestPostgres.Unavailable(description: "\(script) start exited with \(status): \(output)"))
        }
        return .success(ThrowawayPostgres(directory: directory, url: url))
    }

    /// Stops the server and removes its directory.
    static func stop(directory: String) { _ = run(["stop", directory]) }

    /// Stops the server, keeping its data: the server is down until ``resume()``.
    func pause() async { _ = await ThrowawayPostgres.runOffThePool(["pause", directory]) }
    /// Starts the paused server again on its port.
    func resume() async { _ = await ThrowawayPostgres.runOffThePool(["resume", directory]) }
    func stop() { ThrowawayPostgres.stop(directory: directory) }

    /// ``start()`` without blocking a thread of the cooperative pool.
    static func startOffThePool() async -> Result<ThrowawayPostgres, TestPostgres.Unavailable> {
        await withCheckedContinuation { continuation in Thread { continuation.resume(returning: start()) }.start() }
    }

    /// Runs the script on a thread of its own, so that tests running meanwhile keep the pool's threads.
    static func runOffThePool(_ arguments: [String]) async -> (Int32, String) {
        await withCheckedContinuation { continuation in Thread { continuation.resume(returning: run(arguments)) }.start() }
    }

    /// Runs the script; its exit status and what it printed (stdout and stderr).
    ///
    /// With `system`, not Foundation's `Process`: `Process.waitUntilExit()` waits for a dispatch
    /// source that may never run while every thread of the (2-core) cooperative pool is blocked, as
    /// they are when tests wait for this lazily started server.
    private static func run(_ arguments: [String]) -> (Int32, String) {
        let output = NSTemporaryDirectory() + "/playbooks-pg-script-\(UUID().uuidString).out"
        defer { try? FileManager.default.removeItem(atPath: output) }
        let quoted = ([script] + arguments).map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }
        let status = system("/bin/bash \(quoted.joined(separator: " ")) </dev/null >'\(output)' 2>&1")
        let text = (try? String(contentsOfFile: output, encoding: .utf8)) ?? ""
        return (status == -1 ? -1 : (status >> 8) & 0xFF, text)
    }
}
