import ArgumentParser
import Foundation
import PlaybooksDurability
import PlaybooksRuntime

/// `playbooks executions list|show|fork|trace`.
struct ExecutionsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "executions",
        abstract: "List and inspect executions.",
        subcommands: [List.self, Show.self, Fork.self, Trace.self]
    )

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list", abstract: "List the executions in a store, oldest first.")
        @OptionGroup var storeOptions: StoreOptions
        @Flag(help: "Print JSON.") var json = false

        func run() async throws {
            let store: any CheckpointStore
            do { store = try storeOptions.openExisting() } catch { throw fail("\(error)") }
            let damaged: [StoreError]
            do {
                var rows: [ExecutionSummary] = []
                let listing = try await store.listExecutionsReportingDamage()
                damaged = listing.damaged
                for info in listing.executions {
                    rows.append(ExecutionSummary(info: info, checkpoints: try await store.lastSequence(info.id)))
                }
                if json {
                    printJSON(rows)
                } else {
                    print("ID\tSTATUS\tCHECKPOINTS\tUPDATED\tPROGRAM")
                    for r in rows {
                        print("\(r.id)\t\(r.status.rawValue)\t\(r.checkpoints)\t\(r.updated)\t\(r.program)")
                    }
                }
            } catch { throw fail(error.description) }
            // The others are listed; each damaged one is reported, and the status says not all could be read.
            for damage in damaged { note(damage.description) }
            if !damaged.isEmpty { throw ExitCode(ExitStatus.executionError) }
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "show",
            abstract: "Show an execution: status, call stack, variables, last checkpoint; or its transcript.")
        @Argument(help: "The execution's id.") var id: String
        @OptionGroup var storeOptions: StoreOptions
        @Flag(help: "Print the durable transcript, one message per line.") var transcript = false
        @Flag(help: "Print JSON.") var json = false

        func run() async throws {
            let executionID = try parseExecutionID(id)
            let store: any CheckpointStore
            do { store = try storeOptions.openExisting() } catch { throw fail("\(error)") }
            let report: ExecutionReport
            do {
                guard let info = try await store.loadExecution(executionID) else {
                    throw fail("no execution \(executionID) in \(store.location)")
                }
                let program = await inspectionProgram(for: info, in: store)
                let manager = CheckpointManager(executionID: executionID, store: store, program: program)
                let latest = try await manager.latest()
                var state = latest?.state
                if state == nil {
                    state = try await ExecutionRunner.inspect(id: executionID, program: program, store: store).state
                }
                report = ExecutionReport(
                    summary: ExecutionSummary(info: info, checkpoints: latest?.counter ?? 0), info: info,
                    state: state ?? ExecutionState.empty,
                    lastCheckpoint: latest.map {
                        var c = $0; c.state = nil; return c
                    })
            } catch let error as ExecutionError {
                throw fail(error.description)
            } catch let error as StoreError { throw fail(error.description) }
            if transcript {
                if json { printJSON(report.state.transcript) } else { for m in report.state.transcript { print(m.description) } }
                return
            }
            if json { printJSON(report); return }
            print(report.text)
        }
    }
}

extension ExecutionsCommand {
    struct Fork: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "fork",
            abstract: "Start a new execution from a past checkpoint; the original is untouched.",
            discussion: "Continue the copy with `playbooks resume NEW_ID` (e.g. with --llm/--model for another model).")
        @Argument(help: "The execution to fork.") var id: String
        @Option(help: "The checkpoint to start from.") var from: Int
        @Option(help: "The new execution's id (default: a new one).") var newID: String?
        @OptionGroup var storeOptions: StoreOptions

        func run() async throws {
            let executionID = try parseExecutionID(id)
            let copyID = try newID.map(parseExecutionID)
            let store: any CheckpointStore
            do { store = try storeOptions.openExisting() } catch { throw fail("\(error)") }
            do {
                let copy = try await ExecutionRunner.fork(executionID, from: from, store: store, newID: copyID)
                print(copy)
                note(
                    "forked \(executionID) at checkpoint \(from) into \(copy); continue it with: "
                        + "playbooks resume \(copy)\(storeOptions.commandLineArguments)")
            } catch { throw fail(error.description) }
        }
    }
}

