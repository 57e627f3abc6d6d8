/// Numbers each instruction for snapshots: an opcode and up to two integer operands.
/// (Generated from the cases of ``Instruction``; keep the order stable across versions.)
extension Instruction {
    var encoded: (op: UInt8, a: Int32, b: Int32) {
        switch self {
        case .nop: return (0, 0, 0)
        case .loadConst(let a): return (1, a, 0)
        case .loadNone: return (2, 0, 0)
        case .loadSmallInt(let a): return (3, a, 0)
        case .loadFast(let a): return (4, a, 0)
        case .storeFast(let a): return (5, a, 0)
        case .deleteFast(let a): return (6, a, 0)
        case .loadDeref(let a): return (7, a, 0)
        case .storeDeref(let a): return (8, a, 0)
        case .deleteDeref(let a): return (9, a, 0)
        case .loadGlobal(let a): return (10, a, 0)
        case .storeGlobal(let a): return (11, a, 0)
        case .deleteGlobal(let a): return (12, a, 0)
        case .loadStateVar(let a): return (13, a, 0)
        case .storeStateVar(let a): return (14, a, 0)
        case .loadAttr(let a): return (15, a, 0)
        case .storeAttr(let a): return (16, a, 0)
        case .deleteAttr(let a): return (17, a, 0)
        case .loadMethod(let a): return (18, a, 0)
        case .callMethod(let a): return (19, a, 0)
        case .binarySubscript: return (20, 0, 0)
        case .storeSubscript: return (21, 0, 0)
        case .deleteSubscript: return (22, 0, 0)
        case .buildSlice(let a): return (23, a, 0)
        case .binary(let a): return (24, Int32((BinaryOp.allCases.firstIndex(of: a) ?? 0)), 0)
        case .inplace(let a): return (25, Int32((BinaryOp.allCases.firstIndex(of: a) ?? 0)), 0)
        case .unary(let a): return (26, Int32((UnaryOp.allCases.firstIndex(of: a) ?? 0)), 0)
        case .compare(let a): return (27, Int32((CompareOp.allCases.firstIndex(of: a) ?? 0)), 0)
        case .pop: return (28, 0, 0)
        case .dup: return (29, 0, 0)
        case .dupTwo: return (30, 0, 0)
        case .rotTwo: return (31, 0, 0)
        case .rotThree: return (32, 0, 0)
        case .rotFour: return (33, 0, 0)
        case .jump(let a): return (34, a, 0)
        case .popJumpIfFalse(let a): return (35, a, 0)
        case .popJumpIfTrue(let a): return (36, a, 0)
        case .jumpIfFalseOrPop(let a): return (37, a, 0)
        case .jumpIfTrueOrPop(let a): return (38, a, 0)
        case .getIter: return (39, 0, 0)
        case .forIter(let a): return (40, a, 0)
        case .buildList(let a): return (41, a, 0)
        case .buildTuple(let a): return (42, a, 0)
        case .buildSet(let a): return (43, a, 0)
        case .buildMap(let a): return (44, a, 0)
        case .listAppend(let a): return (45, a, 0)
        case .setAdd(let a): return (46, a, 0)
        case .mapAdd(let a): return (47, a, 0)
        case .listExtend(let a): return (48, a, 0)
        case .setUpdate(let a): return (49, a, 0)
        case .dictUpdate(let a): return (50, a, 0)
        case .dictMerge(let a): return (51, a, 0)
        case .listToTuple: return (52, 0, 0)
        case .unpackSequence(let a): return (53, a, 0)
        case .unpackStarred(let a, let b): return (54, a, b)
        case .call(let a): return (55, a, 0)
        case .callKeywords(let a): return (56, a, 0)
        case .callEx(let a): return (57, a, 0)
        case .makeFunction(let a, let b): return (58, a, b)
        case .returnValue: return (59, 0, 0)
        case .setupExcept(let a): return (60, a, 0)
        case .popBlock: return (61, 0, 0)
        case .pushExcInfo: return (62, 0, 0)
        case .popExcept: return (63, 0, 0)
        case .checkExcMatch: return (64, 0, 0)
        case .raise(let a): return (65, a, 0)
        case .reraise: return (66, 0, 0)
        case .assertFail(let a): return (67, a, 0)
        case .getAwaitable: return (68, 0, 0)
        case .await: return (69, 0, 0)
        case .formatValue(let a, let b): return (70, a, (b ? 1 : 0))
        case .buildString(let a): return (71, a, 0)
        case .importName(let a): return (72, a, 0)
        case .importFrom(let a): return (73, a, 0)
        case .loadBuildClass: return (74, 0, 0)
        case .pushNull: return (75, 0, 0)
        case .binaryConstInt(let op, let v): return (76, Int32(BinaryOp.allCases.firstIndex(of: op) ?? 0), v)
        case .compareConstInt(let op, let v): return (77, Int32(CompareOp.allCases.firstIndex(of: op) ?? 0), v)
        case .compareJumpIfFalse(let op, let t): return (78, Int32(CompareOp.allCases.firstIndex(of: op) ?? 0), t)
        case .inplaceConstInt(let op, let v): return (79, Int32(BinaryOp.allCases.firstIndex(of: op) ?? 0), v)
        case .subscriptConstStr(let i): return (80, i, 0)
        case .compareConstIntJumpIfFalse(let op, let k, let t):
            // The operator in the low byte, the constant above it.
            return (81, Int32(CompareOp.allCases.firstIndex(of: op) ?? 0) | Int32(k) << 8, t)
        case .storeSubscriptConstStr(let i): return (82, i, 0)
        case .newDict(let n): return (83, n, 0)
        case .mapAddConstStr(let i): return (84, i, 0)
        case .loadFastAttr(let l, let i): return (85, l, i)
        }
    }

