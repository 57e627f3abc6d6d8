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
