import Foundation
import PlaybooksTestSupport
import Testing

@testable import PlaybooksLanguage

/// Snapshot bytes with valid checksums but damaged contents must fail with a ``SnapshotError``
/// or give a VM that runs without trapping (issue 14, item 1): the decoded state is verified
/// (stack depths per code object, handlers, handles, object shapes) before it is adopted.
@Suite("Decoded snapshots are verified")
struct SnapshotVerifierTests {
    /// Programs suspended in the middle of things: calls several frames deep, a `for` loop with
    /// its iterator on the stack, `try`/`except`/`finally` blocks, a constructor call, a
    /// comprehension, a keyword call and a dict display half built.
    static let programs: [String] = [
        """
        class Acc:
            def __init__(self, start):
                self.total = start
            async def add(self, n):
                try:
                    v = await fetch(n)
                finally:
                    self.total += 1
                return v
        async def helper(xs):
            acc = Acc(0)
            out = []
            for i, x in enumerate(xs):
                try:
                    out.append(await acc.add(x) + len(out))
                except ValueError as e:
                    out.append(-1)
            return out, acc.total
        print(await helper([1, -2, 3]))
        """,
        """
        def label(k, sep="-", *, upper=False):
            s = f"{k}{sep}"
            return s.upper() if upper else s
        async def build(n):
            parts = [label(i, sep=await fetch("x"), upper=i % 2 == 0) for i in range(n)]
            table = {"a": 1, "b": await fetch(2), "c": [await tick() for _ in range(2)]}
            return parts, table
        async def outer():
            total = 0
            while total < 3:
                total += 1
                try:
                    r = await build(total)
                except Exception as e:
                    r = None
            return r
        print(await outer())
        """,
        """
        def make(k):
            def inner(v):
                return k + v
            return inner
        f = make(10)
        data = {"xs": [1, 2, 3], "s": {4, 5}, "t": (6, "seven")}
        it = iter(data["xs"])
        next(it)
        for ch in "héllo":
            x = await fetch(ord(ch))
            data[ch] = f(x)
        print(sorted(data.keys()), list(it))
        """,
    ]

    /// Runs `source` to its `index`-th suspension (0-based).
    static func suspended(_ source: String, at index: Int) throws -> VirtualMachine {
        try SnapshotDamageTests.suspended(source, at: index)
    }

    /// Runs a decoded VM under tight limits, answering host calls, for a few steps.
    static func exercise(_ vm: VirtualMachine) {
        vm.output = { _ in }
        for _ in 0..<6 {
            // A VM restored while suspended needs its answer before it runs on.
            if vm.pendingCall != nil { vm.resume(returning: .int(1)) }
            switch vm.run() {
            case .suspended, .awaitPoint: continue
            case .finished, .failed: return
            }
        }
    }

    static let tightLimits = Limits(
        maxInstructions: 20_000, maxRecursionDepth: 100, maxMemoryBytes: 20_000_000, maxDuration: .seconds(2))

    /// Rewrites the LEB128 varint starting at `position` (if one does) with `value`.
    static func rewriteVarint(_ bytes: [UInt8], at position: Int, to value: UInt64) -> [UInt8] {
        var end = position
        while end < bytes.count, bytes[end] & 0x80 != 0, end - position < 9 { end += 1 }
        guard end < bytes.count else { return bytes }
        var encoded: [UInt8] = []
        var x = value
        while x >= 0x80 {
            encoded.append(UInt8(x & 0x7F) | 0x80)
            x >>= 7
        }
        encoded.append(UInt8(x))
        return Array(bytes[..<position]) + encoded + Array(bytes[(end + 1)...])
    }

    static func readVarint(_ bytes: [UInt8], at position: Int) -> UInt64 {
        var value: UInt64 = 0
        var shift: UInt64 = 0
        var i = position
        while i < bytes.count, shift < 63 {
            value |= UInt64(bytes[i] & 0x7F) << shift
            if bytes[i] & 0x80 == 0 { break }
            shift += 7
            i += 1
        }
        return value
    }

