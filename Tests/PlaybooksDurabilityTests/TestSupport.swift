import Foundation
import PlaybooksTestSupport
import Testing

@testable import PlaybooksDurability
@testable import PlaybooksPostgres

/// The stores the conformance suite runs against.
enum StoreKind: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case files, sqlite, postgres, memory
    var testDescription: String { rawValue }

    /// The stores that keep their data outside this process (all but memory): they can be reopened
    /// from a location, as another process would, and their bytes can be damaged.
    static let persistent: [StoreKind] = allCases.filter { $0 != .memory }
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

    /// The memory store's one instance: every ``open(durability:failpoints:crash:)`` of a memory
    /// fixture is the same process looking at the same data.
    let memory = MemoryCheckpointStore()

    func remove() { directory.remove() }

    /// Where the store is; nil for the memory store, which has no location to open.
    var location: StoreLocation? {
        switch kind {
        case .memory: return nil
        case .files: return .files(directory: directory.path + "/journal")
        case .sqlite: return .sqlite(path: directory.path + "/db/state.db")
        case .postgres:
            let server = (try? TestPostgres.url()) ?? "postgres://nobody@127.0.0.1:1/none"
            return .url(server + (server.contains("?") ? "&" : "?") + "schema=\(postgresSchema)")
        }
    }

    func open(
        durability: DurabilityLevel = .process, failpoints: Failpoints = Failpoints(), crash: @escaping @Sendable () -> Void = {}
    ) throws -> any CheckpointStore {
        switch location {
        case nil: return memory
        case .files(let dir): return try FileCheckpointStore(directory: dir, durability: durability, failpoints: failpoints, crash: crash)
        case .sqlite(let path): return try SQLiteCheckpointStore(path: path, durability: durability, failpoints: failpoints, crash: crash)
        case .url(let url):
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
