import Foundation
import PlaybooksLanguage
import Testing

@testable import PlaybooksRuntime

struct ProgramParsingTests {
    let text = ProgramTestSupport.orderProgram
    func line(_ needle: String) -> Int { ProgramTestSupport.line(of: needle, in: text) }

    @Test func agentNameAndDescription() throws {
        let program = try Program(parsing: text, path: "order.pb")
        #expect(program.agents.count == 1)
        #expect(program.mainAgent.name == "OrderAgent")
        #expect(program.mainAgent.line == line("# OrderAgent"))
        #expect(
            program.mainAgent.description
                == "An agent that walks a customer through an order.\nIt says hello, looks things up, and reports.")
        #expect(program.path == "order.pb")
        #expect(program.text == text)
    }

    @Test func pythonPlaybooks() throws {
        let program = try Program(parsing: text, path: "order.pb")
        let agent = program.mainAgent
        #expect(agent.playbooks.map(\.name) == ["Main", "SomePlaybook", "FetchData", "ProcessData", "CheckOrder"])
        let main = try #require(agent.playbook(named: "Main"))
        #expect(main.kind == .python)
        #expect(main.isAsync)
        #expect(main.parameters.isEmpty)
        #expect(main.line == line("async def Main"))
        #expect(main.lastLine == line(#"await Say("user", f"Processed: {y}")"#))
        #expect(!main.requiresLLM)
        #expect(main.agentName == "OrderAgent")

        let process = try #require(agent.playbook(named: "ProcessData"))
        #expect(process.parameters == ["data"])
        #expect(process.signature == "ProcessData(data)")
        #expect(process.line == line("async def ProcessData"))

        let fetch = try #require(agent.playbook(named: "FetchData"))
        #expect(fetch.description == "Fetches the data.\n\nReturns a dict.")
        #expect(agent.playbook(named: "helper") == nil)
    }

    @Test func pythonBlockKeepsSourceAndPbLines() throws {
        let program = try Program(parsing: text, path: "order.pb")
        let block = try #require(program.mainAgent.pythonBlocks.first)
        #expect(program.mainAgent.pythonBlocks.count == 1)
        #expect(block.firstLine == line("```python") + 1)
        #expect(block.source.hasPrefix("@playbook\nasync def Main():\n"))
        #expect(block.source.hasSuffix("def helper(x):\n    return x\n"))
        #expect(block.lastLine == line("    return x"))
        #expect(block.agentName == "OrderAgent")
        // The syntax tree carries .pb lines, so tracebacks point into the program file.
        let first = try #require(block.module.body.first)
        #expect(first.line == line("async def Main"))
        #expect(program.mainAgent.playbook(named: "Main")?.pythonBlock == block)
    }

    @Test func playbookOnPlainDefAndDecoratorWithTriggers() throws {
        let source = """
            # Bot

            ```py
            @playbook
            def Sync(a, b=2, *rest, key, **options):
                return a

            @playbook(triggers=["At the beginning", "When the user says hi"])
            async def Greet():
                pass
            ```
            """
        let program = try Program(parsing: source, path: "bot.pb")
        let sync = try #require(program.playbook(named: "Sync"))
        #expect(!sync.isAsync)
        #expect(sync.parameters == ["a", "b", "*rest", "key", "**options"])
        let greet = try #require(program.playbook(named: "Greet"))
        #expect(greet.triggers.map(\.text) == ["At the beginning", "When the user says hi"])
        #expect(greet.triggers.map(\.isStartTrigger) == [true, false])
        #expect(try program.entryPlaybook.name == "Greet")
    }

    @Test func severalAgents() throws {
        let source = """
            # Front
            Talks to the user.

            ## Main
            ### Steps
            - Greet the user

            # Back
            Does the work.

            ```python
            @playbook
            async def Work(item):
                return item
            ```
            """
        let program = try Program(parsing: source, path: "two.pb")
        #expect(program.agents.map(\.name) == ["Front", "Back"])
        #expect(program.mainAgent.name == "Front")
        #expect(program.agents[1].description == "Does the work.")
        #expect(program.agents[1].playbooks.map(\.name) == ["Work"])
        #expect(program.playbook(named: "Work")?.agentName == "Back")
        #expect(program.playbook(named: "Work", agent: "Front") == nil)
        #expect(program.agent(named: "Back")?.pythonBlocks.count == 1)
        #expect(try program.entryPlaybook.name == "Main")
        #expect(program.requiresLLM)
    }

    @Test func pythonBlocksUnderAnH2AreGroupedNotMarkdownPlaybooks() throws {
        let source = """
            # Tools agent

            ## Helpers and tools
            These are the Python tools.

            ```python
            @playbook
            async def Main():
                return await Lookup("x")
            ```

            ## More tools
            ```python
            @playbook
            async def Lookup(key):
                return key
            ```
            """
        let program = try Program(parsing: source, path: "tools.pb")
        #expect(program.mainAgent.playbooks.map(\.name) == ["Main", "Lookup"])
        #expect(program.mainAgent.playbooks.allSatisfy { $0.kind == .python })
        #expect(program.mainAgent.pythonBlocks.map(\.firstLine) == [7, 14])
        #expect(!program.requiresLLM)
    }

    @Test func headingsInsideNonPythonFencesAreText() throws {
        let source = """
            # Agent
            ```text
            # Not an agent
            ## Not a playbook
            ```

            ## Main
            Example:
            ```json
            {"# key": 1}
            ```
            """
        let program = try Program(parsing: source, path: "fences.pb")
        #expect(program.agents.map(\.name) == ["Agent"])
        #expect(program.mainAgent.playbooks.map(\.name) == ["Main"])
        let main = try #require(program.playbook(named: "Main"))
        #expect(main.description == "Example:\n```json\n{\"# key\": 1}\n```")
    }

    @Test func crlfLineEndingsParseLikeLF() throws {
        let lf = ProgramTestSupport.orderProgram
        let crlf = lf.replacingOccurrences(of: "\n", with: "\r\n")
        let a = try Program(parsing: lf, path: "p.pb")
        let b = try Program(parsing: crlf, path: "p.pb")
        #expect(a.agents == b.agents)
        #expect(a.hash != b.hash)
    }

    @Test func hashIsTheSHA256OfTheFileBytes() throws {
        // Digests from python3 hashlib.sha256 over the same bytes.
        let lf = "# A\n\n```python\n@playbook\nasync def Main():\n    pass\n```\n"
        #expect(try Program(parsing: lf, path: "a.pb").hash == "d21c28b3a3d167f7cf288cec4cef43d02c87ac9762658f54b6414c3b27d7d3d3")
        let crlf = lf.replacingOccurrences(of: "\n", with: "\r\n")
        #expect(try Program(parsing: crlf, path: "a.pb").hash == "7311341966c7ca49244232170c9a4e6603fece09bbd5f810379e2abb58350b52")
    }

    @Test func loadReadsTheFile() throws {
        let directory = try ProgramTestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/a.pb"
        try Data("# A\n\n```python\n@playbook\nasync def Main():\n    pass\n```\n".utf8).write(to: URL(fileURLWithPath: path))
        let program = try Program.load(path: path)
        #expect(program.hash == "d21c28b3a3d167f7cf288cec4cef43d02c87ac9762658f54b6414c3b27d7d3d3")
        #expect(program.path == path)
        #expect(program.directory == URL(fileURLWithPath: directory).standardizedFileURL.path)
    }

    @Test func loadErrors() throws {
        let directory = try ProgramTestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let missing = directory + "/missing.pb"
        let error = #expect(throws: ProgramError.self) { try Program.load(path: missing) }
        #expect(error?.kind == .unreadable)
        #expect(error?.description == "\(missing): cannot read the program file")

        let binary = directory + "/binary.pb"
        try Data([0x23, 0x20, 0xff, 0xfe]).write(to: URL(fileURLWithPath: binary))
        let encoding = #expect(throws: ProgramError.self) { try Program.load(path: binary) }
        #expect(encoding?.kind == .invalidEncoding)
    }
}