    /// One seeded mutation of a payload: byte flips, a run of random bytes, a cut, an
    /// inserted or deleted run, or a varint (counts, depths, handles, operands) rewritten.
    static func mutate(_ payload: [UInt8], _ random: inout SplitMix64) -> [UInt8] {
        var p = payload
        let position = random.below(p.count)
        switch random.below(7) {
        case 0:
            for _ in 0..<(1 + random.below(3)) { p[random.below(p.count)] ^= UInt8(1 + random.below(255)) }
        case 1:
            let length = min(p.count - position, 2 + random.below(15))
            for i in position..<(position + length) { p[i] = UInt8(truncatingIfNeeded: random.next()) }
        case 2:
            p = Array(p[..<position])
        case 3:
            let length = min(p.count - position, 1 + random.below(8))
            p.removeSubrange(position..<(position + length))
        case 4:
            p.insert(contentsOf: (0..<(1 + random.below(8))).map { _ in UInt8(truncatingIfNeeded: random.next()) }, at: position)
        default:
            let old = readVarint(p, at: position)
            let new: UInt64
            switch random.below(4) {
            case 0: new = old &+ 1
            case 1: new = old &- 1
            case 2: new = old &+ UInt64(1 + random.below(40))
            default: new = UInt64(random.below(1 << 20))
            }
            p = rewriteVarint(p, at: position, to: new)
        }
        return p
    }

    @Test("seeded mutations of real snapshots decode to a VM that runs, or fail with a SnapshotError")
    func seededMutationsNeverTrap() throws {
        let seeds: [UInt64] = [1, 14, 0x5EED, 0xC0FFEE, 20_261_207]
        var decoded = 0
        var refused = 0
        var messages = Set<String>()
        for (p, source) in Self.programs.enumerated() {
            for index in 0..<3 {
                let bytes = try Self.suspended(source, at: index).encodeSnapshot()
                let payload = Array(bytes[14..<(bytes.count - 4)])
                for seed in seeds {
                    var random = SplitMix64(seed: seed &+ UInt64(p * 31 + index))
                    for _ in 0..<120 {
                        let damaged = SnapshotDamageTests.seal(Self.mutate(payload, &random))
                        do {
                            let vm = try VirtualMachine(snapshot: damaged, limits: Self.tightLimits)
                            decoded += 1
                            Self.exercise(vm)
                        } catch {
                            refused += 1
                            messages.insert(error.message)
                        }
                    }
                }
            }
        }
        #expect(refused > decoded, "decoded \(decoded), refused \(refused)")
        #expect(decoded > 0, "no mutation decoded: the run part was never exercised")
        #expect(messages.allSatisfy { !$0.isEmpty })
    }

    /// `code` with instruction `index` replaced.
    static func replacing(_ code: CodeObject, at index: Int, with instruction: Instruction) -> CodeObject {
        var instructions = code.instructions
        instructions[index] = instruction
        return CodeObject(
            name: code.name, qualifiedName: code.qualifiedName, filename: code.filename, instructions: instructions,
            lines: code.lines, constants: code.constants, codeConstants: code.codeConstants, names: code.names,
            localNames: code.localNames, cellNames: code.cellNames, cellParameterSlots: code.cellParameterSlots,
            freeNames: code.freeNames, positionalOnlyCount: code.positionalOnlyCount, positionalCount: code.positionalCount,
            keywordOnlyCount: code.keywordOnlyCount, hasVarargs: code.hasVarargs, hasKwargs: code.hasKwargs,
            isCoroutine: code.isCoroutine, firstLine: code.firstLine, closureSlots: code.closureSlots)
    }

    /// One seeded structural change to a running frame of `vm`: an instruction of its code
    /// replaced by another (small operands), its instruction pointer moved, values pushed on or
    /// popped off its operand stack, or its handlers changed.
    static func damageFrame(_ vm: VirtualMachine, _ random: inout SplitMix64) {
        let frames = Array(vm.frames)
        guard !frames.isEmpty else { return }
        let f = frames[random.below(frames.count)]
        let count = f.code.instructions.count
        switch random.below(5) {
        case 0 where count > 0:
            for _ in 0..<(1 + random.below(2)) {
                let op = UInt8(random.below(86))
                let a = Int32(random.below(8)) - 2
                let b = Int32(random.below(8)) - 2
                if let instruction = try? Instruction.decode(op: op, a: a, b: b) {
                    f.code = Self.replacing(f.code, at: random.below(count), with: instruction)
                }
            }
        case 1:
            f.ip = random.below(count + 2)
        case 2:
            for _ in 0..<(1 + random.below(3)) { f.push(.int(random.below(9))) }
        case 3:
            for _ in 0..<min(f.sp, 1 + random.below(3)) { _ = f.pop() }
        default:
            if !f.handlers.isEmpty && random.oneIn(2) {
                f.handlers.removeLast()
            } else {
                f.handlers.append(
                    ExceptionHandler(target: Int32(random.below(count + 1)), stackDepth: Int32(random.below(f.sp + 2)), handledDepth: 0))
            }
        }
    }

