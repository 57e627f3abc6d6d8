import PlaybooksChecksum

/// Saved state of a ``StreamingExecutor``: `PBSX`, a version byte, the payload (the statement
/// queue: splitter state and statements not yet run; the running statement; the VM snapshot),
/// then a CRC-32 of all that. Version 1 (before the one statement queue) is refused by name.
enum StreamingStateFormat {
    static let magic: [UInt8] = [0x50, 0x42, 0x53, 0x58]  // "PBSX"
    static let version: UInt8 = 2
}

extension StatementSplitter {
    func encode(into w: inout ByteWriter) {
        w.u8(fenceMode.rawValue)
        w.varint(line)
        w.varint(column)
        w.varint(probe)
        w.bool(inFenceLine)
        w.bool(afterCR)
        w.u8(lex.rawValue)
        w.u8(quote)
        w.varint(tripleRun)
        w.varint(depth)
        w.bool(pendingBackslash)
        w.bool(joined)
        w.u8(lineState.rawValue)
        w.count(word.count)
        w.bytes.append(contentsOf: word)
        w.bool(decided)
        w.varint(lineStartOffset)
        w.varint(lineStartLine)
        w.u8(lastSignificant)
        w.count(buffer.count)
        w.bytes.append(contentsOf: buffer)
        w.u8(kind.rawValue)
        w.varint(statementLine)
        w.varint(statementsReleased)
        w.count(output.count)
        for item in output {
            switch item {
            case .firstFence:
                w.u8(0)
            case .statement(let s):
                w.u8(1)
                w.string(s.text)
                w.varint(s.line)
            }
        }
    }

    init(from r: inout ByteReader) throws(SnapshotError) {
        self.init()
        func raw<E: RawRepresentable>(_ type: E.Type, _ what: String, _ r: inout ByteReader) throws(SnapshotError) -> E
        where E.RawValue == UInt8 {
            let v = try r.u8()
            guard let e = E(rawValue: v) else { throw SnapshotError("streaming state is damaged: bad \(what) \(v)") }
            return e
        }
        func byteArray(_ r: inout ByteReader) throws(SnapshotError) -> [UInt8] {
            let n = try r.count()
            guard n <= r.remaining else { throw ByteReader.truncated }
            var out: [UInt8] = []
            out.reserveCapacity(n)
            for _ in 0..<n { out.append(try r.u8()) }
            return out
        }
        fenceMode = try raw(FenceMode.self, "fence mode", &r)
        line = try r.varint()
        column = try r.varint()
        probe = try r.varint()
        inFenceLine = try r.bool()
        afterCR = try r.bool()
        lex = try raw(Lex.self, "lexical state", &r)
        quote = try r.u8()
        tripleRun = try r.varint()
        depth = try r.varint()
        pendingBackslash = try r.bool()
        joined = try r.bool()
        lineState = try raw(LineState.self, "line state", &r)
        word = try byteArray(&r)
        decided = try r.bool()
        lineStartOffset = try r.varint()
        lineStartLine = try r.varint()
        lastSignificant = try r.u8()
        buffer = try byteArray(&r)
        guard lineStartOffset >= 0, lineStartOffset <= buffer.count, probe >= 0, probe < 3, line >= 1, column >= 0, depth >= 0,
            tripleRun >= 0
        else {
            throw SnapshotError("streaming state is damaged: inconsistent splitter offsets")
        }
        kind = try raw(Kind.self, "statement kind", &r)
        statementLine = try r.varint()
        statementsReleased = try r.varint()
        let n = try r.count()
        for _ in 0..<n {
            switch try r.u8() {
            case 0: output.append(.firstFence)
            case 1:
                let text = try r.string()
                output.append(.statement(Statement(text: text, line: try r.varint())))
            case let t: throw SnapshotError("streaming state is damaged: bad splitter output tag \(t)")
            }
        }
    }

    /// The splitter's state as bytes (for tests and hosts that save only the splitter).
    public func encoded() -> [UInt8] {
        var w = ByteWriter()
        encode(into: &w)
        return w.bytes
    }

    /// Restores a splitter from ``encoded()``.
    public init(encoded bytes: [UInt8]) throws(SnapshotError) {
        var r = ByteReader(bytes)
        try self.init(from: &r)
        guard r.remaining == 0 else { throw SnapshotError("streaming state is damaged: trailing bytes") }
    }
}

extension StreamingExecutor {
    /// Encodes the whole executor (splitter, pending statements, running statement, VM) to bytes.
    /// Call between events (needing input, suspended, failed or finished); decode with
    /// ``init(state:limits:)``.
    public func encodeState() -> [UInt8] {
        var w = ByteWriter()
        w.bytes.append(contentsOf: StreamingStateFormat.magic)
        w.u8(StreamingStateFormat.version)
        w.string(filename)
        statements.encode(into: &w)
        if let r = running {
            w.bool(true)
            w.varint(r.index)
            w.string(r.text)
            w.varint(r.line)
        } else {
            w.bool(false)
        }
        w.varint(statementsStarted)
        if let f = failure {
            w.bool(true)
            w.varint(f.index)
            w.varint(f.line)
            w.varint(f.statementLine)
            w.string(f.source)
            w.string(f.message)
            w.bool(f.isSyntaxError)
        } else {
            w.bool(false)
        }
        let snapshot = vm.encodeSnapshot()
        w.count(snapshot.count)
        w.bytes.append(contentsOf: snapshot)
        w.u32(CRC32.checksum(w.bytes))
        return w.bytes
    }

    /// Rebuilds an executor from ``encodeState()`` bytes. Set ``output`` again afterwards.
    public convenience init(state bytes: [UInt8], limits: Limits = Limits()) throws(SnapshotError) {
        guard bytes.count >= 9, Array(bytes[0..<4]) == StreamingStateFormat.magic else {
            throw SnapshotError("not a Playbooks streaming state (bad header)")
        }
        guard bytes[4] == StreamingStateFormat.version else {
            throw SnapshotError(
                "unknown streaming state version \(bytes[4]) (this build reads version \(StreamingStateFormat.version))")
        }
        let n = bytes.count
        let stored = UInt32(bytes[n - 4]) | UInt32(bytes[n - 3]) << 8 | UInt32(bytes[n - 2]) << 16 | UInt32(bytes[n - 1]) << 24
        guard CRC32.checksum(bytes[0..<(n - 4)]) == stored else {
            throw SnapshotError("streaming state is damaged: checksum mismatch")
        }
        var r = ByteReader(bytes, from: 5, end: n - 4)
        let filename = try r.string()
        let statements = try StatementQueue(from: &r)
        var running: Running? = nil
        if try r.bool() {
            let index = try r.varint()
            let text = try r.string()
            running = Running(index: index, text: text, line: try r.varint())
        }
        let started = try r.varint()
        var failure: StatementError? = nil
        if try r.bool() {
            let index = try r.varint()
            let line = try r.varint()
            let statementLine = try r.varint()
            let source = try r.string()
            let message = try r.string()
            failure = StatementError(
                index: index, line: line, statementLine: statementLine, source: source, message: message,
                isSyntaxError: try r.bool())
        }
        let snapshotCount = try r.count()
        guard snapshotCount == r.remaining else {
            throw SnapshotError("streaming state is damaged: VM snapshot length \(snapshotCount) does not match")
        }
        let snapshot = Array(bytes[r.offset..<(r.offset + snapshotCount)])
        let vm = try VirtualMachine(snapshot: snapshot, limits: limits)
        self.init(vm: vm, filename: filename)
        self.statements = statements
        self.running = running
        self.statementsStarted = started
        self.failure = failure
    }
}
