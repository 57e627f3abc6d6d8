import Testing

@testable import PlaybooksLanguage

/// Data nested far deeper than the recursion limit is built, freed, snapshotted and restored
/// without Swift recursion per level (issue 14).
struct DeepDataTests {
    static let chains = """
        import asyncio

        class Node:
            pass

        def build(depth):
            n = None
            d = None
            a = []
            for i in range(depth):
                m = Node()
                m.next = n
                n = m
                d = {"next": d, "i": i}
                a = [a, i]
            return n, d, a

        def lengths(n, d, a):
            counts = [0, 0, 0]
            while n is not None:
                counts[0] += 1
                n = n.next
            while d is not None:
                counts[1] += 1
                d = d["next"]
            while a:
                counts[2] += 1
                a = a[0]
            return counts

        n, d, a = build(60000)
        print(lengths(n, d, a))
        await asyncio.sleep(0)
        print(lengths(n, d, a))
        d = d["next"]
        print(lengths(n, d, a))
        n = d = a = None
        print("freed")
        """

    @Test func deepChainsAreFreedWithoutRecursion() {
        let (output, result) = DeepSyntaxTests.run(Self.chains)
        #expect(result.errorOutput == "")
        #expect(output == "[60000, 60000, 60000]\n[60000, 60000, 60000]\n[60000, 59999, 60000]\nfreed\n")
    }

    /// The 60,000-deep heap is encoded, decoded and run on from the copy.
    @Test func deepChainsSurviveASnapshot() {
        let (output, result) = DeepSyntaxTests.run(Self.chains, checkpointEveryAwait: true)
        #expect(result.errorOutput == "")
        #expect(result.checkpoints >= 1)
        #expect(output == "[60000, 60000, 60000]\n[60000, 60000, 60000]\n[60000, 59999, 60000]\nfreed\n")
    }

    /// On a 512 KB thread, walking deep data (built-in recursion and Python called from
    /// built-ins) stops with RecursionError before the stack runs out.
    @Test func deepDataOnASmallStackRaisesRecursionError() {
        let (output, result) = DeepSyntaxTests.run(
            """
            import json
            class R:
                def __init__(self, child):
                    self.child = child
                def __repr__(self):
                    return "R(" + repr(self.child) + ")"
            a = []
            b = []
            r = None
            for _ in range(100000):
                a = [a]
                b = [b]
                r = R(r)
            for check in [lambda: repr(a), lambda: a == b, lambda: a < b, lambda: json.dumps(a), lambda: repr(r)]:
                try:
                    check()
                except RecursionError:
                    print("RecursionError")
            a = b = r = None
            print("freed")
            """, stackSize: 512 << 10)
        #expect(result.errorOutput == "")
        #expect(output == String(repeating: "RecursionError\n", count: 5) + "freed\n")
    }

    /// Tuples nested 200,000 deep, dropped every way a value is dropped (a global deleted or
    /// overwritten, a frame's local, an item of a list, a dict or an instance, a VM thrown away
    /// after a checkpoint). Tuples used to be freed by Swift's recursive release, one stack frame
    /// per level: a segfault. Run by the `playbooks` executable in a child process, so that a crash
    /// fails this test instead of taking the test runner down.
    static let deepTuples = """
        import asyncio

        def chain(depth):
            t = ()
            for i in range(depth):
                t = (t, i)
            return t

        def depth(t):
            n = 0
            while t:
                n += 1
                t = t[0]
            return n

        t = ()
        for _ in range(200000):
            t = (t,)
        del t
        print("del")
        t = chain(200000)
        await asyncio.sleep(0)
        print(depth(t))
        t = None
        print("None")

        def local():
            x = chain(200000)
            return len(x)

        print(local())
        box = [None]
        for _ in range(200000):
            box = [(box,)]
        box = None
        print("lists")
        d = {}
        for i in range(200000):
            d = {(i,): (d,)}
        del d
        print("dicts")

        class Node:
            pass

        n = None
        for _ in range(200000):
            m = Node()
            m.next = (n,)
            n = m
        n = m = None
        print("instances")
        """

    @Test(arguments: [false, true])
    func deepTuplesAreFreedWithoutRecursion(checkpointEveryAwait: Bool) throws {
        let outcome = try CLITests.run(
            ["exec", "deep.py"] + (checkpointEveryAwait ? ["--checkpoint-every-await"] : []), files: ["deep.py": Self.deepTuples])
        #expect(outcome.status == 0)
        #expect(outcome.stderr == "")
        #expect(outcome.stdout == "del\n200000\nNone\n2\nlists\ndicts\ninstances\n")
    }

