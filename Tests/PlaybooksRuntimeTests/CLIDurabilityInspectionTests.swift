import Foundation
import Testing

/// `executions list` / `show` and `checkpoints list` / `show` on real stores.
@Suite("CLIDurability: inspecting executions and checkpoints")
struct CLIDurabilityInspectionTests {
    @Test(arguments: CLIStore.allCases)
    func listsExecutionsAndShowsCheckpoints(store: CLIStore) throws {
        let directory = try CLI.temporaryDirectory("inspect")
        defer { try? FileManager.default.removeItem(at: directory) }
        let seedPath = try CLIProgram.seedExample.write(into: directory)
        let waitingPath = directory.appendingPathComponent("waiting.pb")
        try CLIDurabilityWaitingTests.program.text.write(to: waitingPath, atomically: true, encoding: .utf8)
        let s = store.argument(in: directory)

        let seed = try CLI.run(["run", seedPath, "--store", s, "--id", "seed-a"], in: directory)
        #expect(seed.status == 0, "\(seed)")
        let waiting = try CLI.run(["run", waitingPath.path, "--store", s, "--id", "wait-b", "--non-interactive"], in: directory)
        #expect(waiting.status == 3, "\(waiting)")
        let crashed = try CLI.run(
            ["run", seedPath, "--store", s, "--id", "crash-c"], in: directory,
            environment: ["PLAYBOOKS_FAILPOINT": "crash-after-checkpoint:10"])
        #expect(crashed.killedBySIGKILL, "\(crashed)")

        let list = try CLI.run(["executions", "list", "--store", s, "--json"], in: directory)
        #expect(list.status == 0, "\(list)")
        let rows = try #require(try CLI.json(list) as? [NSDictionary], "\(list)")
        let byID = Dictionary(rows.compactMap { row in (row["id"] as? String).map { ($0, row) } }, uniquingKeysWith: { a, _ in a })
        #expect(Set(byID.keys) == ["seed-a", "wait-b", "crash-c"], "\(list.stdout)")
        #expect(byID["seed-a"]?["status"] as? String == "finished")
        #expect(byID["wait-b"]?["status"] as? String == "waiting")
        #expect(byID["crash-c"]?["status"] as? String == "running")
        #expect(byID["seed-a"]?["checkpoints"] as? Int == 12)
        #expect(byID["crash-c"]?["checkpoints"] as? Int == 10)
        #expect(rows.compactMap { $0["id"] as? String } == ["seed-a", "wait-b", "crash-c"], "oldest first")

        let text = try CLI.run(["executions", "list", "--store", s], in: directory)
        #expect(text.status == 0)
        #expect(text.lines.count == 4, "\(text.stdout)")

        // The seed scenario's checkpoints: 12 awaits.
        let checkpoints = try CLI.run(["checkpoints", "list", "seed-a", "--store", s, "--json"], in: directory)
        let all = try #require(try CLI.json(checkpoints) as? [NSDictionary], "\(checkpoints)")
        #expect(all.map { $0["counter"] as? Int } == (1...12).map { Optional($0) })
        #expect(
            all.map { $0["call"] as? String }
                == ["Step", "Say", "Step", "Step", "Say", "Step", "Step", "SaveArtifact", "Say", "Step", "Say", "Say"])

        // Checkpoint 7 is `await Step("FetchData:01:EXE")`, inside FetchData called from Main's step 03.
        let shown = try CLI.run(["checkpoints", "show", "seed-a", "7", "--store", s, "--json"], in: directory)
        #expect(shown.status == 0, "\(shown)")
        let c7 = try #require(try CLI.json(shown) as? NSDictionary, "\(shown)")
        #expect(c7["counter"] as? Int == 7)
        #expect(c7["id"] as? String == "seed-a_ckpt_7")
        #expect(c7["executionID"] as? String == "seed-a")
        #expect(c7["statement"] as? String == "await Step(\"FetchData:01:EXE\")")
        #expect(c7["call"] as? String == "Step")
        let state = try #require(c7["state"] as? NSDictionary, "checkpoint 7 has no state: \(shown.stdout)")
        let stack = (state["callStack"] as? [NSDictionary])?.map { frame in
            (frame["step"] as? String) ?? (frame["playbook"] as? String) ?? "?"
        }
        #expect(stack == ["Main:03:ACT", "FetchData:01:EXE"], "\(shown.stdout)")
        #expect((state["callStack"] as? [NSDictionary])?.map { $0["playbook"] as? String } == ["Main", "FetchData"])
        #expect((state["variables"] as? [NSDictionary])?.compactMap { $0["name"] as? String } == ["x"])
        #expect((state["transcript"] as? [NSDictionary])?.count == 2)

        // Checkpoint 10 is ProcessData's Step; its state (up to the next await) is still inside ProcessData.
        let c10 = try CLI.json(try CLI.run(["checkpoints", "show", "seed-a", "10", "--store", s, "--json"], in: directory))
        let stack10 = (((c10 as? NSDictionary)?["state"] as? NSDictionary)?["callStack"] as? [NSDictionary])?.map {
            $0["step"] as? String
        }
        #expect(stack10 == ["Main:03:ACT", "ProcessData:01:EXE"])
        let c12 = try CLI.json(try CLI.run(["checkpoints", "show", "seed-a", "12", "--store", s, "--json"], in: directory))
        #expect((((c12 as? NSDictionary)?["state"] as? NSDictionary)?["transcript"] as? [NSDictionary])?.count == 5)

        // The text form too, and a checkpoint that does not exist.
        let plain = try CLI.run(["checkpoints", "show", "seed-a", "7", "--store", s], in: directory)
        #expect(plain.stdout.contains("call stack: [\"Main:03:ACT\", \"FetchData:01:EXE\"]"), "\(plain.stdout)")
        let none = try CLI.run(["checkpoints", "show", "seed-a", "13", "--store", s, "--json"], in: directory)
        #expect(none.status == 4, "\(none)")
        #expect(none.stderr.contains("seed-a"), "\(none.stderr)")

        // `executions show` of the crashed one: running, stopped in ProcessData at checkpoint 10.
        let show = try CLI.run(["executions", "show", "crash-c", "--store", s, "--json"], in: directory)
        let report = try #require(try CLI.json(show) as? NSDictionary, "\(show)")
        #expect((report["summary"] as? NSDictionary)?["status"] as? String == "running")
        #expect((report["lastCheckpoint"] as? NSDictionary)?["counter"] as? Int == 10)
        let crashStack = ((report["state"] as? NSDictionary)?["callStack"] as? [NSDictionary])?.map { $0["step"] as? String }
        #expect(crashStack == ["Main:03:ACT", "ProcessData:01:EXE"], "\(show.stdout)")
    }
}
