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