struct ExecutionSummary: Codable {
    var id: String
    var status: ExecutionStatus
    var checkpoints: Int
    var created: String
    var updated: String
    var program: String

    init(info: ExecutionInfo, checkpoints: Int) {
        id = info.id.rawValue
        status = info.status
        self.checkpoints = checkpoints
        created = iso8601(info.createdAt)
        updated = iso8601(info.updatedAt)
        program = info.programPath
    }
}

struct ExecutionReport: Codable {
    var summary: ExecutionSummary
    var info: ExecutionInfo
    var state: ExecutionState
    var lastCheckpoint: Checkpoint?

    var text: String {
        var lines: [String] = []
        lines.append("execution \(summary.id)")
        lines.append("  status: \(summary.status.rawValue)")
        if let w = info.attributes["waiting_for"] { lines.append("  waiting for: a message from \(w)") }
        lines.append("  program: \(summary.program) (sha256 \(info.programHash.prefix(12))...)")
        lines.append("  created: \(summary.created)  updated: \(summary.updated)")
        if let c = lastCheckpoint {
            lines.append("  last checkpoint: \(c.counter) at line \(c.line): \(c.statement)  -> \(c.call) = \(c.result)")
        } else {
            lines.append("  last checkpoint: none")
        }
        lines.append("  call stack:")
        if state.callStack.isEmpty { lines.append("    (empty)") }
        for frame in state.callStack {
            let line = frame.line.map { " line \($0)" } ?? ""
            lines.append("    \(frame.playbook)\(frame.step.map { " [\($0)]" } ?? "")\(line)")
            for l in frame.locals { lines.append("      \(l.name) = \(l.value)") }
        }
        lines.append("  variables:")
        if state.variables.isEmpty { lines.append("    (none)") }
        for v in state.variables { lines.append("    $\(v.name) = \(v.value)") }
        if let agents = state.agentStates {
            lines.append("  agents:")
            for agent in agents {
                lines.append("    \(agent.name)\(agent.waitingFor.map { ": \($0)" } ?? "")")
                for frame in agent.callStack {
                    lines.append("      \(frame.playbook)\(frame.step.map { " [\($0)]" } ?? "")\(frame.line.map { " line \($0)" } ?? "")")
                }
                for v in agent.variables { lines.append("      $\(v.name) = \(v.value)") }
            }
        }
        for m in state.meetingStates ?? [] {
            lines.append("  meeting \(m.id): \(m.topic), host \(m.host)\(m.ended ? " (ended)" : "")")
            let humans = m.humans ?? []
            let invited = m.invited.map { humans.contains($0) ? "\($0) (human)" : $0 }
            lines.append(
                "    invited: \(invited.joined(separator: ", "))\(m.joined.isEmpty ? "" : "; in it now: \(m.joined.joined(separator: ", "))")"
            )
            for v in m.sharedState { lines.append("    shared \(v.name) = \(v.value)") }
            lines.append("    messages: \(m.messages.count)")
        }
        if !state.artifacts.isEmpty {
            lines.append("  artifacts:")
            for a in state.artifacts { lines.append("    \(a.name): \(a.summary)") }
        }
        lines.append("  messages: \(state.transcript.count)")
        if let usage = state.llmUsage { lines.append("  llm: \(usage.summary)") }
        if let r = info.attributes["result"] { lines.append("  result: \(r)") }
        if let e = info.attributes["error"] {
            lines.append("  error:")
            for l in e.split(separator: "\n") { lines.append("    \(l)") }
        }
        return lines.joined(separator: "\n")
    }
}

func iso8601(_ date: Date) -> String {
    let f = ISO8601DateFormatter()
    f.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
    return f.string(from: date)
}

func printJSON<T: Encodable>(_ value: T) {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    encoder.dateEncodingStrategy = .iso8601
    if let data = try? encoder.encode(value), let text = String(data: data, encoding: .utf8) { print(text) }
}
