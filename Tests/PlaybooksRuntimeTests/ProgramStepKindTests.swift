import Testing

@testable import PlaybooksRuntime

struct ProgramStepKindTests {
    static let examples: [(String, StepKind)] = [
        ("Ask the user for their name", .question),
        ("What is the user's order number?", .question),
        ("Get an answer to the user's question", .question),
        ("If the user is a VIP, ask for their card", .condition),
        ("When the order has shipped", .condition),
        ("Otherwise tell them it is pending", .condition),
        ("Else, apologise", .condition),
        ("Unless the user objects", .condition),
        ("In case of an error, retry", .condition),
        ("**If** the total is high", .condition),
        ("Return the order", .returning),
        ("End the playbook", .returning),
        ("Finish and say goodbye", .returning),
        ("Exit", .returning),
        ("Wait for the user's reply", .yield),
        ("Yield to the user", .yield),
        ("For each item in the order", .loop),
        ("While there are items left", .loop),
        ("Repeat until done", .loop),
        ("Greet the user", .execute),
        ("Look up the order with FetchData()", .execute),
        ("Iffy step without a condition word", .execute),
        ("Returning customers get a discount", .execute),
        ("", .execute),
    ]

    @Test(arguments: 0..<examples.count)
    func inference(index: Int) {
        let (text, kind) = Self.examples[index]
        #expect(StepKind.infer(from: text) == kind, "\(text)")
    }

    @Test func rawValuesAreThreeLetters() {
        #expect(StepKind.allCases.map(\.rawValue) == ["QUE", "CND", "EXE", "RET", "YLD", "LOP"])
    }

    @Test(arguments: [
        ("At the beginning", true), ("at the beginning of the conversation", true), ("When program starts", true),
        ("When the program starts.", true), ("T1:BGN At the beginning", true), ("BGN", true), ("On startup", true),
        ("When the agent starts", true), ("When the user says hello", false), ("At the end", false),
        ("Beginning of a sentence", false),
    ])
    func startTriggers(text: String, expected: Bool) {
        #expect(PlaybookTrigger.isStartTrigger(text) == expected, "\(text)")
    }
}
