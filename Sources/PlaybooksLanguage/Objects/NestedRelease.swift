/// Frees nested data with a work list instead of recursion.
///
/// Swift releases a class instance's stored properties when it is freed, so freeing a list that
/// holds the only reference to a list that holds the only reference to a list ... recurses once
/// per level and overflows the stack for data nested some tens of thousands deep (`a = [a]` in a
/// loop, or `t = (t,)`). The `deinit` of ``ListObject``, ``DictObject``, ``TupleStorage``,
/// ``SetObject``, ``ExceptionObject``, ``FunctionObject``, ``IteratorObject`` and ``TypeObject``
/// hands its values to ``drain(_:)`` when one of them can hold further values: each object whose
/// last reference is in the work list has its own values moved into the work list before it is
/// freed, so every `deinit` finds an empty object and the depth of the Swift stack stays
/// constant. A shared object is only released (its reference count goes down), never walked.
///
/// Bound methods and instances have no `deinit` of their own: what they hold is freed through
/// the `deinit` of the dict, list, tuple, ... that holds it, which goes to the work list.
enum NestedRelease {
    /// Whether freeing `value` can free further values that ``drain(_:)`` takes apart: lists,
    /// dicts, instances, tuples, sets, bound methods, functions, exceptions, iterators, classes.
    @inline(__always)
    static func holdsContainers(_ value: Value) -> Bool {
        switch value {
        case .list, .dict, .instance, .tuple, .set, .boundMethod, .function, .exception, .iterator, .type:
            return true
        default: return false
        }
    }

    /// Releases `pending` (and whatever it alone keeps alive) iteratively.
    static func drain(_ pending: inout [Value]) {
        while !pending.isEmpty {
            var slot = pending.removeLast()
            if var list = takeList(&slot) {
                guard isKnownUniquelyReferenced(&list) else { continue }
                pending.append(contentsOf: list.items)
                list.items = []
            } else if var dict = takeDict(&slot) {
                guard isKnownUniquelyReferenced(&dict) else { continue }
                dict.moveEntries(into: &pending)
            } else if var instance = takeInstance(&slot) {
                guard isKnownUniquelyReferenced(&instance) else { continue }
                if instance.attributes.count > 0 {
                    pending.append(.dict(instance.attributes))
                    instance.attributes = DictObject()
                }
                // A class only its instance references (a class made in a loop, whose attributes
                // hold the previous instance).
                if isKnownUniquelyReferenced(&instance.cls) {
                    pending.append(.type(instance.cls))
                    instance.cls = Types.object
                }
            } else if var tuple = takeTuple(&slot) {
                guard isKnownUniquelyReferenced(&tuple.storage) else { continue }
                tuple.storage.moveItems(into: &pending)
            } else {
                takeApartOther(&slot, into: &pending)
            }
        }
    }

    /// ``drain(_:)`` for the kinds met less often: moves the values of `slot`'s object to
    /// `pending` when `slot` holds its only reference.
    @inline(never)
    static func takeApartOther(_ slot: inout Value, into pending: inout [Value]) {
        if var set = takeSet(&slot) {
            guard isKnownUniquelyReferenced(&set) else { return }
            set.moveElements(into: &pending)
        } else if var method = takeBoundMethod(&slot) {
            guard isKnownUniquelyReferenced(&method) else { return }
            pending.append(method.receiver)
            pending.append(method.function)
            method.receiver = .none
            method.function = .none
        } else if var function = takeFunction(&slot) {
            guard isKnownUniquelyReferenced(&function) else { return }
            function.moveParts(into: &pending)
        } else if var exception = takeException(&slot) {
            guard isKnownUniquelyReferenced(&exception) else { return }
            exception.moveParts(into: &pending)
        } else if var iterator = takeIterator(&slot) {
            guard isKnownUniquelyReferenced(&iterator) else { return }
            iterator.moveParts(into: &pending)
        } else if var type = takeType(&slot) {
            guard isKnownUniquelyReferenced(&type) else { return }
            type.moveParts(into: &pending)
        }
    }

    /// Drains `pending` if it is not empty: for a `deinit` that moved its values there.
    @inline(__always)
    static func drainIfAny(_ pending: inout [Value]) {
        if !pending.isEmpty { drain(&pending) }
    }

    // The reference is moved out of the value (which becomes `None`) in a function of its own,
    // so that no copy of the value (such as a `switch` subject) outlives the uniqueness check.

    static func takeList(_ value: inout Value) -> ListObject? {
        guard case .list(let list) = value else { return nil }
        value = .none
        return list
    }

    static func takeDict(_ value: inout Value) -> DictObject? {
        guard case .dict(let dict) = value else { return nil }
        value = .none
        return dict
    }

    static func takeInstance(_ value: inout Value) -> InstanceObject? {
        guard case .instance(let instance) = value else { return nil }
        value = .none
        return instance
    }

    static func takeTuple(_ value: inout Value) -> TupleItems? {
        guard case .tuple(let tuple) = value else { return nil }
        value = .none
        return tuple
    }

    static func takeSet(_ value: inout Value) -> SetObject? {
        guard case .set(let set) = value else { return nil }
        value = .none
        return set
    }

