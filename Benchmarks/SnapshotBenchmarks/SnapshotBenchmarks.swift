import Benchmark
import PlaybooksLanguage

/// Snapshot encode and decode of a suspended VM (a list of 1,000 ints and a dict of 1,000
/// str -> int), on ordo-one/benchmark: `swift package benchmark --target SnapshotBenchmarks`.
/// The same state as `playbooks-bench snapshot`, which prints the sizes and Monty's reference numbers.
let benchmarks: @Sendable () -> Void = {
    let source = """
        items = [i * 7 - 3 for i in range(1000)]
        table = {f"key{i}": i * 11 for i in range(1000)}
        resumed = await pause()
        print(len(items), len(table), sum(items), table.get("key7"), resumed)
        """
    let vm = VirtualMachine()
    vm.registerHostFunction("pause")
    guard (try? vm.load(source: source, filename: "<snapshot-benchmark>")) != nil, case .suspended = vm.run() else {
        print("SnapshotBenchmarks: the program did not suspend at await pause()")
        return
    }
    let bytes = vm.encodeSnapshot()

    Benchmark("snapshot encode (list 1000, dict 1000)", configuration: .init(metrics: [.wallClock, .mallocCountTotal])) {
        benchmark in
        for _ in benchmark.scaledIterations { blackHole(vm.encodeSnapshot()) }
    }
    Benchmark("snapshot decode (list 1000, dict 1000)", configuration: .init(metrics: [.wallClock, .mallocCountTotal])) {
        benchmark in
        for _ in benchmark.scaledIterations { blackHole(try VirtualMachine(snapshot: bytes)) }
    }
}
