import Foundation
import Testing

/// End-to-end runs of the real `playbooks` executable, compared with what `python3` printed for
/// the same scripts.
@Suite("playbooks command line")
struct CLITests {
    struct Outcome {
        var status: Int32
        var stdout: String
        var stderr: String
        var lastErrorLine: String { stderr.split(separator: "\n").last.map(String.init) ?? "" }
    }

    /// The `playbooks` executable built next to the test bundle.
    static func executable() throws -> URL {
        var candidates = [Bundle.module.bundleURL.deletingLastPathComponent().appendingPathComponent("playbooks")]
        if let main = Bundle.main.executableURL {
            candidates.append(main.deletingLastPathComponent().appendingPathComponent("playbooks"))
        }
        candidates.append(Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("playbooks"))
        let found = candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }
        return try #require(
            found,
            "the playbooks executable is not next to the test bundle (looked at \(candidates.map(\.path))); build it with `swift build --build-tests`"
        )
    }

    /// Writes `files` into a fresh directory and runs `playbooks` there with `arguments`.
    static func run(_ arguments: [String], files: [String: String] = [:]) throws -> Outcome {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("playbooks-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        for (name, text) in files {
            try text.write(to: directory.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        let process = Process()
        process.executableURL = try executable()
        process.arguments = arguments
        process.currentDirectoryURL = directory
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        // Read stderr concurrently so that neither pipe can fill up and block the child.
        let errorData = ErrorCollector(err.fileHandleForReading)
        let outputData = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Outcome(
            status: process.terminationStatus, stdout: String(decoding: outputData, as: UTF8.self),
            stderr: String(decoding: errorData.wait(), as: UTF8.self))
    }

    static let report = #"""
        import json
        from collections import Counter

        class Item:
            def __init__(self, name, qty, price):
                self.name = name
                self.qty = qty
                self.price = price

            def total(self):
                return self.qty * self.price

            def __repr__(self):
                return f"Item({self.name!r}, {self.qty})"

        items = [Item("widget", 3, 2.5), Item("gadget", 1, 10.0), Item("gizmo", 7, 0.99)]
        for it in sorted(items, key=lambda i: -i.total()):
            print(f"{it.name:<8}{it.qty:>3} x {it.price:>6.2f} = {it.total():>8.2f}")
        print(items)
        counts = Counter(ch for it in items for ch in it.name)
        print(counts.most_common(3))
        print(json.dumps({"n": len(items), "sum": round(sum(i.total() for i in items), 2)}, sort_keys=True))
        print(1 / 3, 2 ** 70, -7 // 2, -7 % 3, 0.1 + 0.2, [1.5e-7, 1e16, 123456789.0])
        print({"a": (1,), "b": {1, 2}, "c": None}, "tab\there", repr("quote's"))

        """#

    /// `python3 report.py` printed exactly this.
    static let reportOutput = """
        gadget    1 x  10.00 =    10.00
        widget    3 x   2.50 =     7.50
        gizmo     7 x   0.99 =     6.93
        [Item('widget', 3), Item('gadget', 1), Item('gizmo', 7)]
        [('g', 4), ('i', 2), ('d', 2)]
        {"n": 3, "sum": 24.43}
        0.3333333333333333 1180591620717411303424 -4 2 0.30000000000000004 [1.5e-07, 1e+16, 123456789.0]
        {'a': (1,), 'b': {1, 2}, 'c': None} tab\there "quote's"

        """

    @Test func execPrintsWhatPython3Prints() throws {
        let outcome = try Self.run(["exec", "report.py"], files: ["report.py": Self.report])
        #expect(outcome.status == 0)
        #expect(outcome.stdout == Self.reportOutput)
        #expect(outcome.stderr == "")
    }

    /// `playbooks exec FILE` alone skips the argument parser; with any option it goes through it.
    /// Both must behave the same, and help must still name the whole command.
    @Test func bareExecAndParsedExecAgree() throws {
        let files = ["report.py": Self.report, "fails.py": "print('before')\nint('abc')\n"]
        for script in ["report.py", "fails.py", "missing.py"] {
            let bare = try Self.run(["exec", script], files: files)
            let parsed = try Self.run(["exec", script, "--recursion-limit", "1000"], files: files)
            #expect(bare.status == parsed.status, "\(script)")
            #expect(bare.stdout == parsed.stdout, "\(script)")
            #expect(bare.stderr == parsed.stderr, "\(script)")
        }
        let failing = try Self.run(["exec", "fails.py"], files: files)
        #expect(failing.status == 1)
        #expect(failing.stderr.hasSuffix("ValueError: invalid literal for int() with base 10: 'abc'\n"))
        let help = try Self.run(["exec", "--help"])
        #expect(help.status == 0)
        #expect(help.stdout.contains("USAGE: playbooks exec <file>"))
    }
    @Test func uncaughtExceptionExits1WithCPythonsLastLine() throws {
        let outcome = try Self.run(
            ["exec", "fail.py"],
            files: [
                "fail.py": """
                def parse(text):
                    return int(text)

                print("start")
                values = [parse(t) for t in ["1", "2"]]
                print(values)
                parse("abc")
                print("unreachable")

                """
            ])
        #expect(outcome.status == 1)
        #expect(outcome.stdout == "start\n[1, 2]\n")
        #expect(outcome.lastErrorLine == "ValueError: invalid literal for int() with base 10: 'abc'")
        // python3's traceback (without its caret lines) names the same frames.
        let lines = outcome.stderr.split(separator: "\n").map(String.init)
        #expect(lines.first == "Traceback (most recent call last):")
        #expect(lines.contains { $0.hasSuffix("fail.py\", line 7, in <module>") })
        #expect(lines.contains { $0.hasSuffix("fail.py\", line 2, in parse") })
        #expect(lines.contains("    return int(text)"))
    }

    @Test func syntaxErrorExits1BeforeRunningAnything() throws {
        let outcome = try Self.run(["exec", "syntax.py"], files: ["syntax.py": "print(\"ok\")\nx = (1,\ny = 2\n"])
        #expect(outcome.status == 1)
        #expect(outcome.stdout == "")
        // python3: `SyntaxError: '(' was never closed`, reported at line 2.
        #expect(outcome.lastErrorLine == "SyntaxError: '(' was never closed")
        #expect(outcome.stderr.contains("syntax.py\", line 2"))
    }

    @Test func missingFileExits2() throws {
        let outcome = try Self.run(["exec", "does-not-exist.py"])
        #expect(outcome.status == 2)
        #expect(outcome.stdout == "")
        #expect(outcome.stderr.contains("does-not-exist.py"))
    }

    static let asyncScript = """
        import asyncio

        async def fetch(i):
            await asyncio.sleep(0)
            return {"id": i, "tags": ["t%d" % j for j in range(i)]}

        async def worker(ids, shared):
            for i in ids:
                try:
                    rec = await fetch(i)
                    if i == 2:
                        raise KeyError(i)
                    shared.append(rec)
                except KeyError as e:
                    print("skip", e)
                finally:
                    await asyncio.sleep(0)
            return len(shared)

        async def main():
            shared = []
            alias = shared
            n = await worker([1, 2, 3], shared)
            m = await worker([4], alias)
            results = [await fetch(k) for k in range(2)]
            print(n, m, shared is alias, len(alias))
            print(alias)
            print(results)

        asyncio.run(main())

        """

    /// `python3 async.py` printed exactly this.
    static let asyncOutput = """
        skip 2
        2 3 True 3
        [{'id': 1, 'tags': ['t0']}, {'id': 3, 'tags': ['t0', 't1', 't2']}, {'id': 4, 'tags': ['t0', 't1', 't2', 't3']}]
        [{'id': 0, 'tags': []}, {'id': 1, 'tags': ['t0']}]

        """

    @Test func checkpointEveryAwaitGivesTheSameOutput() throws {
        let plain = try Self.run(["exec", "async.py"], files: ["async.py": Self.asyncScript])
        let checkpointed = try Self.run(["exec", "async.py", "--checkpoint-every-await"], files: ["async.py": Self.asyncScript])
        #expect(plain.status == 0)
        #expect(checkpointed.status == 0)
        #expect(plain.stdout == Self.asyncOutput)
        #expect(checkpointed.stdout == Self.asyncOutput)
        #expect(checkpointed.stderr == "")
    }

    @Test func recursionLimitOption() throws {
        let script = "def d(n):\n    return 0 if n == 0 else 1 + d(n - 1)\nprint(d(40))\nprint(d(80))\n"
        let limited = try Self.run(["exec", "deep.py", "--recursion-limit", "50"], files: ["deep.py": script])
        #expect(limited.status == 1)
        #expect(limited.stdout == "40\n")
        #expect(limited.lastErrorLine == "RecursionError: maximum recursion depth exceeded")
        let roomy = try Self.run(["exec", "deep.py"], files: ["deep.py": script])
        #expect(roomy.status == 0)
        #expect(roomy.stdout == "40\n80\n")
    }

    @Test func recursionLimitOptionIsValidated() throws {
        let files = ["ok.py": "print('ok')\n"]
        for value in ["100000000", "0", "-5"] {
            let outcome = try Self.run(["exec", "ok.py", "--recursion-limit=\(value)"], files: files)
            #expect(outcome.status == 64, "\(value): \(outcome.stderr)")
            #expect(outcome.stderr.contains("--recursion-limit must be at least 1 and at most 1000000, got \(value)"), "\(outcome.stderr)")
            #expect(outcome.stdout.isEmpty)
        }
        let largest = try Self.run(["exec", "ok.py", "--recursion-limit", "1000000"], files: files)
        #expect(largest.status == 0)
        #expect(largest.stdout == "ok\n")
    }

    @Test func instructionAndTimeLimitOptions() throws {
        let files = ["loop.py": "print('go')\nwhile True:\n    pass\n"]
        let counted = try Self.run(["exec", "loop.py", "--max-instructions", "100000"], files: files)
        #expect(counted.status == 1)
        #expect(counted.stdout == "go\n")
        #expect(counted.lastErrorLine.hasPrefix("ResourceLimitError: "))
        #expect(counted.lastErrorLine.contains("instruction limit"))
        let timed = try Self.run(["exec", "loop.py", "--timeout", "0.2"], files: files)
        #expect(timed.status == 1)
        #expect(timed.lastErrorLine.hasPrefix("ResourceLimitError: "))
        #expect(timed.lastErrorLine.contains("time limit"))
    }

    @Test func memoryLimitOption() throws {
        let outcome = try Self.run(
            ["exec", "grow.py", "--max-memory", "2000000"],
            files: ["grow.py": "items = []\nwhile True:\n    items.append('x' * 50 + str(len(items)))\n"])
        #expect(outcome.status == 1)
        #expect(outcome.lastErrorLine.hasPrefix("MemoryError: "))
    }
}

/// Reads a file handle to its end on a background thread.
final class ErrorCollector: @unchecked Sendable {
    private let lock = NSCondition()
    private var data: Data?

    init(_ handle: FileHandle) {
        Thread.detachNewThread { [self] in
            let d = handle.readDataToEndOfFile()
            lock.lock()
            data = d
            lock.signal()
            lock.unlock()
        }
    }

    func wait() -> Data {
        lock.lock()
        defer { lock.unlock() }
        while data == nil { lock.wait() }
        return data ?? Data()
    }
}
