/// Runs a whole script the way `python3 FILE.py` would: output goes to a closure, an uncaught
/// exception becomes a traceback and exit status 1, a syntax error is reported like CPython's.
///
/// ```swift
/// var out = ""
/// let result = ScriptRunner.run(source: "print(6 * 7)", filename: "x.py") { out += $0 }
/// // out == "42\n", result.exitCode == 0
/// ```
public enum ScriptRunner {
    public struct Result: Sendable, Equatable {
        public var exitCode: Int32
        /// What would go to stderr (a traceback or a syntax error report).
        public var errorOutput: String
        /// How many times the state was encoded, thrown away and decoded (`checkpointEveryAwait`).
        public var checkpoints: Int
        /// Total bytes of all encoded checkpoints.
        public var checkpointBytes: Int
    }

    /// - Parameters:
    ///   - checkpointEveryAwait: at every `await`, encode the VM, discard it, and continue from a
    ///     VM decoded from the bytes.
    public static func run(
        source: String, filename: String, limits: Limits = Limits(), checkpointEveryAwait: Bool = false,
        output: @escaping (String) -> Void
    ) -> Result {
        var vm = VirtualMachine(limits: limits)
        vm.output = output
        vm.stopsAtEveryAwait = checkpointEveryAwait
        var checkpoints = 0
        var bytesWritten = 0
        do {
            try vm.load(source: source, filename: filename)
        } catch {
            if error.isRecursionError {
                return Result(exitCode: 1, errorOutput: "\(error.kind): \(error.message)\n", checkpoints: 0, checkpointBytes: 0)
            }
            let lines = source.split(separator: "\n", omittingEmptySubsequences: false)
            var report = "  File \"\(filename)\", line \(error.line)\n"
            if error.line >= 1 && error.line <= lines.count {
                report += "    \(lines[error.line - 1].trimmingLeadingSpaces)\n"
            }
            report += "\(error.kind): \(error.message)\n"
            return Result(exitCode: 1, errorOutput: report, checkpoints: 0, checkpointBytes: 0)
        }
        while true {
            switch vm.run() {
            case .finished:
                return Result(exitCode: 0, errorOutput: "", checkpoints: checkpoints, checkpointBytes: bytesWritten)
            case .failed(let e):
                let lines = source.split(separator: "\n", omittingEmptySubsequences: false)
                let text = e.formattedTraceback(vm, filename: filename, sourceLines: lines)
                return Result(exitCode: 1, errorOutput: text, checkpoints: checkpoints, checkpointBytes: bytesWritten)
            case .awaitPoint:
                let bytes = vm.encodeSnapshot()
                checkpoints += 1
                bytesWritten += bytes.count
                do {
                    vm = try VirtualMachine(snapshot: bytes, limits: limits)
                } catch {
                    return Result(
                        exitCode: 70, errorOutput: "internal error: a checkpoint failed to decode: \(error)\n", checkpoints: checkpoints,
                        checkpointBytes: bytesWritten)
                }
                vm.output = output
                vm.stopsAtEveryAwait = true
            case .suspended(let call):
                vm.resume(throwing: PyException(Types.nameError, "name '\(call.name)' is not defined"))
            }
        }
    }
}
