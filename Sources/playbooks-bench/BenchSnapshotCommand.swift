import ArgumentParser
import Foundation
import PlaybooksLanguage

/// `playbooks-bench snapshot`: times encoding and decoding of a suspended VM's state.
///
/// The program builds a list of ints and a dict of `str -> int` (and, optionally, module-level
/// strings), then suspends at `await pause()`. The suspended VM is encoded with
/// `encodeSnapshot()` and rebuilt with `VirtualMachine(snapshot:)` many times.
struct BenchSnapshotCommand: ParsableCommand, BenchCommandSupport {
    static let configuration = CommandConfiguration(
        commandName: "snapshot",
        abstract: "Micro-benchmark of snapshot encode/decode (for Benchmarks/)."
    )

    @Option(help: "Elements in the list of ints.")
    var list: Int = 1000

    @Option(help: "Entries in the dict of str keys to int values.")
    var dict: Int = 1000

    @Option(help: "Also hold this many KiB of strings in module globals, as 1 KiB strings (0 = none).")
    var stringsKb: Int = 0

    @Flag(help: "Shortcut for --strings-kb 1024 (1 MB of namespace strings).")
    var mbStrings = false

    @Option(help: "Timed iterations of each of encode and decode.")
    var iterations: Int = 500

    @Option(help: "Untimed warm-up iterations before timing.")
    var warmup: Int = 20

    @Flag(help: "Print one JSON object instead of the text report.")
    var json = false

    /// Reference numbers of the Rust sandbox Monty for the 1,000-int list + 1,000-entry dict case.
    static let montyKB = 53.0
    static let montyDumpMs = 0.3
    static let montyLoadMs = 0.6

    func validate() throws {
        guard list >= 0, dict >= 0, stringsKb >= 0 else { throw ValidationError("sizes must not be negative") }
        guard iterations >= 1, warmup >= 0 else { throw ValidationError("need at least one iteration") }
    }

    /// The Python program whose suspended state is measured.
    func program(stringsKb: Int) -> String {
        var src = """
            items = [i * 7 - 3 for i in range(\(list))]
            table = {f"key{i}": i * 11 for i in range(\(dict))}

            """
        for i in 0..<stringsKb {
            // Built at run time (not a literal), so each 1 KiB string is a heap value in the namespace.
            src += "s\(i) = \"\(i):\" + \"x\" * \(1024 - String(i).count - 1)\n"
        }
        src += "resumed = await pause()\nprint(len(items), len(table), sum(items), table.get(\"key7\"), resumed)\n"
        return src
    }

