// Compiles a `RegexNode` tree into a flat instruction program for the backtracking VM.

enum RegexInst: Sendable {
    /// Consume one scalar matching the matcher.
    case one(RegexCharMatcher)
    case anchor(RegexAnchor)
    /// Continue at the first target; on backtrack resume at the second.
    case split(Int, Int)
    case jump(Int)
    /// Record the current position in a capture slot (undoable).
    case save(Int)
    case backref(Int, ignoreCase: Bool, ascii: Bool)
    /// Reset loop register `reg`, then continue at `loop`.
    case repeatInit(reg: Int, loop: Int)
    /// Loop head executed before each iteration (CPython's MAX_UNTIL / MIN_UNTIL).
    /// For lazy loops a `repeatLazyMore` instruction sits at `exit - 1`.
    case repeatLoop(reg: Int, min: Int, max: Int, greedy: Bool, body: Int, exit: Int)
    case repeatLazyMore(reg: Int, max: Int, body: Int)
    /// Repetition of a single-scalar matcher (CPython's REPEAT_ONE / MIN_REPEAT_ONE).
    /// `follow` is the literal that must come next, or -1.
    case repeatOne(RegexCharMatcher, min: Int, max: Int, greedy: Bool, follow: Int)
    case look(behind: Bool, negated: Bool, width: Int, body: Int, next: Int, captures: Bool)
    case atomic(body: Int, next: Int, captures: Bool)
    case groupExists(Int, no: Int)
    /// End of a lookaround / atomic body.
    case subMatch
    /// End of the whole pattern.
    case match
}

struct RegexProgram: Sendable {
    var code: [RegexInst] = []
    var registerCount = 0
    var slotCount = 2
    /// If non-nil, every match begins with a scalar accepted by one of these matchers.
    var firstScalar: [RegexCharMatcher]? = nil
    /// True if the pattern can only match at position 0 (leading \A or non-multiline ^).
    var anchoredAtStart = false
}

struct RegexCompiler {
    private var program = RegexProgram()
    private let groupWidths: [(Int, Int)]

    static func compile(_ parsed: RegexParseResult) throws(RegexError) -> RegexProgram {
        var compiler = RegexCompiler(groupWidths: parsed.groupWidths)
        compiler.program.slotCount = 2 * (parsed.groupCount + 1)
        try compiler.emitNode(parsed.root)
        _ = compiler.emit(.match)
        compiler.annotateFollowLiterals()
        compiler.program.firstScalar = Self.firstScalar(parsed.root)
        compiler.program.anchoredAtStart = Self.anchored(parsed.root)
        return compiler.program
    }

    private init(groupWidths: [(Int, Int)]) {
        self.groupWidths = groupWidths
    }

    private var here: Int { program.code.count }

    private mutating func emit(_ inst: RegexInst) -> Int {
        program.code.append(inst)
        return program.code.count - 1
    }

    private static func hasGroups(_ node: RegexNode) -> Bool {
        switch node {
        case .empty, .single, .anchor, .backreference: return false
        case .group: return true
        case .sequence(let items), .alternation(let items): return items.contains(where: hasGroups)
        case .repetition(let body, _, _, _), .lookaround(_, _, let body), .atomic(let body): return hasGroups(body)
        case .conditional(_, let yes, let no): return hasGroups(yes) || hasGroups(no)
        }
    }

