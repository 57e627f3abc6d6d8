import Testing

@testable import PlaybooksLanguage

/// The snapshot numbering of instructions: decoding an encoded instruction gives it back, and
/// operands that no compiler could have produced are refused.
@Suite("Instruction coding")
struct InstructionCodingTests {
    @Test func fusedConstantComparisonsRoundTrip() throws {
        let ops: [CompareOp] = [.eq, .ne, .lt, .le, .gt, .ge]
        for op in ops {
            for k: Int16 in [.min, -1, 0, 2, 255, 256, .max] {
                for target: Int32 in [0, 17, 1 << 20] {
                    let i = Instruction.compareConstIntJumpIfFalse(op, k, target)
                    let e = i.encoded
                    #expect(try Instruction.decode(op: e.op, a: e.a, b: e.b) == i)
                }
            }
        }
    }

    @Test func damagedFusedComparisonIsRefused() {
        let op = Instruction.compareConstIntJumpIfFalse(.lt, 2, 5).encoded.op
        // A constant beyond 16 bits, and an operator number beyond the known ones.
        #expect(throws: SnapshotError.self) { try Instruction.decode(op: op, a: 40_000 << 8, b: 0) }
        #expect(throws: SnapshotError.self) { try Instruction.decode(op: op, a: 0x7f, b: 0) }
    }

    @Test func instructionsStayTwelveBytes() {
        // The dispatch loop reads instructions from a buffer; a wider payload would make every
        // instruction wider.
        #expect(MemoryLayout<Instruction>.stride <= 12)
    }

    @Test func conditionsWithSmallConstantsCompileToTheFusedInstruction() throws {
        let code = try Compiler.compile(
            source: "n = 5\nif n < 2:\n    pass\nwhile n >= -40000:\n    n -= 50000\n", filename: "t.py", namespace: Namespace())
        let fused = code.instructions.filter {
            if case .compareConstIntJumpIfFalse = $0 { return true }
            return false
        }
        // `-40000` does not fit in 16 bits: that comparison keeps the general instruction.
        #expect(fused == [.compareConstIntJumpIfFalse(.lt, 2, fused.first.map(Self.target) ?? -1)])
    }

    @Test func constantStringKeyInstructionsRoundTrip() throws {
        for i: Int32 in [0, 1, 300, .max] {
            for instruction in [
                Instruction.subscriptConstStr(i), .storeSubscriptConstStr(i), .newDict(i), .mapAddConstStr(i),
            ] {
                let e = instruction.encoded
                #expect(try Instruction.decode(op: e.op, a: e.a, b: e.b) == instruction)
            }
        }
    }

    @Test func constantStringKeysCompileToTheirInstructions() throws {
        let code = try Compiler.compile(
            source: "d = {}\nd['n'] = 1\nd['n'] += 2\nk = 'n'\nd[k] = 3\nprint(d['n'])\n", filename: "t.py",
            namespace: Namespace())
        let keyed = code.instructions.filter {
            switch $0 {
            case .subscriptConstStr, .storeSubscriptConstStr, .storeSubscript, .binarySubscript: return true
            default: return false
            }
        }
        let n = Int32(code.names.firstIndex(of: "n") ?? -1)
        // The store, the augmented load and store, the variable key, the read.
        #expect(
            keyed == [
                .storeSubscriptConstStr(n), .subscriptConstStr(n), .storeSubscriptConstStr(n), .storeSubscript,
                .subscriptConstStr(n),
            ])
    }

    @Test func recordDisplaysCompileWithoutPushingTheirKeys() throws {
        let code = try Compiler.compile(
            source: "r = {'a': 1, 'b': 2}\ns = {'a': 1, 2: 3}\n", filename: "t.py", namespace: Namespace())
        let a = Int32(code.names.firstIndex(of: "a") ?? -1)
        let b = Int32(code.names.firstIndex(of: "b") ?? -1)
        let built = code.instructions.filter {
            switch $0 {
            case .newDict, .mapAddConstStr, .buildMap: return true
            default: return false
            }
        }
        // A key that is not a string constant keeps the general display.
        #expect(built == [.newDict(2), .mapAddConstStr(a), .mapAddConstStr(b), .buildMap(2)])
    }

    @Test func attributesOfFastLocalsCompileToOneInstruction() throws {
        let code = try Compiler.compile(
            source:
                "class P:\n    def __init__(self):\n        self.x = 1\n    def get(self):\n        return self.x\np = P()\nprint(p.x)\n",
            filename: "t.py", namespace: Namespace())
        // Module-level `p` is a global: the general instruction.
        #expect(code.instructions.contains { if case .loadAttr = $0 { return true } else { return false } })
        let classBody = code.codeConstants.first
        let getter = classBody?.codeConstants.first { $0.name == "get" }
        let x = Int32(getter?.names.firstIndex(of: "x") ?? -1)
        #expect(getter?.instructions.contains(.loadFastAttr(0, x)) == true)
        let e = Instruction.loadFastAttr(3, 7).encoded
        #expect(try Instruction.decode(op: e.op, a: e.a, b: e.b) == .loadFastAttr(3, 7))
    }

    private static func target(_ i: Instruction) -> Int32 {
        if case .compareConstIntJumpIfFalse(_, _, let t) = i { return t }
        return -1
    }
}
