import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Thin, error-mapped wrappers over the POSIX file calls the files store and the locks use.
/// Every failure becomes ``StoreError/unavailable(_:)`` naming the path and the system's message.
enum POSIXFile {
    static func message(_ code: Int32) -> String { String(cString: strerror(code)) }

    static func failure(_ what: String, _ path: String, _ code: Int32 = errno) -> StoreError {
        .unavailable("\(what) \(path): \(message(code))")
    }

    /// Opens `path`; retries on EINTR.
    static func open(_ path: String, _ flags: Int32, mode: mode_t = 0o644) -> Int32 {
        while true {
            #if canImport(Glibc)
                let fd = Glibc.open(path, flags | O_CLOEXEC, mode)
            #else
                let fd = Darwin.open(path, flags | O_CLOEXEC, mode)
            #endif
            if fd >= 0 || errno != EINTR { return fd }
        }
    }

    /// The whole content of the open file `fd` (read with `pread` from offset 0).
    static func readAll(_ fd: Int32, path: String) throws(StoreError) -> [UInt8] {
        var st = stat()
        guard fstat(fd, &st) == 0 else { throw failure("cannot stat", path) }
        var bytes = [UInt8](repeating: 0, count: Int(st.st_size))
        var done = 0
        while done < bytes.count {
            let n = bytes.withUnsafeMutableBytes { buf in
                pread(fd, buf.baseAddress.map { $0 + done }, buf.count - done, off_t(done))
            }
            if n < 0 {
                if errno == EINTR { continue }
                throw failure("cannot read", path)
            }
            if n == 0 { break }  // shrank meanwhile
            done += n
        }
        if done < bytes.count { bytes.removeLast(bytes.count - done) }
        return bytes
    }

    /// The content of the file at `path`, or `nil` when there is none.
    static func readFile(_ path: String) throws(StoreError) -> [UInt8]? {
        let fd = open(path, O_RDONLY)
        if fd < 0 {
            if errno == ENOENT { return nil }
            throw failure("cannot open", path)
        }
        defer { close(fd) }
        return try readAll(fd, path: path)
    }

    /// Writes all of `bytes` at the file's current position (the end, for `O_APPEND`).
    static func writeAll(_ fd: Int32, _ bytes: [UInt8], path: String) throws(StoreError) {
        var done = 0
        while done < bytes.count {
            let n = bytes.withUnsafeBytes { buf in write(fd, buf.baseAddress.map { $0 + done }, buf.count - done) }
            if n < 0 {
                if errno == EINTR { continue }
                throw failure("cannot write", path)
            }
            done += n
        }
    }

    static func sync(_ fd: Int32, path: String) throws(StoreError) {
        guard fsync(fd) == 0 else { throw failure("cannot fsync", path) }
    }

    static func syncData(_ fd: Int32, path: String) throws(StoreError) {
        #if os(Linux)
            guard fdatasync(fd) == 0 else { throw failure("cannot fdatasync", path) }
        #else
            guard fsync(fd) == 0 else { throw failure("cannot fsync", path) }
        #endif
    }

    /// Makes the entries of directory `path` (creations, renames, deletions) durable.
    static func syncDirectory(_ path: String) throws(StoreError) {
        let fd = open(path, O_RDONLY | O_DIRECTORY)
        guard fd >= 0 else { throw failure("cannot open directory", path) }
        defer { close(fd) }
        try sync(fd, path: path)
    }

    static func parentDirectory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    /// Writes `bytes` to a temporary file next to `path`, then renames it over `path` (or, when
    /// `exclusive`, links it to `path` and returns `false` if `path` already exists). With `sync`,
    /// the file and its directory are fsynced, so the new content survives power loss.
    @discardableResult
    static func atomicWrite(_ bytes: [UInt8], to path: String, sync: Bool, exclusive: Bool = false) throws(StoreError) -> Bool {
        let temp = "\(path).tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        let fd = open(temp, O_WRONLY | O_CREAT | O_EXCL, mode: 0o644)
        guard fd >= 0 else { throw failure("cannot create", temp) }
        do {
            try writeAll(fd, bytes, path: temp)
            if sync { try self.sync(fd, path: temp) }
        } catch {
            close(fd)
            unlink(temp)
            throw error
        }
        close(fd)
        if exclusive {
            let linked = link(temp, path)
            let code = errno
            unlink(temp)
            if linked != 0 {
                if code == EEXIST { return false }
                throw failure("cannot create", path, code)
            }
        } else if rename(temp, path) != 0 {
            let code = errno
            unlink(temp)
            throw failure("cannot rename \(temp) to", path, code)
        }
        if sync { try syncDirectory(parentDirectory(of: path)) }
        return true
    }

    /// Creates directory `path` if missing (its parent must exist); returns whether it created it.
    @discardableResult
    static func makeDirectory(_ path: String) throws(StoreError) -> Bool {
        if mkdir(path, 0o755) == 0 { return true }
        let code = errno
        if code == EEXIST, isDirectory(path) { return false }
        throw failure("cannot create directory", path, code)
    }

    /// Creates directory `path` and its missing parents.
    static func makeDirectories(_ path: String) throws(StoreError) {
        if isDirectory(path) { return }
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            throw .unavailable("cannot create directory \(path): \(error.localizedDescription)")
        }
        guard isDirectory(path) else { throw .unavailable("cannot create directory \(path): a file is in the way") }
    }

    static func isDirectory(_ path: String) -> Bool {
        var st = stat()
        return stat(path, &st) == 0 && (st.st_mode & S_IFMT) == S_IFDIR
    }

    static func exists(_ path: String) -> Bool {
        var st = stat()
        return stat(path, &st) == 0
    }

    /// Whether the file system holding `path` (or its directory, when it does not exist) is
    /// mounted read-only.
    static func isOnReadOnlyFileSystem(_ path: String) -> Bool {
        var info = statvfs()
        let target = exists(path) ? path : parentDirectory(of: path)
        return statvfs(target, &info) == 0 && info.f_flag & UInt(ST_RDONLY) != 0
    }

    /// Whether this process may write `path` (or create it in its directory, when it does not exist).
    static func isWritable(_ path: String) -> Bool {
        access(exists(path) ? path : parentDirectory(of: path), W_OK) == 0
    }

    /// The names in directory `path`, or `[]` when it does not exist.
    static func list(_ path: String) throws(StoreError) -> [String] {
        guard let dir = opendir(path) else {
            if errno == ENOENT { return [] }
            throw failure("cannot list", path)
        }
        defer { closedir(dir) }
        var names: [String] = []
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names
    }
}