    @Test("seeded damage to running frames (code, instruction pointer, stack, handlers) is refused or runs safely")
    func damagedFramesNeverTrap() throws {
        var decoded = 0
        var refused = 0
        for (p, source) in Self.programs.enumerated() {
            for index in 0..<3 {
                let bytes = try Self.suspended(source, at: index).encodeSnapshot()
                var random = SplitMix64(seed: UInt64(1000 + p * 10 + index))
                for _ in 0..<300 {
                    let vm = try VirtualMachine(snapshot: bytes)
                    Self.damageFrame(vm, &random)
                    do {
                        let copy = try VirtualMachine(snapshot: vm.encodeSnapshot(), limits: Self.tightLimits)
                        decoded += 1
                        Self.exercise(copy)
                    } catch {
                        refused += 1
                    }
                }
            }
        }
        #expect(refused > 0 && decoded > 0, "decoded \(decoded), refused \(refused)")
    }

    @Test("the compiler's code passes the stack analysis for every conformance program")
    func compiledCodeIsAccepted() throws {
        var analysed = 0
        for program in ConformanceProgram.all {
            guard let code = try? Compiler.compile(source: program.source, filename: "x.py", namespace: Namespace()) else { continue }
            var pending = [code]
            while let c = pending.popLast() {
                let a = try CodeStackAnalysis(c)
                #expect(a.entry[0]?.depth == 0)
                analysed += 1
                pending.append(contentsOf: c.codeConstants)
            }
        }
        #expect(analysed > 1000)
    }

    // MARK: Targeted damage

    /// Encodes `vm` after `damage` changed it, decodes, and returns the error message.
    static func refusal(_ vm: VirtualMachine, _ damage: (VirtualMachine) -> Void) -> String? {
        damage(vm)
        do {
            _ = try VirtualMachine(snapshot: vm.encodeSnapshot())
            return nil
        } catch {
            return error.message
        }
    }

    @Test func aFrameWithMoreStackValuesThanItsCodeHasThereIsRefused() throws {
        let vm = try Self.suspended(Self.programs[0], at: 0)
        let message = Self.refusal(vm) { vm in
            vm.frames.last?.push(.int(1))
            vm.frames.last?.push(.int(2))
        }
        #expect(message?.contains("values on its operand stack") == true, "\(message ?? "accepted")")
    }

    @Test func aCallerFrameWithFewerStackValuesIsRefused() throws {
        let vm = try Self.suspended(Self.programs[0], at: 0)
        let frames = Array(vm.frames)
        #expect(frames.count >= 3)
        let message = Self.refusal(vm) { _ in _ = frames[frames.count - 2].pop() }
        #expect(message?.contains("values on its operand stack") == true, "\(message ?? "accepted")")
    }

    @Test func anInstructionPointerPastTheEndIsRefused() throws {
        let vm = try Self.suspended(Self.programs[0], at: 0)
        let message = Self.refusal(vm) { vm in
            if let f = vm.frames.last { f.ip = f.code.instructions.count + 3 }
        }
        #expect(message?.contains("instruction pointer") == true, "\(message ?? "accepted")")
    }

    @Test func anInstructionPointerThatNoPathReachesWithThatDepthIsRefused() throws {
        let vm = try Self.suspended(Self.programs[0], at: 0)
        // Back to the start of the code: the saved stack no longer fits.
        let message = Self.refusal(vm) { vm in vm.frames.last?.ip = 0 }
        #expect(message?.contains("operand stack") == true, "\(message ?? "accepted")")
    }

    @Test func aHandlerTheCodeDoesNotInstallIsRefused() throws {
        let vm = try Self.suspended(Self.programs[0], at: 0)
        let message = Self.refusal(vm) { vm in
            vm.frames.last?.handlers.append(ExceptionHandler(target: 0, stackDepth: 0, handledDepth: 0))
        }
        #expect(message?.contains("exception handlers") == true, "\(message ?? "accepted")")
    }

