import PlaybooksRuntime

// `playbooks-bench durability`: the Python programs it runs.
extension BenchDurabilityCommand {
    /// `for i in range(n): await Step(...)`, nothing else.
    static func awaitsProgram(_ n: Int) -> ExecutionProgram {
        inline(
            """
            @playbook
            async def Main():
                for i in range(\(n)):
                    await Step(f"S:{i}")
                return \(n)
            """, name: "bench_awaits")
    }

    /// Builds a namespace of about `kib` KiB (`kib` strings of 1 KiB in a global list), then `n`
    /// awaits, each after changing one global int.
    static func namespaceProgram(kib: Int, awaits n: Int) -> ExecutionProgram {
        inline(
            """
            data = [str(i) + "x" * (1024 - len(str(i))) for i in range(\(kib))]
            counter = 0

            @playbook
            async def Main():
                global counter
                for i in range(\(n)):
                    counter = i
                    await Step(f"S:{i}")
                return len(data)
            """, name: "bench_namespace_\(kib)k")
    }

    /// The resume program: a namespace of `kib` KiB, `tail` steps, then a `Say` (record `tail + 1`,
    /// the first statement a resume after checkpoint `tail` runs live), then a few more steps.
    /// `Benchmarks/durability.sh` writes the same Python into a `.pb` for the whole-process timing.
    static func resumeProgram(kib: Int, tail: Int) -> ExecutionProgram {
        inline(
            """
            data = [str(i) + "x" * (1024 - len(str(i))) for i in range(\(kib))]

            @playbook
            async def Main():
                for i in range(\(tail + 5)):
                    if i == \(tail):
                        await Say("user", "first resumed statement")
                    await Step(f"S:{i}")
                return len(data)
            """, name: "bench_resume_\(kib)k_\(tail)")
    }

    static func inline(_ source: String, name: String) -> ExecutionProgram {
        ExecutionProgram(path: "\(name).py", text: source, agent: "Bench", pythonSource: source, entry: "Main")
    }
}
