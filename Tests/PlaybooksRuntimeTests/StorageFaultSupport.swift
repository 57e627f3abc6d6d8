import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The means of the storage-fault tests: the `LD_PRELOAD` interposer that fails writes and fsyncs
/// (`scripts/storage-fault-interposer.c`, built here with the C compiler), and small tmpfs
/// mounts for real `ENOSPC` and read-only filesystems (root only).
enum StorageFaults {
    /// The repository's root, from this file's path.
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// Runs `executable arguments` to the end; returns its status and what it printed.
    @discardableResult
    static func command(_ executable: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    /// The first of `names` found on `PATH` (or beside the `swift` toolchain's compiler).
    static func findExecutable(_ names: [String]) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        let directories = path.split(separator: ":").map(String.init) + ["/usr/bin", "/usr/local/bin", "/bin", "/sbin", "/usr/sbin"]
        for name in names {
            for directory in directories where FileManager.default.isExecutableFile(atPath: "\(directory)/\(name)") {
                return "\(directory)/\(name)"
            }
        }
        return nil
    }

    /// The interposer, compiled once per test process into a temporary directory; a failure to
    /// build it is an error (never a skip).
    static let interposer: Result<String, InterposerError> = {
        let source = repository.appendingPathComponent("scripts/storage-fault-interposer.c").path
        guard FileManager.default.fileExists(atPath: source) else { return .failure(InterposerError(text: "no \(source)")) }
        guard let compiler = findExecutable(["cc", "clang", "gcc"]) else {
            return .failure(InterposerError(text: "no C compiler (cc, clang, gcc) on PATH to build \(source)"))
        }
        let output = FileManager.default.temporaryDirectory.appendingPathComponent(
            "storage-fault-interposer-\(getpid())-\(UUID().uuidString).so"
        ).path
        do {
            let built = try command(compiler, ["-shared", "-fPIC", "-O1", "-o", output, source, "-ldl"])
            guard built.status == 0 else { return .failure(InterposerError(text: "\(compiler) failed: \(built.output)")) }
        } catch {
            return .failure(InterposerError(text: "cannot run \(compiler): \(error)"))
        }
        return .success(output)
    }()

    struct InterposerError: Error, CustomStringConvertible {
        var text: String
        var description: String { "cannot build the storage-fault interposer: \(text)" }
    }

    /// The environment that makes a child `playbooks` fail `op` calls on files whose path contains
    /// `path`, after `after` such calls succeeded (see the interposer's header).
    static func environment(
        op: String, path: String, after: Int, errno number: Int32 = EIO, log: URL, dryRun: Bool = false
    ) throws -> [String: String] {
        var env = [
            "LD_PRELOAD": try interposer.get(), "PLAYBOOKS_FAULT_OP": op, "PLAYBOOKS_FAULT_PATH": path,
            "PLAYBOOKS_FAULT_AFTER": "\(after)", "PLAYBOOKS_FAULT_ERRNO": "\(number)", "PLAYBOOKS_FAULT_LOG": log.path,
        ]
        if dryRun { env["PLAYBOOKS_FAULT_DRY_RUN"] = "1" }
        return env
    }

    /// The lines of the interposer's log (none when it injected nothing).
    static func logLines(_ log: URL) -> [String] {
        ((try? String(contentsOf: log, encoding: .utf8)) ?? "").split(separator: "\n").map(String.init)
    }
}

/// A tmpfs mounted on a fresh directory for one test: real `ENOSPC` when it is full, a real
/// read-only filesystem when remounted so. Mounting needs root (CI runs as root); a test that
/// cannot mount fails.
final class TmpfsMount {
    let directory: URL
    private var mounted = false

    init(label: String, size: String) throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("storage-fault-\(label)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let mount = try #require(StorageFaults.findExecutable(["mount"]), "no mount command")
        let result = try StorageFaults.command(mount, ["-t", "tmpfs", "-o", "size=\(size)", "tmpfs", directory.path])
        try #require(
            result.status == 0,
            "cannot mount a tmpfs on \(directory.path) (the storage-fault tests need root): \(result.output)")
        mounted = true
    }

    /// `mount -o remount,OPTIONS`: `ro`, `rw`, `size=...`.
    func remount(_ options: String) throws {
        let mount = try #require(StorageFaults.findExecutable(["mount"]), "no mount command")
        let result = try StorageFaults.command(mount, ["-o", "remount,\(options)", directory.path])
        try #require(result.status == 0, "cannot remount \(directory.path) \(options): \(result.output)")
    }

    /// Free bytes on the filesystem.
    func available() throws -> Int {
        var st = statvfs()
        try #require(statvfs(directory.path, &st) == 0, "statvfs \(directory.path)")
        return Int(st.f_bavail) * Int(st.f_frsize)
    }

    /// Fills the filesystem with `DIR/filler` until `free` bytes are left.
    func fill(leaving free: Int) throws {
        let available = try available()
        let size = available - free
        try #require(size > 0, "the tmpfs has only \(available) bytes free")
        let fd = open(directory.appendingPathComponent("filler").path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        try #require(fd >= 0, "cannot create the filler file")
        defer { close(fd) }
        let chunk = [UInt8](repeating: 0x5A, count: 4096)
        var left = size
        while left > 0 {
            let n = chunk.withUnsafeBytes { write(fd, $0.baseAddress, min(left, chunk.count)) }
            try #require(n > 0, "writing the filler failed: \(String(cString: strerror(errno)))")
            left -= n
        }
    }

    /// Frees the space the filler took.
    func removeFiller() throws {
        try FileManager.default.removeItem(at: directory.appendingPathComponent("filler"))
    }

    /// Unmounts it and removes the directory; call it with `defer` right after mounting, so the
    /// mount lives to the end of the test (ARC may free an object after its last use).
    func unmount() {
        if mounted, let umount = StorageFaults.findExecutable(["umount"]) {
            _ = try? StorageFaults.command(umount, [directory.path])
            mounted = false
        }
        try? FileManager.default.removeItem(at: directory)
    }

    deinit { unmount() }
}
