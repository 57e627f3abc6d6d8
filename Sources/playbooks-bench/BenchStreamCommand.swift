import ArgumentParser
import Foundation
import PlaybooksLanguage

/// `playbooks-bench stream`: feeds a generated response of many statements through the
/// streaming executor whole and one character at a time, and measures how long after a
/// statement's last character arrives the statement has been parsed, compiled and run.
struct BenchStreamCommand: ParsableCommand, BenchCommandSupport {
    static let configuration = CommandConfiguration(
        commandName: "stream",
        abstract: "Micro-benchmark of the streaming executor (for Benchmarks/)."
    )

    @Option(help: "Statements in the generated response (a quarter of them if/else blocks).")
    var statements: Int = 10_000

    @Option(help: "Repetitions of each measurement (the median is reported).")
    var runs: Int = 5

    /// A response like an agent's: assignments, calls, f-strings and if/else blocks.
    func response() -> String {
        var out = ""
        var i = 0
        while i < statements {
            switch i % 4 {
            case 0: out += "total_\(i % 50) = \(i) * 3 + len('abc')\n"
            case 1: out += "label = f\"step {\(i)}: {\(i) % 7}\"\n"
            case 2: out += "items = [x * 2 for x in range(3)]\n"
            default:
                out += "if \(i) % 2 == 0:\n    flag = True\nelse:\n    flag = False\n"
            }
            i += 1
        }
        return out
    }

    func feed(_ text: String, chunkSize: Int?, latencies: inout [Double]) -> Double {
        let executor = StreamingExecutor()
        executor.output = { _ in }
        let clock = ContinuousClock()
        let start = clock.now
        if let chunkSize {
            var chunk = ""
            var started = 0
            for ch in text {
                chunk.append(ch)
                if chunk.utf8.count >= chunkSize {
                    let t0 = clock.now
                    _ = executor.feed(chunk)
                    if executor.statementsStarted > started {
                        // The feed that completed a statement also ran it: that time is the latency.
                        latencies.append(Self.seconds(clock.now - t0) * 1e6)
                        started = executor.statementsStarted
                    }
                    chunk = ""
                }
            }
            if !chunk.isEmpty { _ = executor.feed(chunk) }
        } else {
            _ = executor.feed(text)
        }
        _ = executor.finish()
        return Self.seconds(clock.now - start) * 1000
    }

    func run() throws {
        let text = response()
        var whole: [Double] = []
        var single: [Double] = []
        var latencies: [Double] = []
        var unused: [Double] = []
        for _ in 0..<runs {
            whole.append(feed(text, chunkSize: nil, latencies: &unused))
            single.append(feed(text, chunkSize: 1, latencies: &latencies))
        }
        let sorted = latencies.sorted()
        let p99 = sorted.isEmpty ? 0 : sorted[min(sorted.count - 1, sorted.count * 99 / 100)]
        print("response: \(statements) statements, \(text.utf8.count) bytes")
        print(String(format: "fed whole:            %8.1f ms (median of %d)", Self.median(whole), runs))
        print(
            String(
                format: "fed 1 char at a time: %8.1f ms (median of %d) = %.2fx whole (target <= 2x)", Self.median(single), runs,
                Self.median(single) / max(Self.median(whole), 0.001)))
        print(
            String(
                format: "last character -> statement parsed, compiled and run: median %.1f us, p99 %.1f us (%d statements)",
                Self.median(latencies), p99, latencies.count))
    }
}
