import PlaybooksLanguage
import PlaybooksTestSupport
import Testing

/// Damaged snapshot bytes must be refused with a ``SnapshotError`` — never a trap, never a VM
/// with silently wrong state — and encoding must be deterministic.
@Suite("Damaged snapshots are refused")
struct SnapshotDamageTests {
    static let smallProgram = """
        items = [1, "two", 3.5]
        alias = items
        x = await fetch(1)
        print(x, items)
        """

    static let largeProgram = """
        import json
        records = [{"id": i, "name": f"user{i}", "tags": ["a", "b"] * (i % 3)} for i in range(300)]
        index = {r["id"]: r for r in records}
        text = json.dumps(records[:5])
        class Box:
            def __init__(self, v):
                self.v = v
        boxes = [Box(i) for i in range(50)]
        async def work(n):
            total = 0
            for r in records:
                if r["id"] % n == 0:
                    total += await fetch(r["id"])
            return total
        print(await work(7))
        """

    /// Runs `source` until its `suspensionIndex`-th suspension (0-based) and returns that VM.
    static func suspended(_ source: String, at suspensionIndex: Int = 0) throws -> VirtualMachine {
        let vm = VirtualMachine()
        let host = StandardHost()
        for n in StandardHost.names { vm.registerHostFunction(n) }
        try vm.load(source: source)
        var seen = 0
        while true {
            switch vm.run() {
            case .suspended(let call):
                if seen == suspensionIndex { return vm }
                seen += 1
                switch host.answer(call) {
                case .value(let v): vm.resume(returning: v)
                case .error(let e): vm.resume(throwing: e)
                }
            case .awaitPoint:
                continue
            case .finished, .failed:
                throw DriverError(description: "the program ended before suspension \(suspensionIndex)")
            }
        }
    }

    /// Whether decoding `bytes` threw a SnapshotError (and, if not, what happened).
    static func decodeFails(_ bytes: [UInt8]) -> Bool {
        do {
            _ = try VirtualMachine(snapshot: bytes)
            return false
        } catch {
            return true
        }
    }

    @Test func theUndamagedSnapshotsDecode() throws {
        for source in [Self.smallProgram, Self.largeProgram] {
            let bytes = try Self.suspended(source).encodeSnapshot()
            let copy = try VirtualMachine(snapshot: bytes)
            #expect(copy.pendingCall?.name == "fetch")
        }
    }

    @Test func everySingleByteFlipInASmallSnapshotIsRefused() throws {
        let bytes = try Self.suspended(Self.smallProgram).encodeSnapshot()
        #expect(bytes.count > 100)
        var accepted: [String] = []
        for position in bytes.indices {
            for mask: UInt8 in [0x01, 0x80, 0xFF] {
                var damaged = bytes
                damaged[position] ^= mask
                if !Self.decodeFails(damaged) { accepted.append("byte \(position) ^ \(mask)") }
            }
        }
        #expect(accepted.isEmpty, "damaged snapshots were accepted: \(accepted.prefix(10))")
    }

    @Test func sampledByteFlipsInALargeSnapshotAreRefused() throws {
        let bytes = try Self.suspended(Self.largeProgram).encodeSnapshot()
        #expect(bytes.count > 10_000)
        var random = SplitMix64(seed: 0x5EED)
        var accepted: [Int] = []
        for _ in 0..<2000 {
            let position = random.below(bytes.count)
            var damaged = bytes
            damaged[position] ^= UInt8(1 + random.below(255))
            if !Self.decodeFails(damaged) { accepted.append(position) }
        }
        #expect(accepted.isEmpty, "damaged snapshots were accepted at positions \(accepted.prefix(10))")
    }

    @Test func everyTruncationIsRefused() throws {
        let bytes = try Self.suspended(Self.smallProgram).encodeSnapshot()
        var accepted: [Int] = []
        for length in 0..<bytes.count where !Self.decodeFails(Array(bytes[0..<length])) {
            accepted.append(length)
        }
        #expect(accepted.isEmpty, "truncated snapshots were accepted at lengths \(accepted.prefix(10))")
        // Sampled truncations of a large snapshot.
        let large = try Self.suspended(Self.largeProgram).encodeSnapshot()
        var random = SplitMix64(seed: 99)
        for _ in 0..<300 {
            let length = random.below(large.count)
            #expect(Self.decodeFails(Array(large[0..<length])), "length \(length)")
        }
    }

