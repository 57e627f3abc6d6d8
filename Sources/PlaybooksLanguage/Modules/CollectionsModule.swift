/// `collections`: `Counter`, `defaultdict` and `OrderedDict` are dicts with a flavor; `deque`
/// is a list with a flag.
enum CollectionsModule {
    static let functions: [BuiltinFunction] = []

    static func make() -> ModuleObject {
        StandardModules.module(
            "collections", [],
            constants: [
                ("Counter", .type(Types.counter)), ("defaultdict", .type(Types.defaultdict)),
                ("OrderedDict", .type(Types.orderedDict)), ("deque", .type(Types.deque)),
            ])
    }
}

/// `typing`: names used in annotations, all inert.
enum TypingModule {
    static let functions: [BuiltinFunction] = []

    static func make() -> ModuleObject {
        var constants: [(String, Value)] = []
        for name in ["Any", "Optional", "List", "Dict", "Tuple", "Set", "Union", "Callable", "Iterable", "Sequence", "Mapping"] {
            constants.append((name, .type(Types.object)))
        }
        return StandardModules.module("typing", [], constants: constants)
    }
}

/// `string`: the character-class constants.
enum StringModule {
    static func make() -> ModuleObject {
        let lower = "abcdefghijklmnopqrstuvwxyz"
        let upper = lower.uppercased()
        return StandardModules.module(
            "string", [],
            constants: [
                ("ascii_lowercase", .str(lower)), ("ascii_uppercase", .str(upper)), ("ascii_letters", .str(lower + upper)),
                ("digits", .str("0123456789")), ("hexdigits", .str("0123456789abcdefABCDEF")), ("octdigits", .str("01234567")),
                ("punctuation", .str("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")), ("whitespace", .str(" \t\n\r\u{0B}\u{0C}")),
            ])
    }
}

/// `functools`: `reduce`, plus `wraps` and `lru_cache`/`cache` written in Python.
enum FunctoolsModule {
    static let reduce = BuiltinFunction(key: "functools.reduce") { vm, args, _ throws(PyException) in
        guard args.count == 2 || args.count == 3 else {
            throw PyException.typeError("reduce expected at least 2 arguments, got \(args.count)")
        }
        let fn = args[args.startIndex]
        let items = try vm.iterate(args[args.startIndex + 1])
        var acc: Value
        var rest = items[...]
        if args.count == 3 {
            acc = args[args.startIndex + 2]
        } else {
            guard let first = items.first else { throw PyException.typeError("reduce() of empty iterable with no initial value") }
            acc = first
            rest = items.dropFirst()
        }
        for v in rest { acc = try vm.callNested(fn, [acc, v]) }
        return acc
    }

    static let functions: [BuiltinFunction] = [reduce]

    static let source = """
        def wraps(wrapped):
            def decorate(wrapper):
                wrapper.__name__ = wrapped.__name__
                wrapper.__wrapped__ = wrapped
                return wrapper
            return decorate

        def lru_cache(maxsize=128):
            def decorate(fn):
                memo = {}
                def cached(*args):
                    if args in memo:
                        return memo[args]
                    result = fn(*args)
                    memo[args] = result
                    return result
                cached.__name__ = fn.__name__
                cached.__wrapped__ = fn
                return cached
            if callable(maxsize):
                return decorate(maxsize)
            return decorate

        def cache(fn):
            return lru_cache(None)(fn)

        def partial(fn, *bound, **bound_kw):
            def call(*args, **kwargs):
                merged = dict(bound_kw)
                merged.update(kwargs)
                return fn(*bound, *args, **merged)
            return call
        """

    static func make(_ vm: VirtualMachine) throws(PyException) -> ModuleObject {
        try StandardModules.module("functools", python: source, vm, extra: [("reduce", .builtin(reduce))])
    }
}