    static func decode(op: UInt8, a: Int32, b: Int32) throws(SnapshotError) -> Instruction {
        func opBinaryOp(_ i: Int32) throws(SnapshotError) -> BinaryOp {
            guard i >= 0, Int(i) < BinaryOp.allCases.count else { throw SnapshotError("snapshot is damaged: bad operator") }
            return BinaryOp.allCases[Int(i)]
        }
        func opUnaryOp(_ i: Int32) throws(SnapshotError) -> UnaryOp {
            guard i >= 0, Int(i) < UnaryOp.allCases.count else { throw SnapshotError("snapshot is damaged: bad operator") }
            return UnaryOp.allCases[Int(i)]
        }
        func opCompareOp(_ i: Int32) throws(SnapshotError) -> CompareOp {
            guard i >= 0, Int(i) < CompareOp.allCases.count else { throw SnapshotError("snapshot is damaged: bad operator") }
            return CompareOp.allCases[Int(i)]
        }
        switch op {
        case 0: return .nop
        case 1: return .loadConst(a)
        case 2: return .loadNone
        case 3: return .loadSmallInt(a)
        case 4: return .loadFast(a)
        case 5: return .storeFast(a)
        case 6: return .deleteFast(a)
        case 7: return .loadDeref(a)
        case 8: return .storeDeref(a)
        case 9: return .deleteDeref(a)
        case 10: return .loadGlobal(a)
        case 11: return .storeGlobal(a)
        case 12: return .deleteGlobal(a)
        case 13: return .loadStateVar(a)
        case 14: return .storeStateVar(a)
        case 15: return .loadAttr(a)
        case 16: return .storeAttr(a)
        case 17: return .deleteAttr(a)
        case 18: return .loadMethod(a)
        case 19: return .callMethod(a)
        case 20: return .binarySubscript
        case 21: return .storeSubscript
        case 22: return .deleteSubscript
        case 23: return .buildSlice(a)
        case 24: return .binary(try opBinaryOp(a))
        case 25: return .inplace(try opBinaryOp(a))
        case 26: return .unary(try opUnaryOp(a))
        case 27: return .compare(try opCompareOp(a))
        case 28: return .pop
        case 29: return .dup
        case 30: return .dupTwo
        case 31: return .rotTwo
        case 32: return .rotThree
        case 33: return .rotFour
        case 34: return .jump(a)
        case 35: return .popJumpIfFalse(a)
        case 36: return .popJumpIfTrue(a)
        case 37: return .jumpIfFalseOrPop(a)
        case 38: return .jumpIfTrueOrPop(a)
        case 39: return .getIter
        case 40: return .forIter(a)
        case 41: return .buildList(a)
        case 42: return .buildTuple(a)
        case 43: return .buildSet(a)
        case 44: return .buildMap(a)
        case 45: return .listAppend(a)
        case 46: return .setAdd(a)
        case 47: return .mapAdd(a)
        case 48: return .listExtend(a)
        case 49: return .setUpdate(a)
        case 50: return .dictUpdate(a)
        case 51: return .dictMerge(a)
        case 52: return .listToTuple
        case 53: return .unpackSequence(a)
        case 54: return .unpackStarred(before: a, after: b)
        case 55: return .call(a)
        case 56: return .callKeywords(a)
        case 57: return .callEx(a)
        case 58: return .makeFunction(code: a, flags: b)
        case 59: return .returnValue
        case 60: return .setupExcept(a)
        case 61: return .popBlock
        case 62: return .pushExcInfo
        case 63: return .popExcept
        case 64: return .checkExcMatch
        case 65: return .raise(a)
        case 66: return .reraise
        case 67: return .assertFail(a)
        case 68: return .getAwaitable
        case 69: return .await
        case 70: return .formatValue(conversion: a, hasSpec: b != 0)
        case 71: return .buildString(a)
        case 72: return .importName(a)
        case 73: return .importFrom(a)
        case 74: return .loadBuildClass
        case 76: return .binaryConstInt(try opBinaryOp(a), b)
        case 77: return .compareConstInt(try opCompareOp(a), b)
        case 78: return .compareJumpIfFalse(try opCompareOp(a), b)
        case 79: return .inplaceConstInt(try opBinaryOp(a), b)
        case 80: return .subscriptConstStr(a)
        case 81:
            guard let k = Int16(exactly: a >> 8) else { throw SnapshotError("snapshot is damaged: bad constant") }
            return .compareConstIntJumpIfFalse(try opCompareOp(a & 0xff), k, b)
        case 82: return .storeSubscriptConstStr(a)
        case 83: return .newDict(a)
        case 84: return .mapAddConstStr(a)
        case 85: return .loadFastAttr(a, b)
        case 75: return .pushNull
        default: throw SnapshotError("snapshot is damaged: unknown opcode \(op)")
        }
    }
}
