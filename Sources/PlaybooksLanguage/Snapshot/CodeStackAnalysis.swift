/// The operand-stack depth and the installed exception handlers on entry to each instruction of
/// a code object, found by running the code abstractly (depths only) along every jump and
/// exception edge. The snapshot verifier checks saved frames against it: the dispatch loop pops,
/// peeks and indexes the operand stack without bounds checks, which is safe for compiled code
/// (every path reaches an instruction with the same depth) and must be made safe for decoded code.
struct CodeStackAnalysis {
    /// An exception handler as the analysis sees it: where it jumps and the stack depth it restores.
    struct Block: Equatable {
        var target: Int32
        var depth: Int
    }

    /// The state on entry to an instruction.
    struct State: Equatable {
        var depth: Int
        var blocks: [Block]
    }

    /// The state on entry to each instruction, and (last) on falling off the end; `nil` where
    /// no path leads.
    let entry: [State?]
    /// The deepest the operand stack gets.
    let maxDepth: Int

    /// What an instruction does to the stack on its fall-through path: the values it needs
    /// there, the values it removes (before it can raise), and the values it pushes. `nil` for
    /// an operand the dispatch loop cannot run with (a negative count or depth).
    static func effect(_ i: Instruction) -> (needs: Int, pops: Int, pushes: Int)? {
        func fixed(_ pops: Int, _ pushes: Int) -> (needs: Int, pops: Int, pushes: Int) { (pops, pops, pushes) }
        switch i {
        case .nop, .deleteFast, .deleteDeref, .deleteGlobal, .jump, .setupExcept, .popBlock, .popExcept:
            return fixed(0, 0)
        case .loadConst, .loadNone, .loadSmallInt, .loadFast, .loadDeref, .loadGlobal, .loadStateVar, .loadFastAttr,
            .newDict, .importName, .loadBuildClass, .pushNull:
            return fixed(0, 1)
        case .storeFast, .storeDeref, .storeGlobal, .storeStateVar, .deleteAttr, .pop, .popJumpIfFalse, .popJumpIfTrue,
            .compareConstIntJumpIfFalse, .jumpIfFalseOrPop, .jumpIfTrueOrPop:
            return fixed(1, 0)
        case .loadAttr, .subscriptConstStr, .unary, .getIter, .binaryConstInt, .inplaceConstInt, .compareConstInt, .await:
            return fixed(1, 1)
        case .storeAttr, .storeSubscriptConstStr, .deleteSubscript, .compareJumpIfFalse:
            return fixed(2, 0)
        case .binarySubscript, .binary, .inplace, .compare, .checkExcMatch:
            return fixed(2, 1)
        case .storeSubscript: return fixed(3, 0)
        case .loadMethod: return fixed(1, 2)
        case .dup: return fixed(1, 2)
        case .dupTwo: return fixed(2, 4)
        case .rotTwo: return fixed(2, 2)
        case .rotThree: return fixed(3, 3)
        case .rotFour: return fixed(4, 4)
        case .pushExcInfo, .getAwaitable: return (1, 0, 0)
        case .forIter: return (1, 0, 1)
        case .importFrom: return (1, 0, 1)
        case .mapAddConstStr: return (2, 1, 0)
        case .listToTuple: return fixed(1, 1)
        case .buildSlice(let n): return fixed(n == 3 ? 3 : 2, 1)
        case .buildList(let n), .buildTuple(let n), .buildSet(let n), .buildString(let n):
            return n >= 0 ? fixed(Int(n), 1) : nil
        case .buildMap(let n): return n >= 0 ? fixed(2 * Int(n), 1) : nil
        case .listAppend(let depth), .setAdd(let depth):
            return depth >= 0 ? (Int(depth) + 2, 1, 0) : nil
        case .mapAdd(let depth):
            return depth >= 0 ? (Int(depth) + 3, 2, 0) : nil
        case .listExtend(let depth), .setUpdate(let depth), .dictUpdate(let depth), .dictMerge(let depth):
            return depth >= 1 ? (Int(depth) + 1, 1, 0) : nil
        case .unpackSequence(let n): return n >= 0 ? fixed(1, Int(n)) : nil
        case .unpackStarred(let before, let after):
            return before >= 0 && after >= 0 ? fixed(1, Int(before) + Int(after) + 1) : nil
        case .call(let argc): return argc >= 0 ? fixed(Int(argc) + 1, 1) : nil
        case .callMethod(let argc), .callKeywords(let argc): return argc >= 0 ? fixed(Int(argc) + 2, 1) : nil
        case .callEx(let hasKwargs): return fixed(hasKwargs == 1 ? 3 : 2, 1)
        case .makeFunction(_, let flags): return fixed((flags & 1 != 0 ? 1 : 0) + (flags & 2 != 0 ? 1 : 0), 1)
        case .formatValue(_, let hasSpec): return fixed(hasSpec ? 2 : 1, 1)
        case .returnValue: return fixed(0, 0)
        case .raise(let kind): return fixed(kind == 0 ? 0 : kind == 1 ? 1 : 2, 0)
        case .reraise: return fixed(1, 0)
        case .assertFail(let hasMessage): return fixed(hasMessage == 1 ? 1 : 0, 0)
        }
    }

