import PlaybooksLanguage
import Testing

/// Dicts and sets keyed by instances whose class defines `__hash__` and `__eq__` survive a
/// snapshot: the hashes the user's `__hash__` gave are stored with them (format version 3), so a
/// resumed VM still finds every key. Expected output from CPython 3.11 with the
/// ``StandardHost`` twin (the program inside `async def main()`, run by `asyncio.run`).
@Suite struct UserKeySnapshotTests {
    static let program = """
        class P:
            def __init__(self, x):
                self.x = x
            def __eq__(self, other):
                return isinstance(other, P) and self.x == other.x
            def __hash__(self):
                return hash(self.x) * 1000003
        d = {P(i): i * i for i in range(20)}
        s = {P(1), P(2), P(3)}
        fs = frozenset([P(4), P(5)])
        t = {(P(1), "a"): "tuple", fs: "frozen"}
        n = await fetch(2)
        print(n, d[P(3)], P(19) in d, P(20) in d, P(2) in s, len(s | {P(1), P(9)}))
        print(t[(P(1), "a")], t[frozenset([P(5), P(4)])], P(4) in fs)
        d[P(3)] = "changed"
        s.add(P(2))
        m = await fetch(3)
        print(m, d[P(3)], len(d), len(s), d.pop(P(0)), len(d))
        """

    static let expected = """
        20 9 True False True 4
        tuple frozen True
        30 changed 20 3 0 19

        """

    @Test func keysAreFoundAfterEverySnapshot() throws {
        let direct = try drive(Self.program, viaSnapshot: false)
        #expect(direct.outcome == "finished")
        #expect(direct.output == Self.expected)
        let resumed = try drive(Self.program, viaSnapshot: true, stopsAtEveryAwait: true)
        #expect(resumed.snapshots >= 2)
        #expect(resumed.outcome == "finished")
        #expect(resumed.output == Self.expected)
    }

    /// A snapshot holding such keys is version 3 and sets the flag on its dicts and sets; a
    /// version-2 reader's format (the same bytes labelled 2) is refused, never misread.
    @Test func theUserHashesAreOnlyReadFromVersionThree() throws {
        let vm = VirtualMachine()
        for name in StandardHost.names { vm.registerHostFunction(name) }
        try vm.load(source: Self.program)
        guard case .suspended = vm.run() else {
            Issue.record("the program did not suspend")
            return
        }
        var bytes = vm.encodeSnapshot()
        #expect(bytes[4] == 3 && bytes[5] == 0)
        #expect(try VirtualMachine(snapshot: bytes).pendingCall?.name == "fetch")
        bytes[4] = 2
        let crc = SnapshotDamageTests.crc32(Array(bytes[0..<(bytes.count - 4)]))
        for i in 0..<4 { bytes[bytes.count - 4 + i] = UInt8(truncatingIfNeeded: crc >> (8 * UInt32(i))) }
        #expect(throws: SnapshotError.self) { try VirtualMachine(snapshot: bytes) }
    }
}
