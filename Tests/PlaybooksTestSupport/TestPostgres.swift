import Foundation
import PlaybooksDurability
import PlaybooksPostgres

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The PostgreSQL server of this test process: the one in `PLAYBOOKS_TEST_POSTGRES_URL`, or else a
/// throwaway server that `scripts/postgres-throwaway.sh` starts on first use (once per process,
/// shared by all tests, stopped at exit). Without either, PostgreSQL tests fail saying what to do.
public enum TestPostgres {
    public struct Unavailable: Error, CustomStringConvertible {
        public var description: String
    }

    /// Store options for tests: few connections per store, and a long timeout, as the whole suite
    /// running in parallel on 2 cores can keep a store's tasks from running for many seconds (CPU-bound
    /// suites — snapshot mutations, deep data, budgets — hold both cooperative threads for a while;
    /// 90 s was seen to run out once, with a package build beside the tests).
    public static var options: PostgresCheckpointStore.Options {
        var options = PostgresCheckpointStore.Options()
        options.timeout = .seconds(300)
        options.maximumConnections = 4
        return options
    }

    /// The server's URL (password included), or the reason there is none.
    public static func url() throws -> String { try server.get() }

    private static let server: Result<String, Unavailable> = {
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
public struct ThrowawayPostgres: Sendable {
    public let directory: String
    public let url: String

    static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("scripts/postgres-throwaway.sh").path

    public static func start() -> Result<ThrowawayPostgres, TestPostgres.Unavailable> {
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
    public static func stop(directory: String) { _ = run(["stop", directory]) }

    /// Stops the server, keeping its data: the server is down until ``resume()``.
    public func pause() async { _ = await ThrowawayPostgres.runOffThePool(["pause", directory]) }
    /// Starts the paused server again on its port.
    public func resume() async { _ = await ThrowawayPostgres.runOffThePool(["resume", directory]) }
    public func stop() { ThrowawayPostgres.stop(directory: directory) }

    /// ``start()`` without blocking a thread of the cooperative pool.
    public static func startOffThePool() async -> Result<ThrowawayPostgres, TestPostgres.Unavailable> {
        await withCheckedContinuation { continuation in Thread { continuation.resume(returning: start()) }.start() }
    }

    /// Runs the script on a thread of its own, so that tests running meanwhile keep the pool's threads.
    public static func runOffThePool(_ arguments: [String]) async -> (Int32, String) {
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
