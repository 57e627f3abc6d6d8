/// `asyncio`: enough to drive coroutines from synchronous code. Coroutines run one after
/// another in a deterministic order (so `gather` awaits its arguments in turn), which is what
/// makes every await a point where the whole state can be saved.
enum AsyncioModule {
    static let source = """
        async def sleep(delay=0, result=None):
            return result

        async def gather(*aws, return_exceptions=False):
            results = []
            for aw in aws:
                if return_exceptions:
                    try:
                        results.append(await aw)
                    except Exception as e:
                        results.append(e)
                else:
                    results.append(await aw)
            return results

        async def wait_for(aw, timeout=None):
            return await aw

        def create_task(coro):
            return coro

        def ensure_future(coro):
            return coro
        """

    static let run = BuiltinFunction(key: "asyncio.run") { vm, args, _ throws(PyException) in
        guard let first = args.first, case .coroutine(let co) = first else {
            throw PyException.valueError(
                "a coroutine was expected, got \(args.first.map { (v: Value) -> String in (try? vm.repr(v)) ?? "?" } ?? "nothing")")
        }
        if vm.nestedRuns > 0 {
            throw PyException.runtimeError("asyncio.run() cannot be called from a synchronous callback")
        }
        return .native(StartCoroutine(frame: try vm.startCoroutine(co)))
    }

    static let functions: [BuiltinFunction] = [run]

    static func make(_ vm: VirtualMachine) throws(PyException) -> ModuleObject {
        let m = try StandardModules.module("asyncio", python: source, vm)
        m.attributes.set("run", .builtin(run))
        m.attributes.set("CancelledError", .type(Types.runtimeError))
        m.attributes.set("TimeoutError", .type(Types.timeoutError))
        return m
    }
}
