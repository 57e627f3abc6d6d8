import PlaybooksLanguage
import Testing

/// Host functions awaited from every kind of position. Each program is driven twice — answering
/// the same VM, and replacing the VM by a decoded snapshot at every suspension — and both runs
/// must print what CPython 3.11 printed for the same program (host functions replaced by the
/// plain coroutines documented on ``StandardHost``, run with top-level await allowed).
@Suite("Host calls survive suspension and snapshots")
struct HostCallTests {
    @Test func awaitedFromTopLevel() throws {
        let runs = try expectSameBothWays(
            #"""
            a = await fetch(1)
            print("a =", a)
            b = await fetch("hello")
            print("b =", b)
            print(a + 5, b * 2)
            """#,
            expected: """
                a = 10
                b = HELLO
                15 HELLOHELLO

                """)
        #expect(runs.direct.calls == ["fetch(1)", "fetch('hello')"])
    }

    @Test func awaitedInsideForLoops() throws {
        let runs = try expectSameBothWays(
            #"""
            total = 0
            for i in range(4):
                v = await fetch(i)
                total += v
                print(i, v, total)
            d = {"a": 1, "b": 2}
            for k, v in d.items():
                for j, w in enumerate([10, 20]):
                    r = await fetch(v * w + j)
                    print(k, j, r)
            print("done", total)
            """#,
            expected: """
                0 0 0
                1 10 10
                2 20 30
                3 30 60
                a 0 100
                a 1 210
                b 0 200
                b 1 410
                done 60

                """)
        #expect(runs.resumed.calls.count == 8)
    }

    @Test func awaitedInsideWhileLoopsWithBreakContinueAndElse() throws {
        try expectSameBothWays(
            #"""
            i = 0
            seen = []
            while True:
                i += 1
                if i % 2 == 0:
                    continue
                v = await fetch(i)
                seen.append(v)
                if len(seen) == 3:
                    break
            else:
                print("not reached")
            print(seen, i)
            n = 3
            while n > 0:
                n -= 1
                print("tick", await tick(), n)
            else:
                print("while-else ran")
            """#,
            expected: """
                [10, 30, 50] 5
                tick 1 2
                tick 2 1
                tick 3 0
                while-else ran

                """, minimumSuspensions: 6)
    }

    /// The host answers `fetch(-n)` with a ValueError; the code catches it, awaits inside
    /// `except` and `finally`, and every `finally` runs exactly once.
    @Test func hostExceptionsAreCaughtAndFinallyRunsOnce() throws {
        let runs = try expectSameBothWays(
            #"""
            log = []
            for n in [1, -2, 3]:
                try:
                    log.append(f"try {n}")
                    r = await fetch(n)
                    log.append(f"ok {r}")
                except ValueError as e:
                    log.append(f"caught {e}")
                finally:
                    log.append(f"finally {n}")
            for line in log:
                print(line)
            print("finally count", sum(1 for x in log if x.startswith("finally")))
            try:
                await fetch(-7)
            except ValueError as e:
                x = await fetch(1)
                print("handler", e, x)
            finally:
                y = await fetch(3)
                print("finally", y)
            async def risky(n):
                try:
                    return await fetch(n)
                finally:
                    print("risky finally", n)
            for n in [4, -4]:
                try:
                    print("risky ->", await risky(n))
                except ValueError as e:
                    print("risky raised", type(e).__name__, e)
            """#,
            expected: """
                try 1
                ok 10
                finally 1
                try -2
                caught negative: -2
                finally -2
                try 3
                ok 30
                finally 3
                finally count 3
                handler negative: -7 10
                finally 30
                risky finally 4
                risky -> 40
                risky finally -4
                risky raised ValueError negative: -4

                """, minimumSuspensions: 8)
        #expect(runs.resumed.output.components(separatedBy: "finally -2\n").count == 2)
    }

    @Test func uncaughtHostExceptionEndsTheRun() throws {
        let runs = try expectSameBothWays(
            #"""
            print("before")
            async def inner():
                return await fetch(-1)
            x = await inner()
            print("not reached")
            """#,
            expected: "before\n", outcome: "failed ValueError: negative: -1")
        #expect(!runs.resumed.vm.isActive)
    }

    @Test func awaitedInsideComprehensionsInAsyncFunctions() throws {
        try expectSameBothWays(
            #"""
            async def gather(xs):
                return [await fetch(x) for x in xs]
            async def gather_dict(xs):
                return {x: await fetch(x) for x in xs if x % 2 == 1}
            async def gather_nested(rows):
                return [[await fetch(x) for x in row] for row in rows]
            print(await gather([1, 2, 3]))
            print(await gather_dict(range(6)))
            print(await gather_nested([[1], [2, 3], []]))
            print(sum([await fetch(x) for x in (await get_list(4))]))
            """#,
            expected: """
                [10, 20, 30]
                {1: 10, 3: 30, 5: 50}
                [[10], [20, 30], []]
                60

                """, minimumSuspensions: 14)
    }

    @Test func awaitedThroughThreeNestedAsyncCalls() throws {
        let runs = try expectSameBothWays(
            #"""
            async def level3(x):
                a = await fetch(x)
                return a + 1
            async def level2(x):
                b = await level3(x)
                c = await fetch(x + 100)
                return b * c
            async def level1(xs):
                out = []
                for x in xs:
                    out.append(await level2(x))
                    print("level1 after", x, out)
                return out
            result = await level1([1, 2])
            print(result)
            """#,
            expected: """
                level1 after 1 [11110]
                level1 after 2 [11110, 21420]
                [11110, 21420]

                """)
        #expect(runs.direct.calls == ["fetch(1)", "fetch(101)", "fetch(2)", "fetch(102)"])
    }

    @Test func awaitedInsideClosuresLambdasAndMethods() throws {
        try expectSameBothWays(
            #"""
            def make_counter(label):
                count = 0
                async def bump(step):
                    nonlocal count
                    got = await fetch(step)
                    count += got
                    return f"{label}:{count}"
                return bump
            bump = make_counter("x")
            bump2 = make_counter("y")
            print(await bump(1))
            print(await bump2(5))
            print(await bump(2))
            scale = 3
            async def apply(fn, xs):
                out = []
                for x in xs:
                    out.append(fn(await fetch(x)))
                return out
            print(await apply(lambda v: v * scale, [1, 2]))
            class Account:
                def __init__(self, owner):
                    self.owner = owner
                    self.history = []
                async def deposit(self, n):
                    self.history.append(await fetch(n))
                    return sum(self.history)
            acct = Account("ada")
            print(await acct.deposit(1), await acct.deposit(4), acct.history, acct.owner)
            """#,
            expected: """
                x:10
                y:50
                x:30
                [30, 60]
                10 50 [10, 40] ada

                """, minimumSuspensions: 7)
    }

    @Test func keywordArgumentsReachTheHost() throws {
        let runs = try expectSameBothWays(
            #"""
            r = await fetch("orders", 7, limit=5, status="open")
            print(r)
            args = [3, "x"]
            opts = {"page": 2}
            r2 = await fetch(*args, **opts, verbose=True)
            print(r2)
            """#,
            expected: """
                ORDERS
                30

                """)
        #expect(runs.resumed.calls == ["fetch('orders', 7, limit=5, status='open')", "fetch(3, 'x', page=2, verbose=True)"])

        // The HostCall fields themselves, as the embedding program sees them.
        let vm = VirtualMachine()
        vm.registerHostFunction("fetch")
        try vm.load(source: #"r = await fetch("orders", 7, limit=5, status="open")"#)
        guard case .suspended(let call) = vm.run() else {
            Issue.record("expected a suspension")
            return
        }
        #expect(call.name == "fetch")
        #expect(call.arguments.map(describe) == ["'orders'", "7"])
        #expect(call.keywordArguments.map(\.name) == ["limit", "status"])
        #expect(call.keywordArguments.map { describe($0.value) } == ["5", "'open'"])
        let copy = try VirtualMachine(snapshot: vm.encodeSnapshot())
        let decoded = try #require(copy.pendingCall)
        #expect(decoded.arguments.map(describe) == ["'orders'", "7"])
        #expect(decoded.keywordArguments.map(\.name) == ["limit", "status"])
        #expect(decoded.keywordArguments.map { describe($0.value) } == ["5", "'open'"])
    }

    /// `$name` state variables live in ``VirtualMachine/stateVariables`` and travel with the
    /// snapshot. (The CPython twin used a dict in place of `$`.)
    @Test func stateVariablesSurviveSnapshots() throws {
        let runs = try expectSameBothWays(
            #"""
            $order_id = 5
            x = await fetch($order_id)
            $order_id += x
            async def bump():
                $order_id = $order_id + await tick()
                $items = [1, 2]
            await bump()
            print($order_id, $items)
            """#,
            expected: "56 [1, 2]\n")
        for run in [runs.direct, runs.resumed] {
            #expect(run.vm.stateVariables.get("order_id").map(describe) == "56")
            #expect(run.vm.stateVariables.get("items").map(describe) == "[1, 2]")
            #expect(run.vm.globals["order_id"] == nil)
        }
    }

    @Test func stateVariablesAreVisibleWhileSuspended() throws {
        let vm = VirtualMachine()
        vm.registerHostFunction("fetch")
        try vm.load(source: "$order_id = 5\n$order_id = await fetch($order_id)\n")
        guard case .suspended = vm.run() else {
            Issue.record("expected a suspension")
            return
        }
        #expect(vm.stateVariables.get("order_id").map(describe) == "5")
        let copy = try VirtualMachine(snapshot: vm.encodeSnapshot())
        #expect(copy.stateVariables.get("order_id").map(describe) == "5")
        copy.resume(returning: .int(9))
        guard case .finished = copy.run() else {
            Issue.record("expected the run to finish")
            return
        }
        #expect(copy.stateVariables.get("order_id").map(describe) == "9")
    }

    @Test func readingAnUnsetStateVariableIsANameError() throws {
        let run = try drive("x = await tick()\nprint($missing)\n", viaSnapshot: true)
        #expect(run.outcome.hasPrefix("failed NameError"))
        #expect(run.outcome.contains("missing"))
        let caught = try drive(
            """
            try:
                print($missing)
            except NameError:
                print("caught")
            """, viaSnapshot: false)
        #expect(caught.output == "caught\n")
    }

    /// A list referenced from several places is still one list after resuming.
    @Test func aliasingSurvives() throws {
        try expectSameBothWays(
            #"""
            a = [1, 2]
            b = a
            d = {"k": a, "pair": (a, a)}
            v = await fetch(0)
            a.append(v)
            b.append(await fetch(1))
            print(a)
            print(b)
            print(d["k"], d["pair"][1])
            print(a is b, d["k"] is b, d["pair"][0] is d["pair"][1])
            """#,
            expected: """
                [1, 2, 0, 10]
                [1, 2, 0, 10]
                [1, 2, 0, 10] [1, 2, 0, 10]
                True True True

                """)
    }

    @Test func cyclesSurviveAndPrintLikeCPython() throws {
        try expectSameBothWays(
            #"""
            a = [1]
            a.append(a)
            v = await fetch(1)
            a.append(v)
            print(a)
            print(a[1] is a, a[1][1][1] is a)
            d = {"name": "root"}
            d["self"] = d
            await tick()
            d["n"] = await tick()
            print(d)
            x = [0]
            y = [x]
            x.append(y)
            await tick()
            print(x, y, x[1][0] is x)
            """#,
            expected: """
                [1, [...], 10]
                True True
                {'name': 'root', 'self': {...}, 'n': 2}
                [0, [[...]]] [[0, [...]]] True

                """, minimumSuspensions: 4)
    }

    @Test func runningWithoutAnAnswerIsAnError() throws {
        let vm = VirtualMachine()
        vm.registerHostFunction("fetch")
        try vm.load(source: "x = await fetch(1)\nprint(x)\n")
        guard case .suspended = vm.run() else {
            Issue.record("expected a suspension")
            return
        }
        guard case .failed(let e) = vm.run() else {
            Issue.record("run() without an answer should fail")
            return
        }
        #expect(e.object.type.name == "RuntimeError")
    }

    /// Generator expressions, zip, map, enumerate, reversed and dict iterators, half consumed, survive.
    @Test func iteratorsMidIterationSurvive() throws {
        try expectSameBothWays(
            #"""
            g = (i * i for i in range(5))
            print(next(g))
            z = zip("abc", [1, 2, 3])
            m = map(lambda v: v + 1, [10, 20, 30])
            e = enumerate(["x", "y", "z"], start=5)
            r = reversed([1, 2, 3])
            d = {"k1": 1, "k2": 2, "k3": 3}
            di = iter(d.items())
            print(next(z), next(m), next(e), next(r), next(di))
            await tick()
            print(list(g), list(z), list(m), list(e), list(r), list(di))
            """#,
            expected: """
                0
                ('a', 1) 11 (5, 'x') 3 ('k1', 1)
                [1, 4, 9, 16] [('b', 2), ('c', 3)] [21, 31] [(6, 'y'), (7, 'z')] [2, 1] [('k2', 2), ('k3', 3)]

                """)
    }

    /// Counter, defaultdict (with a lambda factory), deque, OrderedDict, compiled patterns and matches, datetimes, partials, dataclasses, sets, special floats and big ints survive.
    @Test func moduleObjectsSurvive() throws {
        try expectSameBothWays(
            #"""
            from collections import Counter, defaultdict, deque, OrderedDict
            import datetime, re, math, functools
            from dataclasses import dataclass, field
            @dataclass
            class P:
                x: int
                tags: list = field(default_factory=list)
            c = Counter("mississippi")
            dd = defaultdict(lambda: [0])
            dd["a"][0] += 1
            q = deque([1, 2, 3])
            q.appendleft(0)
            od = OrderedDict([("z", 1), ("a", 2)])
            od.move_to_end("z")
            pat = re.compile(r"(?P<word>[a-z]+)(\d*)")
            mt = pat.search("--abc123--")
            when = datetime.datetime(2024, 1, 31, 12, 30)
            delta = datetime.timedelta(days=1, seconds=5)
            part = functools.partial(max, 7)
            p = P(3)
            s = {3, 1, 2, -5}
            fs = frozenset({"a"})
            nums = [float("nan"), float("inf"), -0.0, 1e300 * 10, 2 ** 200, -(2 ** 65)]
            await tick()
            q.append(4)
            dd["b"][0] += 5
            p.tags.append("t")
            print(c.most_common(2), dict(dd), q, od, mt.group("word"), mt.groups(), mt.span())
            print(when + delta, when.strftime("%Y-%m-%d %H:%M"), part(3), part(9), p)
            print(sorted(s), s, fs, nums, math.isnan(nums[0]))
            print(type(c).__name__, type(dd).__name__, dd["zz"])
            """#,
            expected: """
                [('i', 4), ('s', 4)] {'a': [1], 'b': [5]} deque([0, 1, 2, 3, 4]) OrderedDict([('a', 2), ('z', 1)]) abc ('abc', '123') (2, 8)
                2024-02-01 12:30:05 2024-01-31 12:30 7 9 P(x=3, tags=['t'])
                [-5, 1, 2, 3] {1, 2, 3, -5} frozenset({'a'}) [nan, inf, -0.0, 1e+301, 1606938044258990275541962092341162602522202993782792835301376, -36893488147419103232] True
                Counter defaultdict [0]

                """)
    }

    /// Exception chains, attributes, bare `raise` of the handled exception, and a kept exception survive.
    @Test func exceptionStateSurvives() throws {
        try expectSameBothWays(
            #"""
            class AppError(Exception):
                def __init__(self, code, msg):
                    super().__init__(msg)
                    self.code = code
            try:
                try:
                    raise KeyError("inner")
                except KeyError as k:
                    await tick()
                    raise AppError(7, "outer") from k
            except AppError as e:
                saved = e
                await tick()
                print(saved.code, saved, repr(saved.__cause__), saved.__context__ is saved.__cause__)
            try:
                raise ValueError("first")
            except ValueError:
                await tick()
                try:
                    raise
                except ValueError as again:
                    print("re-raised", again)
            def fails():
                raise RuntimeError("boom")
            try:
                fails()
            except RuntimeError as err:
                kept = err
            await tick()
            print(type(kept).__name__, kept.args)
            """#,
            expected: """
                7 outer KeyError('inner') True
                re-raised first
                RuntimeError ('boom',)

                """)
    }

    /// Instances, inheritance with `super()`, class attributes, properties and a stored bound method survive.
    @Test func instancesAndBoundMethodsSurvive() throws {
        try expectSameBothWays(
            #"""
            class Base:
                def __init__(self):
                    self.items = []
                def add(self, x):
                    self.items.append(x)
                    return self
            class Child(Base):
                count = 0
                def add(self, x):
                    Child.count += 1
                    return super().add(x * 2)
                @property
                def total(self):
                    return sum(self.items)
                @staticmethod
                def make():
                    return Child()
                @classmethod
                def kind(cls):
                    return cls.__name__
            ch = Child().make()
            add = ch.add
            add(await tick())
            add(await tick())
            print(ch.items, ch.total, Child.count, ch.kind(), isinstance(ch, Base), type(ch).__base__.__name__)
            """#,
            expected: """
                [2, 4] 6 2 Child True Base

                """)
    }

    /// `asyncio.gather` of coroutines that await the host, and a created-but-not-yet-awaited coroutine, survive.
    @Test func asyncioGatherAndPendingCoroutinesSurvive() throws {
        try expectSameBothWays(
            #"""
            import asyncio
            async def inner(i):
                await asyncio.sleep(0)
                return i + await tick()
            async def outer():
                results = await asyncio.gather(inner(1), inner(2), inner(3))
                return results
            print(await outer())
            coro = inner(10)
            v = await tick()
            print(v, await coro)
            """#,
            expected: """
                [2, 4, 6]
                4 15

                """)
    }

    /// Mutable defaults, `global`, lambdas with default arguments, and `nonlocal` cells survive.
    @Test func defaultsGlobalsAndCellsSurvive() throws {
        try expectSameBothWays(
            #"""
            counter = 0
            def inc(by=1, *, log=[]):
                global counter
                counter += by
                log.append(counter)
                return log
            inc()
            await tick()
            inc(5)
            print(counter, inc(0))
            fns = [lambda i=i: i * 10 for i in range(3)]
            await tick()
            print([f() for f in fns])
            x = 5
            def outer():
                x = 1
                def mid():
                    nonlocal x
                    x += 1
                    def inner():
                        return x * 100
                    return inner
                return mid
            inner = outer()()
            await tick()
            print(inner(), x)
            """#,
            expected: """
                6 [1, 6, 6]
                [0, 10, 20]
                200 5

                """)
    }

    /// A VM can be encoded after it was answered but before `run()` resumes it — with a value
    /// or with an exception — and the decoded copy carries the answer.
    @Test func answersGivenBeforeEncodingTravelWithTheSnapshot() throws {
        let source = """
            try:
                x = await fetch(1)
                print("value", x)
            except ValueError as e:
                print("error", e)
            """
        for answer in [HostAnswer.value(.int(42)), .error(PyException(Types.valueError, "host said no"))] {
            let vm = VirtualMachine()
            vm.registerHostFunction("fetch")
            try vm.load(source: source)
            guard case .suspended = vm.run() else {
                Issue.record("expected a suspension")
                return
            }
            switch answer {
            case .value(let v): vm.resume(returning: v)
            case .error(let e): vm.resume(throwing: e)
            }
            let copy = try VirtualMachine(snapshot: vm.encodeSnapshot())
            let out = OutputBox()
            copy.output = out.write
            guard case .finished = copy.run() else {
                Issue.record("the decoded VM did not finish")
                return
            }
            if case .value = answer {
                #expect(out.text == "value 42\n")
            } else {
                #expect(out.text == "error host said no\n")
            }
        }
    }

    /// Snapshots taken before the first `run()` and after the end decode too.
    @Test func snapshotsBeforeAndAfterARun() throws {
        let vm = VirtualMachine()
        vm.registerHostFunction("fetch")
        try vm.load(source: "total = 0\nfor i in range(3):\n    total += await fetch(i)\nprint(total)\n")
        let fresh = try VirtualMachine(snapshot: vm.encodeSnapshot())
        let out = OutputBox()
        fresh.output = out.write
        var current = fresh
        var answered = 0
        loop: while true {
            switch current.run() {
            case .suspended(let call):
                guard case .int(let n)? = call.arguments.first else { break loop }
                current = try VirtualMachine(snapshot: current.encodeSnapshot())
                current.output = out.write
                current.resume(returning: .int(n * 10))
                answered += 1
            case .finished:
                break loop
            default:
                Issue.record("unexpected end of run")
                break loop
            }
        }
        #expect(answered == 3)
        #expect(out.text == "30\n")
        let after = try VirtualMachine(snapshot: current.encodeSnapshot())
        #expect(!after.isActive)
        #expect(after.globals["total"].map(describe) == "30")
    }

    /// With `stopsAtEveryAwait`, a snapshot taken at an await point resumes past it (it does not
    /// stop at the same await forever) and reaches the host call.
    @Test func awaitPointSnapshotsMakeProgress() throws {
        let vm = VirtualMachine()
        vm.registerHostFunction("fetch")
        vm.stopsAtEveryAwait = true
        try vm.load(source: "async def f(x):\n    return await fetch(x)\nprint(await f(2))\n")
        var current = vm
        let out = OutputBox()
        var awaitPoints = 0
        var calls = 0
        loop: for _ in 0..<20 {
            let result = current.run()
            switch result {
            case .awaitPoint:
                awaitPoints += 1
                current = try VirtualMachine(snapshot: current.encodeSnapshot())
                current.stopsAtEveryAwait = true
                current.output = out.write
            case .suspended:
                calls += 1
                current.resume(returning: .int(7))
            case .finished:
                break loop
            case .failed(let e):
                Issue.record("failed: \(describe(e))")
                break loop
            }
        }
        #expect(out.text == "7\n")
        #expect(calls == 1)
        #expect(awaitPoints == 2)
    }
}
