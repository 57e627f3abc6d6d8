import PlaybooksLanguage

/// One agent of a running execution: its place in the society, its part of the program, its VM
/// (its code, `$` state variables, playbook call stack and LLM conversations, all data in the
/// snapshot) and what the host holds for it in this process (``AgentInstance``).
final class SocietyMember {
    /// The agent's index: 0 for the main agent, then the program's other AI agents in file order.
    /// Journal records name their agent by it.
    let index: Int
    /// The agent's name: its class (the `#` heading) for the agents the program starts with,
    /// `Class#N` for one made with `CreateAgent`. Messages and calls address agents by it.
    let name: String
    /// The agent's class: its part of the program.
    let program: ExecutionProgram
    let vm: VirtualMachine
    let agent: AgentInstance
    /// Set when an agent other than the main one ran to its end.
    var finished = false
    /// The VM's snapshot bytes when it did not run since they were encoded (cleared whenever the
    /// agent is selected to run): an idle agent is not encoded again for each society snapshot.
    var snapshotCache: [UInt8]?

    init(index: Int, name: String, program: ExecutionProgram, vm: VirtualMachine, agent: AgentInstance) {
        self.index = index
        self.name = name
        self.program = program
        self.vm = vm
        self.agent = agent
    }

    /// The VM's snapshot, encoded at most once between two runs of the agent.
    func snapshotBytes() -> [UInt8] {
        if let snapshotCache { return snapshotCache }
        let bytes = vm.encodeSnapshot()
        snapshotCache = bytes
        return bytes
    }
}
