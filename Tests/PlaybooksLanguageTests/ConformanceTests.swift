import Foundation
import PlaybooksLanguage
import Testing

/// One program of the conformance corpus with the stdout and last stderr line CPython produced.
struct ConformanceProgram: CustomTestStringConvertible, Sendable {
    let path: String
    let relativePath: String
    var testDescription: String { relativePath }

    var source: String { (try? String(contentsOfFile: path, encoding: .utf8)) ?? "" }
    /// CPython's stdout, or nil when the `.out` file is missing: that is a failure of its own (see
    /// ``missingExpectation``), never "expect no output".
    var expectedStdout: String? { try? String(contentsOfFile: String(path.dropLast(3)) + ".out", encoding: .utf8) }
    /// Why this program cannot be checked (its `.out` file is missing), or nil.
    var missingExpectation: String? {
        guard expectedStdout == nil else { return nil }
        return "\(relativePath): the expected output \(relativePath.dropLast(3)).out is missing; "
            + "produce it with `cd Tests/PlaybooksLanguageTests/Conformance && python3 regenerate.py \(relativePath)`"
    }
    var expectedError: String? {
        (try? String(contentsOfFile: String(path.dropLast(3)) + ".err", encoding: .utf8))?
            .trimmingCharacters(in: .newlines)
    }
    var isAsync: Bool { source.contains("async def") || source.contains("await ") }

    static let all: [ConformanceProgram] = {
        guard let root = Bundle.module.url(forResource: "Conformance", withExtension: nil) else { return [] }
        var out: [ConformanceProgram] = []
        let files = FileManager.default.enumerator(atPath: root.path)
        while let f = files?.nextObject() as? String {
            if f.hasSuffix(".py") && f.contains("/") { out.append(ConformanceProgram(path: root.path + "/" + f, relativePath: f)) }
        }
        return out.sorted { $0.relativePath < $1.relativePath }
    }()

    /// Runs the program and describes any difference from CPython, or returns nil.
    func mismatch(checkpointEveryAwait: Bool = false) -> String? {
        guard let expectedStdout else { return missingExpectation }
        var stdout = ""
        let result = ScriptRunner.run(
            source: source, filename: (relativePath as NSString).lastPathComponent,
            checkpointEveryAwait: checkpointEveryAwait
        ) { stdout += $0 }
        var problems: [String] = []
        if stdout != expectedStdout {
            problems.append("stdout differs.\n--- expected\n\(expectedStdout)\n--- got\n\(stdout)")
        }
        let lastLine = result.errorOutput.split(separator: "\n").last.map(String.init)
        if let expectedError {
            if result.exitCode != 1 { problems.append("expected exit status 1, got \(result.exitCode)") }
            if lastLine != expectedError {
                problems.append(
                    "last stderr line differs.\nexpected: \(expectedError)\ngot:      \(lastLine ?? "(nothing)")\n\(result.errorOutput)")
            }
        } else if result.exitCode != 0 {
            problems.append("expected success, got exit status \(result.exitCode):\n\(result.errorOutput)")
        }
        return problems.isEmpty ? nil : problems.joined(separator: "\n")
    }
}

@Suite("Conformance with CPython 3.11")
struct ConformanceTests {
    @Test("the corpus is present")
    func corpusIsPresent() {
        #expect(ConformanceProgram.all.count >= 400)
    }

    @Test("a program without its .out file fails instead of expecting no output")
    func missingExpectedOutputFails() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("conformance-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("001_silent.py").path
        try "x = 1\n".write(toFile: path, atomically: true, encoding: .utf8)
        let program = ConformanceProgram(path: path, relativePath: "misc/001_silent.py")
        let problem = try #require(program.mismatch())
        #expect(problem.contains("001_silent.out") && problem.contains("regenerate.py"), "\(problem)")
        #expect(StreamingConformanceTests.mismatch(program, seed: 1) != nil)

        try "".write(toFile: String(path.dropLast(3)) + ".out", atomically: true, encoding: .utf8)
        #expect(program.mismatch() == nil, "an empty .out file is the expectation of no output")
    }

    @Test("program output matches CPython", arguments: ConformanceProgram.all)
    func matchesCPython(_ program: ConformanceProgram) {
        let problem = program.mismatch()
        #expect(problem == nil, "\(program.relativePath): \(problem ?? "")")
    }

    @Test(
        "async programs give the same output when the VM is saved and restored at every await",
        arguments: ConformanceProgram.all.filter(\.isAsync))
    func matchesWithCheckpoints(_ program: ConformanceProgram) {
        let problem = program.mismatch(checkpointEveryAwait: true)
        #expect(problem == nil, "\(program.relativePath): \(problem ?? "")")
    }
}
