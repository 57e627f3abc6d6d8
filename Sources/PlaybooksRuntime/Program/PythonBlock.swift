import PlaybooksLanguage

/// One ```` ```python ```` block of a `.pb` program: its source, where it sits in the file, and its
/// parsed syntax tree.
///
/// The parser was given ``firstLine``, so every line number in ``module`` (and in tracebacks of code
/// compiled from it) is a line of the `.pb` file, not of the block.
public struct PythonBlock: Sendable, Equatable {
    /// The code between the fences, each line ending in `\n`.
    public var source: String
    /// The `.pb` line of the block's first source line (the line after the opening fence).
    public var firstLine: Int
    /// The agent whose section holds the block.
    public var agentName: String
    /// The parsed block; line numbers are `.pb` lines.
    public var module: Module

    public init(source: String, firstLine: Int, agentName: String, module: Module) {
        self.source = source
        self.firstLine = firstLine
        self.agentName = agentName
        self.module = module
    }

    /// The `.pb` line of the block's last source line.
    public var lastLine: Int {
        var count = 0
        for byte in source.utf8 where byte == UInt8(ascii: "\n") { count += 1 }
        return firstLine + max(count, 1) - 1
    }
}
