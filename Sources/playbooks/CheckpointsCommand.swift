import ArgumentParser
import Foundation
import PlaybooksDurability
import PlaybooksRuntime

/// `playbooks checkpoints list ID` / `show ID N`.
struct CheckpointsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "checkpoints",
        abstract: "List and inspect an execution's checkpoints.",
        subcommands: [List.self, Show.self]
    )

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list",
            abstract: "List an execution's checkpoints, oldest first: steps, messages, playbook and tool calls, waits.")
        @Argument(help: "The execution's id.") var id: String
        @OptionGroup var storeOptions: StoreOptions
        @Flag(help: "Also list the LLM loop's own records (__PBPrompt__, __PBStart__, __PBNext__).") var all = false
        @Flag(help: "Print JSON.") var json = false

        func run() async throws {
            let (manager, _) = try await openManager(id, storeOptions)
            var checkpoints: [Checkpoint]
            do { checkpoints = try await manager.list() } catch { throw fail(error.description) }
            if !all { checkpoints.removeAll(where: \.isInternal) }
            if json { printJSON(checkpoints); return }
            print("N\tKIND\tLINE\tCALL\tRESULT\tSTATEMENT")
            for c in checkpoints {
                let line = c.lineIn.map { "\($0) \(c.line)" } ?? "\(c.line)"
                print("\(c.counter)\t\(c.kind)\t\(line)\t\(c.call)\t\(short(c.result))\t\(oneLine(c.statement))")
            }
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "show", abstract: "Show checkpoint N with the state right after it.")
        @Argument(help: "The execution's id.") var id: String
        @Argument(help: "The checkpoint number.") var number: Int
        @OptionGroup var storeOptions: StoreOptions
        @Flag(help: "Print JSON.") var json = false

        func run() async throws {
            let (manager, _) = try await openManager(id, storeOptions)
            let found: Checkpoint?
            do { found = try await manager.get(number) } catch { throw fail(error.description) }
            guard let c = found else { throw fail("execution \(id) has no checkpoint \(number)") }
            if json { printJSON(c); return }
            print("checkpoint \(c.id)")
            print("  counter: \(c.counter)  kind: \(c.kind)  time: \(iso8601(c.timestamp))")
            print("  statement (line \(c.line)): \(c.statement)")
            print("  call: \(c.call)(\(c.arguments.joined(separator: ", "))) -> \(c.result)")
            if let state = c.state {
                print("  call stack: \(state.callStackSummary)")
                print("  variables: " + state.variables.map { "$\($0.name)=\($0.value)" }.joined(separator: ", "))
                print("  namespace: " + state.namespace.map { "\($0.name)=\($0.value)" }.joined(separator: ", "))
                print("  messages: \(state.transcript.count)")
            }
        }
    }
}

func openManager(_ id: String, _ options: StoreOptions) async throws -> (CheckpointManager, ExecutionInfo) {
    let executionID = try parseExecutionID(id)
    let store: any CheckpointStore
    do { store = try options.openExisting() } catch { throw fail("\(error)") }
    let info: ExecutionInfo?
    do { info = try await store.loadExecution(executionID) } catch { throw fail(error.description) }
    guard let info else { throw fail("no execution \(executionID) in \(store.location)") }
    return (CheckpointManager(executionID: executionID, store: store, program: await inspectionProgram(for: info, in: store)), info)
}

/// A statement on one line: its first line, with `...` when there are more.
func oneLine(_ s: String) -> String {
    guard let end = s.firstIndex(of: "\n") else { return s }
    return String(s[..<end]) + " ..."
}

func short(_ s: String) -> String { s.count <= 40 ? s : String(s.prefix(37)) + "..." }
