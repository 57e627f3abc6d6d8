import Foundation

/// Helpers shared by the Program and Configuration tests.
enum ProgramTestSupport {
    /// The 1-based line of the first line of `text` that contains `needle`, or 0.
    static func line(of needle: String, in text: String) -> Int {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        for (index, line) in lines.enumerated() where line.contains(needle) { return index + 1 }
        return 0
    }

    /// A fresh empty directory under the temporary directory.
    static func temporaryDirectory() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("pb-program-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// The seed scenario as a program, with a Markdown playbook besides the Python ones.
    static let orderProgram = #"""
        ---
        title: front matter before the first agent is ignored
        ---

        # OrderAgent
        An agent that walks a customer through an order.
        It says hello, looks things up, and reports.

        ```python
        @playbook
        async def Main():
            await Step("Main:01:QUE")
            await Say("user", "Hello!")
            await Step("Main:02:CND")
            x = await SomePlaybook()
            await Say("user", f"Result: {x}")
            await Step("Main:03:ACT")
            data = await FetchData()
            await Say("user", f"Got data: {data}")
            y = await ProcessData(data)
            await Say("user", f"Processed: {y}")

        @playbook
        async def SomePlaybook():
            return 42

        @playbook
        async def FetchData():
            """Fetches the data.

            Returns a dict."""
            return {"items": [1, 2, 3]}

        @playbook
        async def ProcessData(data):
            return sum(data["items"])

        def helper(x):
            return x
        ```

        ## CheckOrder($order_id: str, verbose=False) -> dict
        Looks up an order
        and tells the user about it.

        ### Triggers
        - When the user asks about an order

        ### Steps
        - Ask the user for their order number
        - If the order number is missing
          - Tell the user we need it
          - Return None
        - Otherwise, look up the order
        - For each item in the order
          - Say the item's name
            and its price
        - Wait for the user's reply
        - Return the order

        ### Notes
        - Be polite
        - Never reveal internal ids
          - not even partially

        """#
}
