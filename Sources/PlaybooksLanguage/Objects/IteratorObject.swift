/// An iterator. Its state is plain data (positions into the containers it walks), so a loop that
/// is suspended mid-iteration resumes at the same element after a snapshot.
public final class IteratorObject: @unchecked Sendable {
    public enum State {
        case values([Value], Int)
        case tuple(TupleItems, Int)
        case list(ListObject, Int)
        case reversedList(ListObject, Int)
        case str(String, Int)  // UTF-8 offset
        case range(current: Int, stop: Int, step: Int)
        case dictKeys(DictObject, Int)
        case dictValues(DictObject, Int)
        case dictItems(DictObject, Int)
        case set(SetObject, Int)
        case enumerate(IteratorObject, Int)
        case zip([IteratorObject])
        case map(Value, [IteratorObject])
        case filter(Value, IteratorObject)
        case exhausted
    }

    @exclusivity(unchecked) public var state: State
    /// The type name Python shows (`list_iterator`, `enumerate`, `map`, ...).
    public internal(set) var kindName: String

    public init(_ state: State, kindName: String) {
        self.state = state
        self.kindName = kindName
    }

    /// Frees nested iterators (`it = map(f, it)` in a loop) without recursion (see
    /// ``NestedRelease``). A list, dict, ... iterated over frees its own values.
    deinit {
        guard holdsNestedValues else { return }
        var pending: [Value] = []
        moveParts(into: &pending)
        NestedRelease.drainIfAny(&pending)
    }

    var typeObject: TypeObject {
        TypeObject(name: kindName, base: Types.object, isBuiltin: true)
    }
}