    /// Whether the instruction may push a frame (a call, a property read, awaiting a
    /// coroutine): a frame below the top of the call stack stopped just after one, waiting for
    /// the value the frame above returns.
    static func mayPushFrame(_ i: Instruction) -> Bool {
        switch i {
        case .call, .callMethod, .callKeywords, .callEx, .loadAttr, .loadFastAttr, .await: return true
        default: return false
        }
    }

    /// Analyses `code`; throws when some path would underflow the stack, pop a handler that is
    /// not installed, unwind below a handler's depth, or reach an instruction with two
    /// different states.
    init(_ code: CodeObject) throws(SnapshotError) {
        let instructions = code.instructions
        let n = instructions.count
        var entry = [State?](repeating: nil, count: n + 1)
        var work: [Int] = [0]
        entry[0] = State(depth: 0, blocks: [])
        var maxDepth = 0
        func fail(_ what: String, at ip: Int) -> SnapshotError {
            SnapshotDecoder.damaged("code object '\(code.name)' \(what) at instruction \(ip)")
        }
        func flow(_ target: Int, _ state: State, from ip: Int) throws(SnapshotError) {
            guard target >= 0, target <= n else { throw fail("jumps out of range", at: ip) }
            if let known = entry[target] {
                guard known == state else { throw fail("reaches instruction \(target) with two different stack depths", at: ip) }
            } else {
                entry[target] = state
                work.append(target)
            }
        }
        while let ip = work.popLast() {
            guard ip < n, let state = entry[ip] else { continue }
            let instruction = instructions[ip]
            guard let e = Self.effect(instruction) else { throw fail("has a negative operand", at: ip) }
            guard state.depth >= e.needs else { throw fail("needs \(e.needs) stack values where there are \(state.depth)", at: ip) }
            if let top = state.blocks.last, state.depth - e.pops < top.depth {
                throw fail("leaves fewer stack values than its exception handler restores", at: ip)
            }
            let after = State(depth: state.depth - e.pops + e.pushes, blocks: state.blocks)
            maxDepth = max(maxDepth, after.depth, state.depth)
            switch instruction {
            case .jump(let t):
                try flow(Int(t), after, from: ip)
            case .popJumpIfFalse(let t), .popJumpIfTrue(let t), .compareJumpIfFalse(_, let t),
                .compareConstIntJumpIfFalse(_, _, let t):
                try flow(ip + 1, after, from: ip)
                try flow(Int(t), after, from: ip)
            case .jumpIfFalseOrPop(let t), .jumpIfTrueOrPop(let t):
                try flow(ip + 1, after, from: ip)
                try flow(Int(t), state, from: ip)
            case .forIter(let t):
                try flow(ip + 1, after, from: ip)
                try flow(Int(t), State(depth: state.depth - 1, blocks: state.blocks), from: ip)
            case .setupExcept(let t):
                var inside = state
                inside.blocks.append(Block(target: t, depth: state.depth))
                try flow(ip + 1, inside, from: ip)
                try flow(Int(t), State(depth: state.depth + 1, blocks: state.blocks), from: ip)
            case .popBlock:
                guard !state.blocks.isEmpty else { throw fail("removes an exception handler that is not installed", at: ip) }
                var outside = state
                outside.blocks.removeLast()
                try flow(ip + 1, outside, from: ip)
            case .returnValue, .raise, .reraise, .assertFail:
                break
            default:
                try flow(ip + 1, after, from: ip)
            }
        }
        self.entry = entry
        self.maxDepth = maxDepth
    }
}