    @Test func appendedBytesAreRefused() throws {
        let bytes = try Self.suspended(Self.smallProgram).encodeSnapshot()
        #expect(Self.decodeFails(bytes + [0]))
        #expect(Self.decodeFails(bytes + bytes))
    }

    @Test func anotherFormatVersionIsRefusedWithAMessageAboutTheVersion() throws {
        var bytes = try Self.suspended(Self.smallProgram).encodeSnapshot()
        #expect(bytes[4] == 3 && bytes[5] == 0, "the format is version 3, stored little-endian after the magic")
        bytes[4] = 4
        do {
            _ = try VirtualMachine(snapshot: bytes)
            Issue.record("a version-4 snapshot was accepted")
        } catch {
            #expect(error.message.contains("version 4"), "message: \(error.message)")
        }
        bytes[4] = 0
        bytes[5] = 1
        #expect(throws: SnapshotError.self) { try VirtualMachine(snapshot: bytes) }
    }

    /// Version 1 differs only in traceback entries (no file names), version 2 only in dicts and
    /// sets keyed by a user `__hash__` (none here): a heap without them reads as before.
    @Test(arguments: [UInt8(1), 2])
    func anOlderVersionSnapshotStillDecodes(version: UInt8) throws {
        var bytes = try Self.suspended(Self.smallProgram).encodeSnapshot()
        bytes[4] = version
        let crc = Self.crc32(Array(bytes[0..<(bytes.count - 4)]))
        for i in 0..<4 { bytes[bytes.count - 4 + i] = UInt8(truncatingIfNeeded: crc >> (8 * UInt32(i))) }
        let vm = try VirtualMachine(snapshot: bytes)
        #expect(vm.pendingCall != nil)
    }

    @Test func emptyInputAndRandomGarbageAreRefused() throws {
        #expect(throws: SnapshotError.self) { try VirtualMachine(snapshot: []) }
        var random = SplitMix64(seed: 1234)
        let header = Array("PBVM".utf8) + [1, 0]
        for i in 0..<2000 {
            let length = random.below(300)
            var garbage = (0..<length).map { _ in UInt8(truncatingIfNeeded: random.next()) }
            if i % 2 == 1 {
                // Garbage behind a correct magic and version.
                garbage = header + garbage
            }
            #expect(Self.decodeFails(garbage), "garbage \(i) of \(garbage.count) bytes was accepted")
        }
    }

    /// Garbage payloads behind a correct header, length and checksum get past the integrity check
    /// and must still be refused (or, if they happen to decode, run without trapping).
    @Test func resealedGarbagePayloadsAreRefused() throws {
        var random = SplitMix64(seed: 77)
        var decoded = 0
        for _ in 0..<3000 {
            let payload = (0..<random.below(200)).map { _ in UInt8(truncatingIfNeeded: random.next()) }
            if let vm = try? VirtualMachine(snapshot: Self.seal(payload), limits: Limits(maxInstructions: 10_000)) {
                decoded += 1
                _ = vm.run()
            }
        }
        #expect(decoded < 3000)
    }

    /// Real payloads with a byte changed, resealed with a correct checksum: the decoder's own
    /// validation must refuse them or give a VM that runs (under an instruction limit) without trapping.
    @Test func resealedMutationsNeverTrap() throws {
        var random = SplitMix64(seed: 4242)
        var decodedCount = 0
        for source in [Self.smallProgram, Self.largeProgram] {
            let bytes = try Self.suspended(source).encodeSnapshot()
            let payload = Array(bytes[14..<(bytes.count - 4)])
            for _ in 0..<1500 {
                var mutated = payload
                for _ in 0..<(1 + random.below(3)) {
                    mutated[random.below(mutated.count)] = UInt8(truncatingIfNeeded: random.next())
                }
                guard let vm = try? VirtualMachine(snapshot: Self.seal(mutated), limits: Limits(maxInstructions: 20_000)) else { continue }
                decodedCount += 1
                vm.output = { _ in }
                for _ in 0..<5 {
                    // (Answer first: a VM restored while suspended refuses to run on before.)
                    vm.resume(returning: .int(1))
                    guard case .suspended = vm.run() else { break }
                }
            }
        }
        #expect(decodedCount < 3000, "the decoder refused none of the resealed mutations")
    }