    func run() throws {
        let kb = mbStrings ? max(stringsKb, 1024) : stringsKb
        let source = program(stringsKb: kb)

        let vm = VirtualMachine()
        vm.registerHostFunction("pause")
        try vm.load(source: source, filename: "<bench-snapshot>")
        guard case .suspended(let call) = vm.run() else {
            FileHandle.standardError.write(Data("bench-snapshot: the program did not suspend at await pause()\n".utf8))
            throw ExitCode(1)
        }
        guard call.name == "pause" else {
            FileHandle.standardError.write(Data("bench-snapshot: suspended at '\(call.name)', expected 'pause'\n".utf8))
            throw ExitCode(1)
        }

        // Correctness first: a decoded copy must finish with the expected output.
        let bytes = vm.encodeSnapshot()
        let copy = try VirtualMachine(snapshot: bytes)
        var printed = ""
        copy.output = { printed += $0 }
        copy.resume(returning: .int(1))
        guard case .finished = copy.run() else {
            FileHandle.standardError.write(Data("bench-snapshot: the decoded VM did not finish\n".utf8))
            throw ExitCode(1)
        }
        let expectedSum = (0..<list).reduce(0) { $0 + $1 * 7 - 3 }
        let expected = "\(list) \(dict) \(expectedSum) \(dict > 7 ? "77" : "None") 1\n"
        guard printed == expected else {
            FileHandle.standardError.write(
                Data("bench-snapshot: decoded VM printed \(printed.debugDescription), expected \(expected.debugDescription)\n".utf8))
            throw ExitCode(1)
        }

        // Encode.
        var sink = 0
        for _ in 0..<warmup { sink &+= vm.encodeSnapshot().count }
        var encodeMs: [Double] = []
        encodeMs.reserveCapacity(iterations)
        let clock = ContinuousClock()
        for _ in 0..<iterations {
            let start = clock.now
            let b = vm.encodeSnapshot()
            encodeMs.append(Self.seconds(clock.now - start) * 1000)
            sink &+= b.count
        }

        // Decode.
        for _ in 0..<warmup { sink &+= (try VirtualMachine(snapshot: bytes)).isActive ? 1 : 0 }
        var decodeMs: [Double] = []
        decodeMs.reserveCapacity(iterations)
        for _ in 0..<iterations {
            let start = clock.now
            let decoded = try VirtualMachine(snapshot: bytes)
            decodeMs.append(Self.seconds(clock.now - start) * 1000)
            sink &+= decoded.isActive ? 1 : 0
        }
        // Keeps the optimizer from dropping the work (sink is never 0 here).
        if sink == 0 { print("") }

        let size = bytes.count
        let enc = Self.stats(encodeMs)
        let dec = Self.stats(decodeMs)
        if json {
            let object: [String: Any] = [
                "list": list, "dict": dict, "strings_kb": kb, "iterations": iterations,
                "bytes": size, "kb": Double(size) / 1000,
                "encode_ms": ["median": enc.median, "mean": enc.mean, "min": enc.min],
                "decode_ms": ["median": dec.median, "mean": dec.mean, "min": dec.min],
                "monty_reference": ["kb": Self.montyKB, "dump_ms": Self.montyDumpMs, "load_ms": Self.montyLoadMs],
            ]
            let data = try JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys])
            print(String(decoding: data, as: UTF8.self))
            return
        }
        print("snapshot of a VM suspended at `await pause()`")
        print("  state: list of \(list) ints, dict of \(dict) str->int\(kb > 0 ? ", \(kb) x 1 KiB strings in globals" : "")")
        print("  encoded size: \(size) bytes = \(Self.fmt(Double(size) / 1000, 1)) KB (\(Self.fmt(Double(size) / 1024, 1)) KiB)")
        print("  \(iterations) iterations each (after \(warmup) warm-up)")
        print("                      median      mean       min")
        print("  encodeSnapshot   \(Self.col(enc.median)) \(Self.col(enc.mean)) \(Self.col(enc.min))  ms")
        print("  VM(snapshot:)    \(Self.col(dec.median)) \(Self.col(dec.mean)) \(Self.col(dec.min))  ms")
        if list == 1000 && dict == 1000 && kb == 0 {
            print(
                "  Monty (Rust) reference, same state: \(Self.fmt(Self.montyKB, 0)) KB, dump \(Self.montyDumpMs) ms, load \(Self.montyLoadMs) ms"
            )
            print(
                "  ratio vs Monty: size \(Self.fmt(Double(size) / 1000 / Self.montyKB, 2))x, "
                    + "encode \(Self.fmt(enc.median / Self.montyDumpMs, 2))x, decode \(Self.fmt(dec.median / Self.montyLoadMs, 2))x")
        } else {
            print(
                "  (Monty reference for list 1000 + dict 1000: \(Self.fmt(Self.montyKB, 0)) KB, dump \(Self.montyDumpMs) ms, load \(Self.montyLoadMs) ms)"
            )
        }
    }

    static func stats(_ xs: [Double]) -> (median: Double, mean: Double, min: Double) {
        (median(xs), xs.reduce(0, +) / Double(xs.count), xs.min() ?? .nan)
    }

    static func col(_ x: Double) -> String {
        let s = fmt(x, 3)
        return String(repeating: " ", count: max(0, 9 - s.count)) + s
    }
}
