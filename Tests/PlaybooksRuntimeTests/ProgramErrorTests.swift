import Testing

@testable import PlaybooksRuntime

struct ProgramErrorTests {
    func failure(_ source: String, path: String = "bad.pb") -> ProgramError? {
        #expect(throws: ProgramError.self) { try Program(parsing: source, path: path) }
    }

    @Test func noAgent() {
        let error = failure("Just some text.\n\n## Main\n")
        // An H2 before any H1 is reported first; a file with no headings at all has no agent.
        #expect(error?.kind == .playbookOutsideAgent)
        #expect(error?.line == 3)
        let empty = failure("Just some text.\n")
        #expect(empty?.kind == .noAgent)
        #expect(empty?.description == "bad.pb:1: no agent: a program needs an `# AgentName` heading")
        #expect(failure("")?.kind == .noAgent)
    }

    @Test func duplicatePlaybookNames() {
        let source = """
            # Agent

            ```python
            @playbook
            async def Main():
                pass
            ```

            ## Main
            ### Steps
            - Say hi
            """
        let error = failure(source)
        #expect(error?.kind == .duplicatePlaybook(name: "Main"))
        #expect(error?.line == 9)
        #expect(error?.description == "bad.pb:9: duplicate playbook `Main` in agent `Agent` (first defined on line 5)")
    }

    @Test func duplicatesAcrossAgentsAreAllowed() throws {
        let source = "# A\n## Main\n# B\n## Main\n"
        let program = try Program(parsing: source, path: "ok.pb")
        #expect(program.agents.map { $0.playbooks.map(\.name) } == [["Main"], ["Main"]])
    }

    @Test func pythonOutsideAgent() {
        let error = failure("Intro\n\n```python\nx = 1\n```\n# Agent\n")
        #expect(error?.kind == .pythonOutsideAgent)
        #expect(error?.line == 3)
        #expect(error?.path == "bad.pb")
    }

    @Test func unterminatedFence() {
        let error = failure("# Agent\n\n```python\n@playbook\nasync def Main():\n    pass\n")
        #expect(error?.kind == .unterminatedFence)
        #expect(error?.line == 3)
        #expect(error?.description == "bad.pb:3: code fence opened here (```python) is never closed")
        // A shorter fence does not close a longer one.
        #expect(failure("# A\n````\ncode\n```\n")?.kind == .unterminatedFence)
    }

    @Test func unparsableSignature() {
        let source = "# Agent\n\n## Look up (the order\n### Steps\n- Do it\n"
        let error = failure(source)
        #expect(error?.kind == .invalidSignature(heading: "Look up (the order"))
        #expect(error?.line == 3)
        // A name in words (`## Two words`) is a playbook since the original's format is read: `TwoWords`.
        for heading in ["Main(a b)", "Main() ->", "1stPlaybook", "Main(a,,b)", "Main(x:)", "Main() trailing"] {
            let e = failure("# A\n## \(heading)\n")
            #expect(e?.kind == .invalidSignature(heading: heading), "\(heading)")
        }
    }

    @Test func pythonSyntaxErrorNamesThePbLine() {
        let source = """
            # Agent
            Description.

            ```python
            @playbook
            async def Main():
                x = (1 +
                y = 2
            ```
            """
        let error = failure(source, path: "prog.pb")
        #expect(error?.kind == .pythonSyntax)
        #expect(error?.path == "prog.pb")
        #expect(error?.line == 7)
        #expect(error?.message.hasPrefix("SyntaxError: ") == true)
        #expect(error?.message.hasSuffix("(python block of agent `Agent`)") == true)
    }

    @Test func pythonErrorInSecondBlockUsesItsOwnLines() {
        let source = """
            # Agent
            ```python
            @playbook
            async def Main():
                pass
            ```

            ## Tools
            ```python
            def ok():
                pass

            def broken(:
                pass
            ```
            """
        let error = failure(source)
        #expect(error?.kind == .pythonSyntax)
        #expect(error?.line == 13)
    }

    @Test func compileErrorsAreSyntaxErrorsToo() {
        let source = "# Agent\n```python\nx = 1\nreturn x\n```\n"
        let error = failure(source)
        #expect(error?.kind == .pythonSyntax)
        #expect(error?.line == 4)
        #expect(error?.message.contains("'return' outside function") == true)
    }

    @Test func indentationErrorKind() {
        let error = failure("# Agent\n```python\ndef f():\nreturn 1\n```\n")
        #expect(error?.kind == .pythonSyntax)
        #expect(error?.line == 4)
        #expect(error?.message.hasPrefix("IndentationError") == true)
    }

    @Test func noEntryPlaybook() throws {
        let program = try Program(parsing: "# Agent\n## Helper\n### Triggers\n- When asked\n", path: "x.pb")
        let error = #expect(throws: ProgramError.self) { try program.entryPlaybook }
        #expect(error?.kind == .noEntryPlaybook)
        #expect(
            error?.description == "x.pb:1: no playbook to start: add `## Main` or a `### Triggers` with `At the beginning`")
    }

    @Test func startTriggerWinsOverMain() throws {
        let source = "# Agent\n## Main\n## Welcome\n### Triggers\n- At the beginning\n"
        #expect(try Program(parsing: source, path: "x.pb").entryPlaybook.name == "Welcome")
    }
}