    /// Builds snapshot bytes around `payload` with a correct header, length and CRC-32.
    static func seal(_ payload: [UInt8]) -> [UInt8] {
        var out = Array("PBVM".utf8) + [3, 0]
        var length = UInt64(payload.count)
        for _ in 0..<8 {
            out.append(UInt8(length & 0xFF))
            length >>= 8
        }
        out += payload
        var crc = crc32(out)
        for _ in 0..<4 {
            out.append(UInt8(crc & 0xFF))
            crc >>= 8
        }
        return out
    }

    /// The standard (zlib) CRC-32.
    static func crc32(_ bytes: [UInt8]) -> UInt32 {
        var c: UInt32 = 0xFFFF_FFFF
        for b in bytes { c = crcTable[Int((c ^ UInt32(b)) & 0xFF)] ^ (c >> 8) }
        return c ^ 0xFFFF_FFFF
    }

    static let crcTable: [UInt32] = (0..<256).map { i -> UInt32 in
        var c = UInt32(i)
        for _ in 0..<8 { c = (c & 1) != 0 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
        return c
    }

    @Test func resealIsTheFormatsOwnFraming() throws {
        let bytes = try Self.suspended(Self.smallProgram).encodeSnapshot()
        let payload = Array(bytes[14..<(bytes.count - 4)])
        #expect(Self.seal(payload) == bytes)
    }

    static let determinismPrograms: [String] = [
        smallProgram,
        largeProgram,
        """
        a = [1]
        a.append(a)
        d = {"self": None, "list": a}
        d["self"] = d
        s = {1, 2, 3}
        t = (a, d, frozenset({4}))
        def make(k):
            def inner(v):
                return k + v
            return inner
        f = make(10)
        x = await fetch(2)
        print(f(x), t[0] is a)
        """,
        """
        async def outer():
            for i, ch in enumerate("abc"):
                try:
                    v = await fetch(i)
                except ValueError:
                    v = -1
                finally:
                    await tick()
                yield_ = [w for w in range(i)]
            return v
        print(await outer())
        """,
        """
        from collections import Counter, defaultdict, deque, OrderedDict
        import math, re, datetime
        c = Counter("hello world")
        dd = defaultdict(list)
        dd["k"].append(1)
        q = deque([1, 2, 3], maxlen=5)
        od = OrderedDict(a=1, b=2)
        pat = re.compile(r"(\\d+)-(\\w+)")
        when = datetime.date(2024, 2, 29)
        big = 2 ** 100
        x = await fetch(3)
        print(c.most_common(2), dd, q, od, pat.match("12-ab").groups(), when, big + x, math.pi)
        """,
    ]

    /// encode → decode → encode gives the same bytes, at every suspension of several programs.
    @Test(arguments: 0..<determinismPrograms.count)
    func encodingIsDeterministic(program index: Int) throws {
        let source = Self.determinismPrograms[index]
        var checked = 0
        for suspension in 0..<8 {
            guard let vm = try? Self.suspended(source, at: suspension) else { break }
            let first = vm.encodeSnapshot()
            #expect(vm.encodeSnapshot() == first, "encoding the same VM twice differs")
            let copy = try VirtualMachine(snapshot: first)
            let second = copy.encodeSnapshot()
            #expect(
                second == first, "program \(index), suspension \(suspension): re-encoding differs (\(first.count) vs \(second.count) bytes)"
            )
            let third = try VirtualMachine(snapshot: second).encodeSnapshot()
            #expect(third == second)
            checked += 1
        }
        #expect(checked >= 1)
    }

    /// Two VMs that ran the same program to the same point encode to the same bytes.
    @Test func independentRunsEncodeIdentically() throws {
        for source in Self.determinismPrograms {
            let a = try Self.suspended(source).encodeSnapshot()
            let b = try Self.suspended(source).encodeSnapshot()
            #expect(a == b)
        }
    }
}