    static func takeBoundMethod(_ value: inout Value) -> BoundMethod? {
        guard case .boundMethod(let method) = value else { return nil }
        value = .none
        return method
    }

    static func takeFunction(_ value: inout Value) -> FunctionObject? {
        guard case .function(let function) = value else { return nil }
        value = .none
        return function
    }

    static func takeException(_ value: inout Value) -> ExceptionObject? {
        guard case .exception(let exception) = value else { return nil }
        value = .none
        return exception
    }

    static func takeIterator(_ value: inout Value) -> IteratorObject? {
        guard case .iterator(let iterator) = value else { return nil }
        value = .none
        return iterator
    }

    static func takeType(_ value: inout Value) -> TypeObject? {
        guard case .type(let type) = value else { return nil }
        value = .none
        return type
    }
}

extension DictObject {
    /// Moves every key and value to `pending`, leaving the dict empty.
    func moveEntries(into pending: inout [Value]) {
        for case let entry? in table.entries {
            pending.append(entry.key)
            pending.append(entry.value)
        }
        table.removeAll()
    }

    /// Whether some value (or key) can hold further values (``NestedRelease/holdsContainers(_:)``).
    var holdsContainers: Bool {
        for case let entry? in table.entries {
            if NestedRelease.holdsContainers(entry.value) || NestedRelease.holdsContainers(entry.key) { return true }
        }
        return false
    }
}

extension SetObject {
    /// Moves every element to `pending`, leaving the set empty.
    func moveElements(into pending: inout [Value]) {
        for case let entry? in storage.table.entries { pending.append(entry.key) }
        storage.table.removeAll()
    }

    /// Whether some element can hold further values.
    var holdsContainers: Bool {
        for case let entry? in storage.table.entries where NestedRelease.holdsContainers(entry.key) { return true }
        return false
    }
}

extension FunctionObject {
    /// Moves the defaults, the values of the closure cells only this function references and the
    /// attributes to `pending`.
    func moveParts(into pending: inout [Value]) {
        pending.append(contentsOf: defaults)
        defaults = []
        if !keywordDefaults.isEmpty {
            pending.append(contentsOf: keywordDefaults.values)
            keywordDefaults = [:]
        }
        if !closure.isEmpty {
            var cells = closure
            closure = []
            for i in cells.indices where isKnownUniquelyReferenced(&cells[i]) {
                if let v = cells[i].value {
                    pending.append(v)
                    cells[i].value = nil
                }
            }
        }
        if let a = attributes {
            pending.append(.dict(a))
            attributes = nil
        }
    }

    /// Whether freeing the function can free further values: a default, a value in a closure
    /// cell, attributes.
    var holdsContainers: Bool {
        if attributes != nil { return true }
        if defaults.contains(where: NestedRelease.holdsContainers) { return true }
        if !keywordDefaults.isEmpty, keywordDefaults.values.contains(where: NestedRelease.holdsContainers) { return true }
        for cell in closure {
            if let v = cell.value, NestedRelease.holdsContainers(v) { return true }
        }
        return false
    }
}

extension ExceptionObject {
    /// Moves the args, cause, context and attributes to `pending`.
    func moveParts(into pending: inout [Value]) {
        pending.append(contentsOf: args)
        args = []
        if let c = cause {
            pending.append(.exception(c))
            cause = nil
        }
        if let c = context {
            pending.append(.exception(c))
            context = nil
        }
        if let a = attributes {
            pending.append(.dict(a))
            attributes = nil
        }
    }

    /// Whether freeing the exception can free further values.
    var holdsContainers: Bool {
        cause != nil || context != nil || attributes != nil || args.contains(where: NestedRelease.holdsContainers)
    }
}

extension IteratorObject {
    /// Moves what the iterator iterates over to `pending`, leaving it exhausted.
    func moveParts(into pending: inout [Value]) {
        switch state {
        case .values(let values, _): pending.append(contentsOf: values)
        case .tuple(let t, _): pending.append(.tuple(t))
        case .list(let l, _), .reversedList(let l, _): pending.append(.list(l))
        case .dictKeys(let d, _), .dictValues(let d, _), .dictItems(let d, _): pending.append(.dict(d))
        case .set(let s, _): pending.append(.set(s))
        case .enumerate(let i, _): pending.append(.iterator(i))
        case .zip(let its): for i in its { pending.append(.iterator(i)) }
        case .map(let f, let its):
            pending.append(f)
            for i in its { pending.append(.iterator(i)) }
        case .filter(let f, let i):
            pending.append(f)
            pending.append(.iterator(i))
        case .str, .range, .exhausted: return
        }
        state = .exhausted
    }

    /// Whether the iterator holds iterators or values directly (not through a list, dict, ...,
    /// whose own `deinit` frees them iteratively).
    var holdsNestedValues: Bool {
        switch state {
        case .values, .enumerate, .zip, .map, .filter: return true
        default: return false
        }
    }
}

extension TypeObject {
    /// Moves the base and the attributes to `pending`.
    func moveParts(into pending: inout [Value]) {
        if let b = base {
            pending.append(.type(b))
            base = nil
        }
        if attributes.count > 0 {
            pending.append(.dict(attributes))
            attributes = DictObject()
        }
    }
}
