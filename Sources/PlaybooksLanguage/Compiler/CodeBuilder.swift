/// Accumulates one code object while the compiler walks a module, function, lambda or class body.
final class CodeBuilder {
    enum Kind { case module, function, classBody }

    /// A block that `return`, `break` and `continue` must unwind through.
    enum FrameBlock {
        /// A loop; `hasIterator` when a `for` iterator sits on the stack.
        case loop(continueTarget: Int, breakPatches: [Int], hasIterator: Bool)
        /// The protected body of `try` with an exception handler installed.
        case tryBody
        /// The body of `try ... finally`: leaving it runs the final body.
        case finallyBody([Stmt])
        /// An `except` body, with the bound name to clear on exit.
        case exceptBody(name: String?)
        /// The final body running on the exception path: the exception sits on the stack.
        case finallyOnException
    }

    let kind: Kind
    let name: String
    let qualifiedName: String
    let firstLine: Int
    let symbols: ScopeSymbols
    var isCoroutine = false

    var instructions: [Instruction] = []
    var lines: [Int32] = []
    var currentLine: Int32

    var constants: [Value] = []
    var constantIndex: [ConstantKey: Int] = [:]
    var codeConstants: [CodeObject] = []
    var names: [String] = []
    var nameIndex: [String: Int] = [:]

    var localNames: [String] = []
    var localIndex: [String: Int] = [:]
    var cellNames: [String] = []
    var cellIndex: [String: Int] = [:]
    var cellParameterSlots: [Int32] = []
    var freeNames: [String] = []
    var freeIndex: [String: Int] = [:]

    var frameBlocks: [FrameBlock] = []
    /// Comprehension variables, innermost last: source name -> hidden local slot.
    var comprehensionNames: [[String: Int32]] = []

    var positionalOnlyCount = 0
    var positionalCount = 0
    var keywordOnlyCount = 0
    var hasVarargs = false
    var hasKwargs = false

    init(kind: Kind, name: String, qualifiedName: String, firstLine: Int, symbols: ScopeSymbols) {
        self.kind = kind
        self.name = name
        self.qualifiedName = qualifiedName
        self.firstLine = firstLine
        self.symbols = symbols
        self.currentLine = Int32(truncatingIfNeeded: firstLine)
    }

    var here: Int { instructions.count }

    @discardableResult
    func emit(_ i: Instruction) -> Int {
        instructions.append(i)
        lines.append(currentLine)
        return instructions.count - 1
    }

    /// Points the jump at `index` to `target`.
    func patch(_ index: Int, to target: Int) {
        let t = Int32(target)
        switch instructions[index] {
        case .jump: instructions[index] = .jump(t)
        case .popJumpIfFalse: instructions[index] = .popJumpIfFalse(t)
        case .popJumpIfTrue: instructions[index] = .popJumpIfTrue(t)
        case .jumpIfFalseOrPop: instructions[index] = .jumpIfFalseOrPop(t)
        case .jumpIfTrueOrPop: instructions[index] = .jumpIfTrueOrPop(t)
        case .forIter: instructions[index] = .forIter(t)
        case .setupExcept: instructions[index] = .setupExcept(t)
        case .compareJumpIfFalse(let op, _): instructions[index] = .compareJumpIfFalse(op, t)
        case .compareConstIntJumpIfFalse(let op, let k, _): instructions[index] = .compareConstIntJumpIfFalse(op, k, t)
        default: break
        }
    }

    enum ConstantKey: Hashable {
        case int(Int)
        case str(String)
        case float(UInt64)
    }

    func constant(_ v: Value) -> Int32 {
        let key: ConstantKey?
        switch v {
        case .int(let i): key = .int(i)
        case .str(let s): key = .str(s)
        case .float(let d): key = .float(d.bitPattern)
        default: key = nil
        }
        if let key, let i = constantIndex[key] { return Int32(i) }
        constants.append(v)
        if let key { constantIndex[key] = constants.count - 1 }
        return Int32(constants.count - 1)
    }

    func name(_ n: String) -> Int32 {
        if let i = nameIndex[n] { return Int32(i) }
        names.append(n)
        nameIndex[n] = names.count - 1
        return Int32(names.count - 1)
    }

    func local(_ n: String) -> Int32 {
        if let i = localIndex[n] { return Int32(i) }
        localNames.append(n)
        localIndex[n] = localNames.count - 1
        return Int32(localNames.count - 1)
    }

    /// A fresh local slot that no source name resolves to (comprehension variables).
    func hiddenLocal(_ n: String) -> Int32 {
        localNames.append(n)
        return Int32(localNames.count - 1)
    }

    func free(_ n: String) -> Int32 {
        if let i = freeIndex[n] { return Int32(cellNames.count + i) }
        freeNames.append(n)
        freeIndex[n] = freeNames.count - 1
        return Int32(cellNames.count + freeNames.count - 1)
    }

    func build(filename: String, closureSlots: [Int32]) -> CodeObject {
        CodeObject(
            name: name, qualifiedName: qualifiedName, filename: filename, instructions: instructions,
            lines: lines, constants: constants, codeConstants: codeConstants, names: names,
            localNames: localNames, cellNames: cellNames, cellParameterSlots: cellParameterSlots,
            freeNames: freeNames, positionalOnlyCount: positionalOnlyCount, positionalCount: positionalCount,
            keywordOnlyCount: keywordOnlyCount, hasVarargs: hasVarargs, hasKwargs: hasKwargs,
            isCoroutine: isCoroutine, firstLine: firstLine, closureSlots: closureSlots)
    }
}