    @Test func aFunctionWithTooFewClosureCellsIsRefused() throws {
        let vm = try Self.suspended(Self.programs[2], at: 0)
        let message = Self.refusal(vm) { vm in
            if case .function(let f)? = vm.globals["f"] { f.closure = [] }
        }
        #expect(message?.contains("closure cells") == true, "\(message ?? "accepted")")
    }

    @Test func aClassThatIsItsOwnBaseIsRefused() throws {
        let vm = try Self.suspended(Self.programs[0], at: 0)
        let message = Self.refusal(vm) { vm in
            if case .type(let t)? = vm.globals["Acc"] { t.base = t }
        }
        #expect(message?.contains("its own base") == true, "\(message ?? "accepted")")
    }

    @Test func iteratorsInACycleAreRefused() throws {
        let vm = try Self.suspended(Self.programs[2], at: 0)
        let message = Self.refusal(vm) { vm in
            let a = IteratorObject(.exhausted, kindName: "enumerate")
            let b = IteratorObject(.enumerate(a, 0), kindName: "enumerate")
            a.state = .enumerate(b, 0)
            vm.globals["loop"] = .iterator(a)
        }
        #expect(message?.contains("cycle") == true, "\(message ?? "accepted")")
    }

    @Test func codeThatUnderflowsTheStackIsRefused() throws {
        let code = try Compiler.compile(source: "x = 1\ny = x + 2\n", filename: "x.py", namespace: Namespace())
        var instructions = code.instructions
        instructions.insert(.pop, at: 0)
        let bad = CodeObject(
            name: "m", qualifiedName: "m", filename: "x.py", instructions: instructions, lines: instructions.map { _ in 1 },
            constants: code.constants, codeConstants: [], names: code.names, localNames: [], cellNames: [],
            cellParameterSlots: [], freeNames: [], positionalOnlyCount: 0, positionalCount: 0, keywordOnlyCount: 0,
            hasVarargs: false, hasKwargs: false, isCoroutine: false, firstLine: 1, closureSlots: [])
        #expect(throws: SnapshotError.self) { try CodeStackAnalysis(bad) }
        let vm = VirtualMachine()
        vm.start(bad)
        do {
            _ = try VirtualMachine(snapshot: vm.encodeSnapshot())
            Issue.record("code that pops an empty stack was accepted")
        } catch {
            #expect(error.message.contains("needs 1 stack values where there are 0"), "\(error.message)")
        }
    }

    /// A restored exception may head a chain of contexts of any length (here a cycle, which is
    /// never freed, so that releasing it does not recurse either): printing its traceback
    /// walks the chain in a loop, not by a Swift call per link.
    @Test func aLongExceptionChainFormatsWithoutRecursion() {
        let first = ExceptionObject(type: Types.valueError, message: "0")
        var e = first
        for i in 1..<30_000 {
            let next = ExceptionObject(type: Types.valueError, message: "\(i)")
            next.context = e
            e = next
        }
        first.context = e
        let text = PyException(e).formattedTraceback(VirtualMachine(), filename: "x.py")
        #expect(text.components(separatedBy: "During handling of the above exception").count == 30_000)
        #expect(text.hasPrefix("Traceback (most recent call last):\nValueError: 0\n"))
        #expect(text.hasSuffix("ValueError: 29999\n"))
    }

    /// A hand-made payload: no code objects, the given heap objects, then a VM record whose
    /// globals handle is `globals`.
    static func payload(objects: [UInt8], globals: UInt8) -> [UInt8] {
        [0] + objects + [globals, 0, 0, 0, 0, 0, 0, 0, 0]
    }

    @Test func aHandleOutOfRangeIsRefusedNamingIt() throws {
        let bytes = SnapshotDamageTests.seal(Self.payload(objects: [0], globals: 5))
        do {
            _ = try VirtualMachine(snapshot: bytes)
            Issue.record("a handle out of range was accepted")
        } catch {
            #expect(error.message.contains("object 5") && error.message.contains("no such object"), "\(error.message)")
        }
    }

    @Test func anObjectOfTheWrongKindIsRefusedNamingBoth() throws {
        // One list (kind 1: not a deque, no maximum length, empty) where the globals namespace must be.
        let bytes = SnapshotDamageTests.seal(Self.payload(objects: [1, 1, 0, 1, 0], globals: 0))
        do {
            _ = try VirtualMachine(snapshot: bytes)
            Issue.record("a list was accepted as the globals namespace")
        } catch {
            #expect(error.message.contains("is a list where a namespace is required"), "\(error.message)")
        }
    }
}
