import Foundation
import Testing

/// A failed execution's traceback shows the user's code — the program's frames with its file and
/// lines, a reply's statements as `<llm>` — and none of the runtime's own frames.
@Suite("CLI: tracebacks show user code only")
struct CLITracebackTests {
    @Test func aPythonPlaybookErrorShowsOnlyTheProgramsFrames() throws {
        let directory = try CLI.temporaryDirectory("traceback")
        defer { try? FileManager.default.removeItem(at: directory) }
        let program = directory.appendingPathComponent("t.pb")
        try CLI.writeProgram(
            """
            @playbook
            async def Helper(x):
                return 10 / x

            @playbook
            async def Main():
                await Say("user", "hi")
                return await Helper(0)
            """, to: program)
        let outcome = try CLI.run(["run", "t.pb", "--non-interactive"], in: directory)
        #expect(outcome.status == 1, "\(outcome)")
        let expected = """
            Traceback (most recent call last):
              File "t.pb", line 11, in Main
                return await Helper(0)
              File "t.pb", line 6, in Helper
                return 10 / x
            ZeroDivisionError: division by zero

            """
        #expect(outcome.stderr.contains(expected), "\(outcome.stderr)")
        #expect(!outcome.stderr.contains("__pb"), "\(outcome.stderr)")
        #expect(!outcome.stderr.contains("<module>"), "\(outcome.stderr)")
    }
}
