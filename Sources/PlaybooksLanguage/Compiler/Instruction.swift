/// One bytecode instruction. Operands are small integers: indexes into the code object's
/// constants, names, local slots or the module's global slots, or jump targets.
///
/// The enum is trivial (no references), so a code object's instruction array is plain data:
/// it encodes into a snapshot as-is.
public enum Instruction: Equatable, Sendable {
    case nop
    case loadConst(Int32)
    case loadNone
    case loadSmallInt(Int32)
    case loadFast(Int32)
    case storeFast(Int32)
    case deleteFast(Int32)
    case loadDeref(Int32)
    case storeDeref(Int32)
    case deleteDeref(Int32)
    case loadGlobal(Int32)
    case storeGlobal(Int32)
    case deleteGlobal(Int32)
    /// `$name`; operand is a name index.
    case loadStateVar(Int32)
    case storeStateVar(Int32)
    case loadAttr(Int32)
    case storeAttr(Int32)
    case deleteAttr(Int32)
    /// Pushes `[callable, self]` (self may be a null marker) for a following ``callMethod``.
    case loadMethod(Int32)
    case callMethod(Int32)
    case binarySubscript
    case storeSubscript
    case deleteSubscript
    case buildSlice(Int32)
    case binary(BinaryOp)
    case inplace(BinaryOp)
    case unary(UnaryOp)
    case compare(CompareOp)
    case pop
    case dup
    case dupTwo
    case rotTwo
    case rotThree
    case rotFour
    case jump(Int32)
    case popJumpIfFalse(Int32)
    case popJumpIfTrue(Int32)
    case jumpIfFalseOrPop(Int32)
    case jumpIfTrueOrPop(Int32)
    case getIter
    /// Advances the iterator on top of the stack: pushes the next item, or pops the iterator
    /// and jumps to the operand when it is exhausted.
    case forIter(Int32)
    case buildList(Int32)
    case buildTuple(Int32)
    case buildSet(Int32)
    case buildMap(Int32)
    case listAppend(Int32)
    case setAdd(Int32)
    case mapAdd(Int32)
    case listExtend(Int32)
    case setUpdate(Int32)
    case dictUpdate(Int32)
    /// Merges a `**mapping` into the kwargs dict, failing on repeated keys.
    case dictMerge(Int32)
    case listToTuple
    case unpackSequence(Int32)
    /// Unpacks with a starred target: `before` items, a list, `after` items.
    case unpackStarred(before: Int32, after: Int32)
    case call(Int32)
    /// Calls with keyword arguments; the top of the stack is a tuple of their names.
    case callKeywords(Int32)
    /// Calls with a positional tuple and (if the operand is 1) a kwargs dict.
    case callEx(Int32)
    /// Builds a function from the code constant; flags say which of defaults (1),
    /// keyword defaults (2) and closure cells (4) are on the stack.
    case makeFunction(code: Int32, flags: Int32)
    case returnValue
    /// Pushes an exception handler that jumps to the operand.
    case setupExcept(Int32)
    case popBlock
    /// Enters an `except` body: records the exception on top of the stack as "being handled".
    case pushExcInfo
    /// Leaves an `except` body.
    case popExcept
    /// Tests the exception below the top against the class (or tuple) on top; pushes a bool.
    case checkExcMatch
    /// 0: bare re-raise, 1: raise top, 2: raise with cause.
    case raise(Int32)
    /// Re-raises the exception on top of the stack (end of a `finally` on the exception path).
    case reraise
    case assertFail(Int32)
    case getAwaitable
    case await
    case formatValue(conversion: Int32, hasSpec: Bool)
    case buildString(Int32)
    case importName(Int32)
    case importFrom(Int32)
    case loadBuildClass
    /// Pushes a fresh "null" marker (for calls of bound methods).
    case pushNull
    /// `TOS = TOS op value` for a small int constant (`n - 1`, `i % 7`).
    case binaryConstInt(BinaryOp, Int32)
    /// `TOS = TOS op value` for a comparison with a small int constant (`n < 2`).
    case compareConstInt(CompareOp, Int32)
    /// Compares the top two values and jumps to the target if the result is false (`if a < b:`).
    case compareJumpIfFalse(CompareOp, Int32)
    /// `x op= value` for a small int constant (`i += 1`).
    case inplaceConstInt(BinaryOp, Int32)
    /// `TOS = TOS[name]` for a string constant key (`record["qty"]`); the operand is a name
    /// index, so the key's hash is computed once per code object.
    case subscriptConstStr(Int32)
    /// Compares TOS with a small int constant and jumps to the target if the result is false
    /// (`if n < 2:`, `while i <= 100:`): one instruction for a constant load, a compare and a jump.
    case compareConstIntJumpIfFalse(CompareOp, Int16, Int32)
    /// `TOS[name] = TOS1` for a string constant key (`record["qty"] = 3`, `totals["n"] += 1`);
    /// like ``subscriptConstStr(_:)``, the key's hash comes from the code object.
    case storeSubscriptConstStr(Int32)
    /// Pushes a new empty dict with room for the given number of keys (a display whose keys
    /// are all string constants: `{"id": 1, "name": n}`).
    case newDict(Int32)
    /// `TOS1[name] = TOS`, popping only the value: fills the dict ``newDict(_:)`` made, with the
    /// key's hash from the code object.
    case mapAddConstStr(Int32)
    /// Pushes the attribute (the name index) of the local (the first operand): `self.x` as one
    /// instruction, the local read where it lies.
    case loadFastAttr(Int32, Int32)
}