    private mutating func emitNode(_ node: RegexNode) throws(RegexError) {
        switch node {
        case .empty:
            break
        case .single(let m):
            _ = emit(.one(m))
        case .sequence(let items):
            for item in items { try emitNode(item) }
        case .alternation(let alts):
            var jumps: [Int] = []
            for (i, alt) in alts.enumerated() {
                if i < alts.count - 1 {
                    let split = emit(.split(0, 0))
                    try emitNode(alt)
                    jumps.append(emit(.jump(0)))
                    program.code[split] = .split(split + 1, here)
                } else {
                    try emitNode(alt)
                }
            }
            for j in jumps { program.code[j] = .jump(here) }
        case .group(let g, let body):
            _ = emit(.save(2 * g))
            try emitNode(body)
            _ = emit(.save(2 * g + 1))
        case .repetition(let body, let mn, let mx, let kind):
            if kind == .possessive {
                try emitNode(.atomic(.repetition(body, min: mn, max: mx, kind: .greedy)))
                return
            }
            if mx == 0 {
                // Never executed, but compiled anyway so errors (look-behind width) are reported.
                let saved = here
                try emitNode(body)
                program.code.removeSubrange(saved...)
                return
            }
            if case .single(let m) = body {
                _ = emit(.repeatOne(m, min: mn, max: mx, greedy: kind == .greedy, follow: -1))
                return
            }
            let reg = program.registerCount
            program.registerCount += 1
            let initPC = emit(.repeatInit(reg: reg, loop: 0))
            let loopPC = emit(.jump(0))
            program.code[initPC] = .repeatInit(reg: reg, loop: loopPC)
            try emitNode(body)
            _ = emit(.jump(loopPC))
            if kind == .lazy {
                _ = emit(.repeatLazyMore(reg: reg, max: mx, body: loopPC + 1))
            }
            program.code[loopPC] = .repeatLoop(
                reg: reg, min: mn, max: mx, greedy: kind == .greedy,
                body: loopPC + 1, exit: here)
        case .anchor(let a):
            _ = emit(.anchor(a))
        case .backreference(let g, let ic, let ascii):
            _ = emit(.backref(g, ignoreCase: ic, ascii: ascii))
        case .lookaround(let behind, let negated, let body):
            var width = 0
            if behind {
                let (lo, hi) = RegexWidth.of(body, groupWidths: groupWidths.map { Optional($0) })
                if lo != hi { throw RegexError("look-behind requires fixed-width pattern") }
                width = lo
            }
            let at = emit(.subMatch)
            try emitNode(body)
            _ = emit(.subMatch)
            program.code[at] = .look(
                behind: behind, negated: negated, width: width, body: at + 1, next: here,
                captures: Self.hasGroups(body))
        case .atomic(let body):
            let at = emit(.subMatch)
            try emitNode(body)
            _ = emit(.subMatch)
            program.code[at] = .atomic(body: at + 1, next: here, captures: Self.hasGroups(body))
        case .conditional(let g, let yes, let no):
            let at = emit(.groupExists(g, no: 0))
            try emitNode(yes)
            let j = emit(.jump(0))
            program.code[at] = .groupExists(g, no: here)
            try emitNode(no)
            program.code[j] = .jump(here)
        }
    }

    /// A greedy single-scalar repeat continues at the next instruction; if that is a literal, record
    /// it so backtracking can skip positions that cannot succeed.
    private mutating func annotateFollowLiterals() {
        for i in 0..<program.code.count - 1 {
            if case .repeatOne(let m, let mn, let mx, true, _) = program.code[i],
                case .one(.literal(let c)) = program.code[i + 1]
            {
                program.code[i] = .repeatOne(m, min: mn, max: mx, greedy: true, follow: Int(c))
            }
        }
    }

    // MARK: search helpers

    /// Matchers of which every match's first scalar must satisfy at least one, if determinable.
    private static func firstScalar(_ node: RegexNode) -> [RegexCharMatcher]? {
        switch node {
        case .single(let m): return [m]
        case .group(_, let body), .atomic(let body): return firstScalar(body)
        case .repetition(let body, let mn, _, _): return mn >= 1 ? firstScalar(body) : nil
        case .sequence(let items):
            for item in items {
                switch item {
                case .anchor, .lookaround: continue
                default: return firstScalar(item)
                }
            }
            return nil
        case .alternation(let alts):
            var all: [RegexCharMatcher] = []
            for alt in alts {
                guard let ms = firstScalar(alt) else { return nil }
                all += ms
                if all.count > 16 { return nil }
            }
            return all
        default: return nil
        }
    }

    private static func anchored(_ node: RegexNode) -> Bool {
        switch node {
        case .anchor(.beginText): return true
        case .group(_, let body), .atomic(let body): return anchored(body)
        case .sequence(let items): return items.first.map(anchored) ?? false
        case .alternation(let alts): return alts.allSatisfy(anchored)
        default: return false
        }
    }
}
