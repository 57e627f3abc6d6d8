/// Compiled bytecode for a module, a function body or a lambda. Immutable after compilation
/// and pure data, so a snapshot can carry it.
public final class CodeObject: @unchecked Sendable {
    public let name: String
    public let qualifiedName: String
    public let filename: String
    public let instructions: [Instruction]
    /// The instructions again, in a buffer the dispatch loop reads without reference counting.
    let instructionBuffer: UnsafeMutableBufferPointer<Instruction>
    /// The source line of each instruction.
    public let lines: [Int32]
    public let constants: [Value]
    public let codeConstants: [CodeObject]
    public let names: [String]
    /// ``PyHash`` of each name, so attribute lookups do not hash the name every time.
    let nameHashes: [Int]
    /// For each name that `loadMethod` loads and that is a method of a built-in type, those
    /// methods (`d.get` is found without hashing the name). Computed once here: code objects
    /// are shared and immutable.
    let builtinMethods: [BuiltinMethodSlot?]
    /// Local variable names; parameters come first in their declared order.
    public let localNames: [String]
    /// Variables of this scope captured by inner functions.
    public let cellNames: [String]
    /// For each cell, the local (parameter) slot whose value initializes it, or -1.
    public let cellParameterSlots: [Int32]
    /// Variables captured from enclosing scopes.
    public let freeNames: [String]
    public let positionalOnlyCount: Int
    /// Positional parameters, including positional-only ones.
    public let positionalCount: Int
    public let keywordOnlyCount: Int
    public let hasVarargs: Bool
    public let hasKwargs: Bool
    public let isCoroutine: Bool
    public let firstLine: Int
    /// The number of positional parameters when calling this code needs nothing but them: no
    /// `*args`, `**kwargs` or keyword-only parameters, no cells or free variables, not `async`;
    /// otherwise -1. Calls of such functions take the shortest path (`pushPlainCall`).
    let plainArity: Int
    /// `localNames.count`.
    let localCount: Int
    /// For each free variable, the index of the cell in the defining frame that it captures.
    public let closureSlots: [Int32]

    init(
        name: String, qualifiedName: String, filename: String, instructions: [Instruction], lines: [Int32],
        constants: [Value], codeConstants: [CodeObject], names: [String], localNames: [String],
        cellNames: [String], cellParameterSlots: [Int32], freeNames: [String], positionalOnlyCount: Int,
        positionalCount: Int, keywordOnlyCount: Int, hasVarargs: Bool, hasKwargs: Bool, isCoroutine: Bool,
        firstLine: Int, closureSlots: [Int32]
    ) {
        self.closureSlots = closureSlots
        let buffer = UnsafeMutableBufferPointer<Instruction>.allocate(capacity: max(1, instructions.count))
        _ = buffer.initialize(from: instructions)
        self.instructionBuffer = UnsafeMutableBufferPointer(rebasing: buffer[0..<instructions.count])
        self.name = name
        self.qualifiedName = qualifiedName
        self.filename = filename
        self.instructions = instructions
        self.lines = lines
        self.constants = constants
        self.codeConstants = codeConstants
        self.names = names
        self.nameHashes = names.map(PyHash.string)
        self.builtinMethods = CodeObject.builtinMethodSlots(names: names, instructions: instructions)
        self.localNames = localNames
        self.cellNames = cellNames
        self.cellParameterSlots = cellParameterSlots
        self.freeNames = freeNames
        self.positionalOnlyCount = positionalOnlyCount
        self.positionalCount = positionalCount
        self.keywordOnlyCount = keywordOnlyCount
        self.hasVarargs = hasVarargs
        self.hasKwargs = hasKwargs
        self.isCoroutine = isCoroutine
        self.firstLine = firstLine
        let plain = !hasVarargs && !hasKwargs && keywordOnlyCount == 0 && !isCoroutine && cellNames.isEmpty && freeNames.isEmpty
        self.plainArity = plain ? positionalCount : -1
        self.localCount = localNames.count
    }

    /// The slots of the names `loadMethod` uses (only those: code without method calls, such as
    /// `print(1 + 1)`, does not build the method tables at start-up).
    private static func builtinMethodSlots(names: [String], instructions: [Instruction]) -> [BuiltinMethodSlot?] {
        var slots = [BuiltinMethodSlot?](repeating: nil, count: names.count)
        var looked = [Bool](repeating: false, count: names.count)
        for case .loadMethod(let i) in instructions where names.indices.contains(Int(i)) && !looked[Int(i)] {
            looked[Int(i)] = true
            slots[Int(i)] = BuiltinMethodSlot(name: names[Int(i)])
        }
        return slots
    }

    deinit {
        instructionBuffer.baseAddress?.deinitialize(count: instructionBuffer.count)
        instructionBuffer.baseAddress?.deallocate()
    }

    /// An empty code object, used while a snapshot is being decoded.
    static let placeholder = CodeObject(
        name: "", qualifiedName: "", filename: "", instructions: [], lines: [], constants: [], codeConstants: [],
        names: [], localNames: [], cellNames: [], cellParameterSlots: [], freeNames: [], positionalOnlyCount: 0,
        positionalCount: 0, keywordOnlyCount: 0, hasVarargs: false, hasKwargs: false, isCoroutine: false, firstLine: 0,
        closureSlots: [])

    /// Number of parameter slots (positional, keyword-only, `*args`, `**kwargs`).
    var parameterSlotCount: Int {
        positionalCount + keywordOnlyCount + (hasVarargs ? 1 : 0) + (hasKwargs ? 1 : 0)
    }

    func line(at ip: Int) -> Int {
        guard ip >= 0, ip < lines.count else { return firstLine }
        return Int(lines[ip])
    }
}
