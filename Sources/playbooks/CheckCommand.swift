import ArgumentParser
import Foundation
import PlaybooksRuntime

/// `playbooks check FILE.pb [--json]`: loads a program without running it and prints what it holds.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Load a .pb program without running it: print its agents, playbooks, step ids, metadata and triggers."
    )

    @Argument(help: "The program to check.")
    var file: String

    @Flag(help: "Print the report (or the error) as JSON.")
    var json = false

    func run() throws {
        do throws(ProgramError) {
            let check = ProgramCheck(program: try Program.load(path: file))
            print(json ? check.json : check.text, terminator: "")
        } catch {
            if json { print(error.checkJSON, terminator: "") }
            throw fail(error.description, status: ExitStatus.failed)
        }
    }
}
