/// The three-letter kind of a Markdown playbook step, inferred from its text without an LLM.
///
/// The kind appears in step ids the LLM is shown and writes back, e.g. `Main:01:QUE`.
///
/// Rules, applied in this order to the step text (leading Markdown emphasis and backticks removed,
/// compared case-insensitively; "first word" means the text up to the first character that is not a
/// letter or an apostrophe):
/// 1. ``condition`` (`CND`): the first word is `if`, `when`, `whenever`, `otherwise`, `else`, `elif`,
///    `elseif` or `unless`, or the text starts with `in case`.
/// 2. ``loop`` (`LOP`): the text starts with `for each`, `for every`, `for all`, `for each of`, or the
///    first word is `while`, `repeat`, `loop` or `iterate`.
/// 3. ``returning`` (`RET`): the first word is `return`, `finish` or `exit`, or the text starts with
///    `end the playbook`, `end playbook`, `end the program`, `end program`, `end the conversation`
///    or `end conversation`.
/// 4. ``yield`` (`YLD`): the first word is `wait` or `yield`.
/// 5. ``question`` (`QUE`): the first word is `ask`, the text contains `ask the user`, `ask user` or
///    `question`, or it ends with `?`.
/// 6. Otherwise ``execute`` (`EXE`).
///
/// So "If the user is a VIP, ask for their card" is `CND` (rule 1 wins over rule 5), "Wait for the
/// user's answer" is `YLD`, and "Greet the user" is `EXE`.
public enum StepKind: String, Sendable, Equatable, CaseIterable, Codable {
    /// Ask the user something.
    case question = "QUE"
    /// A condition: the nested steps run only when it holds.
    case condition = "CND"
    /// Do something: say, call, compute.
    case execute = "EXE"
    /// Return from the playbook.
    case returning = "RET"
    /// Wait for a message (from the user or another agent).
    case yield = "YLD"
    /// Repeat the nested steps.
    case loop = "LOP"

    /// The kind of the step whose text is `text`, by the rules above.
    public static func infer(from text: String) -> StepKind {
        let normalized = normalize(text)
        let first = firstWord(of: normalized)
        func startsWithAny(_ prefixes: [String]) -> Bool {
            prefixes.contains { normalized == $0 || normalized.hasPrefix($0 + " ") || normalized.hasPrefix($0 + ",") }
        }
        if ["if", "when", "whenever", "otherwise", "else", "elif", "elseif", "unless"].contains(first)
            || startsWithAny(["in case"])
        {
            return .condition
        }
        if ["while", "repeat", "loop", "iterate"].contains(first) || startsWithAny(["for each", "for every", "for all"]) {
            return .loop
        }
        if ["return", "finish", "exit"].contains(first)
            || startsWithAny([
                "end the playbook", "end playbook", "end the program", "end program", "end the conversation",
                "end conversation",
            ])
        {
            return .returning
        }
        if ["wait", "yield"].contains(first) {
            return .yield
        }
        if first == "ask" || normalized.contains("ask the user") || normalized.contains("ask user")
            || normalized.contains("question") || normalized.hasSuffix("?")
        {
            return .question
        }
        return .execute
    }

    /// Lowercased, trimmed, without leading emphasis markers or backticks.
    private static func normalize(_ text: String) -> String {
        var scalars = Substring(text.lowercased())
        while let first = scalars.first, first == "*" || first == "_" || first == "`" || first.isWhitespace {
            scalars = scalars.dropFirst()
        }
        while let last = scalars.last, last.isWhitespace || last == "*" || last == "_" {
            scalars = scalars.dropLast()
        }
        return String(scalars)
    }

    private static func firstWord(of text: String) -> String {
        String(text.prefix { $0.isLetter || $0 == "'" })
    }
}
