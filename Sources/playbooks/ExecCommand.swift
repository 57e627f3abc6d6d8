import ArgumentParser
import Foundation
import PlaybooksLanguage

#if canImport(Glibc)
    import Glibc
#endif

/// `playbooks exec FILE.py`: runs a script like `python3 FILE.py`.
struct ExecCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "exec",
        abstract: "Run a Python script with the interpreter (same stdout as python3)."
    )

    @Argument(help: "The script to run.")
    var file: String

    @Flag(help: "At every await, encode the VM state to bytes, discard the VM and continue from a decoded copy.")
    var checkpointEveryAwait = false

    @Option(help: "Stop after about this many executed instructions.")
    var maxInstructions: Int?

    @Option(help: "Maximum recursion depth (1 to \(Limits.maxSupportedRecursionDepth)).")
    var recursionLimit: Int = Limits().maxRecursionDepth

    @Option(help: "Approximate limit on bytes held by the heap.")
    var maxMemory: Int?

    @Option(help: "Wall-time limit in seconds.")
    var timeout: Double?

    @Flag(help: "Feed the file through the streaming executor, statement by statement.")
    var stream = false

    @Option(help: "With --stream: feed the file in chunks of this many characters.")
    var chunkSize: Int?

    @Option(help: "With --stream: feed the file in chunks of 1 to 40 characters drawn from this seed.")
    var randomChunks: UInt64?

    func validate() throws {
        if let maxInstructions { try NumericOptionRange.integer(maxInstructions, option: "--max-instructions", in: 1...Int.max) }
        try NumericOptionRange.integer(recursionLimit, option: "--recursion-limit", in: 1...Limits.maxSupportedRecursionDepth)
        if let maxMemory { try NumericOptionRange.integer(maxMemory, option: "--max-memory", in: 1...Int.max) }
        if let timeout { _ = try NumericOptionRange.seconds(timeout, option: "--timeout", minimum: 0.001) }
        if let chunkSize { try NumericOptionRange.integer(chunkSize, option: "--chunk-size", in: 1...Int.max) }
    }

    func run() throws {
        let limits = Limits(
            maxInstructions: maxInstructions, maxRecursionDepth: recursionLimit, maxMemoryBytes: maxMemory,
            maxDuration: try timeout.map { (t) throws(ValidationError) in
                try NumericOptionRange.seconds(t, option: "--timeout", minimum: 0.001)
            })
        var chunking: ((String) -> [String])?
        if let seed = randomChunks {
            chunking = { StreamChunker.chunks(of: $0, seed: seed) }
        } else if stream || chunkSize != nil {
            chunking = { [chunkSize] in StreamChunker.chunks(of: $0, size: chunkSize ?? max(1, $0.unicodeScalars.count)) }
        }
        try Self.run(file, limits: limits, checkpointEveryAwait: checkpointEveryAwait, chunking: chunking)
    }

    /// Runs the script at `file`; with `chunking`, through the streaming executor in the chunks
    /// it cuts the source into. Throws `ExitCode` for a failed run (the error is on stderr).
    static func run(
        _ file: String, limits: Limits = Limits(), checkpointEveryAwait: Bool = false,
        chunking: ((String) -> [String])? = nil
    ) throws {
        guard let data = FileManager.default.contents(atPath: file) else {
            FileHandle.standardError.write(Data("playbooks: cannot read '\(file)'\n".utf8))
            throw ExitCode(2)
        }
        // A UTF-8 byte-order mark at the start is not part of the source (as for CPython).
        let bom: [UInt8] = [0xEF, 0xBB, 0xBF]
        let source = String(decoding: data.starts(with: bom) ? data.dropFirst(bom.count) : data[...], as: UTF8.self)
        let output = StandardOutput()
        if let chunking {
            let result = StreamRunner.run(
                chunks: chunking(source), filename: file, limits: limits, checkpointEveryAwait: checkpointEveryAwait,
                output: output.write)
            output.flush()
            if let error = result.error { FileHandle.standardError.write(Data((error.message + "\n").utf8)) }
            if result.exitCode != 0 { throw ExitCode(result.exitCode) }
            return
        }
        let result = ScriptRunner.run(
            source: source, filename: file, limits: limits, checkpointEveryAwait: checkpointEveryAwait,
            output: output.write)
        output.flush()
        if !result.errorOutput.isEmpty { FileHandle.standardError.write(Data(result.errorOutput.utf8)) }
        if result.exitCode != 0 { throw ExitCode(result.exitCode) }
    }
}

/// Buffered standard output, written with write(2).
final class StandardOutput: @unchecked Sendable {
    private var buffer: [UInt8] = []

    func write(_ s: String) {
        buffer.append(contentsOf: s.utf8)
        if buffer.count > 1 << 16 { flush() }
    }

    func flush() {
        buffer.withUnsafeBufferPointer { p in
            var offset = 0
            while offset < p.count, let base = p.baseAddress {
                let n = Glibc.write(1, base + offset, p.count - offset)
                if n <= 0 { break }
                offset += n
            }
        }
        buffer.removeAll(keepingCapacity: true)
    }
}