    /// Chains 100,000 deep through the other objects that hold values, each dropped: bound
    /// methods (`o.prev = m; m = o.m`), exceptions (args, `__cause__`, `__context__`, attributes),
    /// functions (defaults, keyword defaults, closure cells), sets of instances and frozensets of
    /// frozensets, iterators (over a list, `map`, `filter`, `enumerate`, `zip` of the last one),
    /// classes (a class attribute holding the previous class, or the previous instance of another
    /// class that only its instance references). Each was a segfault: Swift's
    /// recursive release. Run by the `playbooks` executable in a child process, as
    /// ``deepTuplesAreFreedWithoutRecursion(checkpointEveryAwait:)``; the outputs are CPython's.
    static let deepChainsOfOtherKinds: [String: (program: String, output: String)] = [
        "boundMethods": (
            """
            class O:
                def m(self):
                    return self

            m = None
            for i in range(100000):
                o = O()
                o.prev = m
                m = o.m
            del o
            n = 0
            x = m
            while x is not None:
                n += 1
                x = x().prev
            print(n)
            del m
            print("bound methods")
            """,
            "100000\nbound methods\n"
        ),
        "exceptions": (
            """
            e = None
            for i in range(100000):
                e = ValueError(e)
            n = 0
            while e is not None:
                n += 1
                e = e.args[0]
            print(n)
            for i in range(100000):
                x = KeyError(i)
                x.__cause__ = e
                e = x
            del e, x
            print("causes")
            e = None
            for i in range(100000):
                x = KeyError(i)
                x.__context__ = e
                e = x
            e = x = None
            print("contexts")

            class Failure(Exception):
                pass

            e = None
            for i in range(100000):
                x = Failure("f")
                x.previous = e
                e = x
            e = x = None
            print("attributes")
            """,
            "100000\ncauses\ncontexts\nattributes\n"
        ),
        "functions": (
            """
            f = None
            for i in range(100000):
                def g(x=f):
                    return x
                f = g
            del f, g
            print("defaults")
            f = None
            for i in range(100000):
                def g(*, x=f):
                    return x
                f = g
            del f, g
            print("keyword defaults")

            def wrap(inner):
                def outer():
                    return inner
                return outer

            f = None
            for i in range(100000):
                f = wrap(f)
            n = 0
            while f is not None:
                n += 1
                f = f()
            print(n)
            for i in range(100000):
                f = wrap(f)
            f = None
            print("closures")
            """,
            "defaults\nkeyword defaults\n100000\nclosures\n"
        ),
        "sets": (
            """
            class Node:
                pass

            s = set()
            for i in range(100000):
                n = Node()
                n.s = s
                s = {n, i}
            del s, n
            print("sets")
            f = frozenset()
            for i in range(100000):
                f = frozenset([f, i])
            n = 0
            while f:
                n += 1
                f = min(f, key=lambda x: isinstance(x, int))
            print(n)
            for i in range(100000):
                f = frozenset([f])
            print(len(f), f in {f}, frozenset([f]) == frozenset([f]))
            del f
            print("frozensets")
            """,
            "sets\n100000\n1 True True\nfrozensets\n"
        ),
        "iterators": (
            """
            it = None
            for i in range(100000):
                it = iter([it])
            del it
            print("list iterators")
            it = iter([1, 2, 3])
            for i in range(100000):
                it = map(abs, it)
            del it
            print("map")
            it = iter([1, 2, 3])
            for i in range(100000):
                it = filter(None, it)
            del it
            print("filter")
            it = iter([1, 2, 3])
            for i in range(100000):
                it = enumerate(it)
            del it
            print("enumerate")
            it = iter([1, 2, 3])
            for i in range(100000):
                it = zip(it)
            del it
            print("zip")
            """,
            "list iterators\nmap\nfilter\nenumerate\nzip\n"
        ),
        "classes": (
            """
            C = None
            for i in range(100000):
                class D:
                    prev = C
                C = D
            del C, D
            print("classes")
            o = None
            for i in range(100000):
                class E:
                    pass
                E.prev = o
                o = E()
            del E, o
            print("instances of their own class")
            """,
            "classes\ninstances of their own class\n"
        ),
    ]

    @Test(arguments: ["boundMethods", "exceptions", "functions", "sets", "iterators", "classes"])
    func deepChainsOfOtherKindsAreFreedWithoutRecursion(kind: String) throws {
        let (program, expected) = try #require(Self.deepChainsOfOtherKinds[kind])
        let outcome = try CLITests.run(["exec", "deep.py"], files: ["deep.py": program])
        #expect(outcome.status == 0)
        #expect(outcome.stderr == "")
        #expect(outcome.stdout == expected)
    }

    @Test func deepListOfListsIsFreed() {
        let (output, result) = DeepSyntaxTests.run(
            """
            a = []
            for _ in range(200000):
                a = [a]
            a = None
            d = {}
            for _ in range(200000):
                d = {"n": d}
            del d
            print("ok")
            """)
        #expect(result.errorOutput == "")
        #expect(output == "ok\n")
    }
}
