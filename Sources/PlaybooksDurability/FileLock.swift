import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// An exclusive hold on one execution, kept as a `flock` on a lock file.
///
/// The holder writes "pid N on host H" into the file so that a refused caller can say who has it.
/// `flock` belongs to an open file description, and the OS drops it when the holder's process
/// dies. Within one process a registry of held paths refuses a second hold as well.
///
/// ```swift
/// let lock = try FileExecutionLock.acquire(id, path: "/srv/state/ex-1/lock")
/// defer { lock.release() }
/// ```
public final class FileExecutionLock: ExecutionLock, @unchecked Sendable {
    public let executionID: ExecutionID
    /// The lock file.
    public let path: String
    private let descriptor: Locked<Int32?>

    /// Paths held by locks of this process.
    private static let heldPaths = Locked<Set<String>>([])

    private init(executionID: ExecutionID, path: String, fd: Int32) {
        self.executionID = executionID
        self.path = path
        self.descriptor = Locked(fd)
    }

    /// Who holds this process's locks, as written into lock files.
    public static var holderDescription: String {
        var name = [CChar](repeating: 0, count: 256)
        let host =
            gethostname(&name, name.count - 1) == 0
            ? String(decoding: name.prefix(while: { $0 != 0 }).map { UInt8(bitPattern: $0) }, as: UTF8.self) : "unknown host"
        return "pid \(getpid()) on host \(host)"
    }

    /// Takes the lock file at `path` (created if missing; its directory must exist), or throws
    /// ``StoreError/locked(_:holder:)`` naming the current holder.
    public static func acquire(_ id: ExecutionID, path: String) throws(StoreError) -> FileExecutionLock {
        let reserved = heldPaths.withLock { $0.insert(path).inserted }
        guard reserved else { throw .locked(id, holder: holder(at: path) ?? "this process") }
        let fd = POSIXFile.open(path, O_RDWR | O_CREAT, mode: 0o644)
        guard fd >= 0 else {
            let error = POSIXFile.failure("cannot open lock file", path)
            _ = heldPaths.withLock { $0.remove(path) }
            throw error
        }
        var taken: Int32
        var code: Int32 = 0
        var waits = 0
        while true {
            repeat { taken = flock(fd, LOCK_EX | LOCK_NB) } while taken != 0 && errno == EINTR
            code = taken == 0 ? 0 : errno
            // A held lock whose file is empty was released a moment ago (release empties the file
            // before closing it), but a child process forked by another thread of this process may
            // still hold a copy of the descriptor until it calls exec. That passes in milliseconds:
            // wait for it (up to 2 s) rather than report a holder that is not there.
            guard taken != 0, code == EWOULDBLOCK, waits < 200, (holder(at: path) ?? "").isEmpty else { break }
            waits += 1
            usleep(10_000)
        }
        if taken != 0 {
            close(fd)
            _ = heldPaths.withLock { $0.remove(path) }
            if code == EWOULDBLOCK {
                throw .locked(id, holder: holder(at: path) ?? "another process")
            }
            throw POSIXFile.failure("cannot lock", path, code)
        }
        let text = Array(holderDescription.utf8)
        _ = ftruncate(fd, 0)
        _ = text.withUnsafeBytes { pwrite(fd, $0.baseAddress, $0.count, 0) }
        return FileExecutionLock(executionID: id, path: path, fd: fd)
    }

    /// The holder text in the lock file at `path`, if any.
    static func holder(at path: String) -> String? {
        guard let bytes = try? POSIXFile.readFile(path), !bytes.isEmpty else { return nil }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Whether this lock is still held.
    public var isHeld: Bool { descriptor.withLock { $0 != nil } }

    public func release() {
        guard
            let fd = descriptor.withLock({ (fd: inout Int32?) -> Int32? in
                defer { fd = nil }; return fd
            })
        else { return }
        _ = ftruncate(fd, 0)
        close(fd)  // drops the flock
        _ = FileExecutionLock.heldPaths.withLock { $0.remove(path) }
    }

    deinit { release() }
}
