/// The methods one name has on the plain built-in types (`get` on dict, `append` on list, ...),
/// looked up once per name of a code object so that `loadMethod` on a built-in value needs no
/// string hashing. Flavoured containers (deque, Counter, OrderedDict, frozenset) and other
/// receivers take the general path.
///
/// A class, not a struct: `loadMethod` reads the slot out of its code object's array, and
/// copying a struct of seven references retained and released each of them.
final class BuiltinMethodSlot: Sendable {
    let str: BuiltinFunction?
    let list: BuiltinFunction?
    let dict: BuiltinFunction?
    let set: BuiltinFunction?
    let tuple: BuiltinFunction?
    let int: BuiltinFunction?
    let float: BuiltinFunction?

    /// `nil` when no plain built-in type has a method of this name.
    init?(name: String) {
        guard Builtins.plainMethodNames.contains(name) else { return nil }
        str = Builtins.strMethods[name]
        list = Builtins.listMethods[name]
        dict = Builtins.dictMethods[name]
        set = Builtins.setMethods[name]
        tuple = Builtins.tupleMethods[name]
        int = Builtins.intMethods[name]
        float = Builtins.floatMethods[name]
    }

    /// The method for `receiver`, when it is a plain built-in value that has one (what
    /// ``Builtins/method(for:_:)`` would return for it).
    @inline(__always)
    func method(for receiver: Value) -> BuiltinFunction? {
        switch receiver {
        case .str: return str
        case .list(let l): return l.isDeque ? nil : list
        case .dict(let d):
            if case .plain = d.flavor { return dict }
            return nil
        case .set(let s): return s.isFrozen ? nil : set
        case .tuple: return tuple
        case .int, .bigInt, .bool: return int
        case .float: return float
        default: return nil
        }
    }
}

extension Builtins {
    /// Every method name of the plain built-in types.
    static let plainMethodNames: Set<String> = {
        var names = Set<String>()
        for table in [strMethods, listMethods, dictMethods, setMethods, tupleMethods, intMethods, floatMethods] {
            names.formUnion(table.keys)
        }
        return names
    }()
}
